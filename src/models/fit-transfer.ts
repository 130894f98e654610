/**
 * What passes between the build and the worker threads that fit the models (fit-pool.ts,
 * fit-worker.ts): a task is a model's definition with its frame as level indices, an answer is
 * its outcome or the error its fit threw.
 *
 * Structured cloning keeps plain data and typed arrays, but of an error only its message and
 * stack, and of a class instance only its fields. A ModelError (in a failed model's outcome, or
 * thrown with bijFout 'stoppen'), an InputError and an InternalError are therefore sent as their
 * fields and built again on the other side, so that the user reads exactly what a fit on the
 * build's own thread would have said. The result cache (src/pipeline/cache.ts) stores a failed
 * model's ModelError the same way.
 */
import { InputError, InternalError } from '../util/errors.ts';
import type { Diagnostic } from '../util/diagnostic.ts';
import { ModelError, type ModelFailure } from './errors.ts';
import type { ModelDefinitie, ModelFrameCodes } from './frames.ts';
import type { BijFout, ModelUitkomst } from './uitkomst.ts';

/** A ModelError as its fields: what its constructor takes. */
interface ModelFoutVelden {
  model: string;
  failure: ModelFailure;
  /** The message without its `Model <model>: ` prefix (the constructor adds it). */
  bericht: string;
  terms: readonly string[];
}

function modelFoutVelden(e: ModelError): ModelFoutVelden {
  const prefix = `Model ${e.model}: `;
  const eerste = e.messages[0] ?? '';
  return { model: e.model, failure: e.failure, bericht: eerste.startsWith(prefix) ? eerste.slice(prefix.length) : eerste, terms: e.terms };
}

function modelFoutUitVelden(f: ModelFoutVelden): ModelError {
  return new ModelError(f.model, f.failure, f.bericht, f.terms);
}

/** A model's outcome with a failed model's ModelError as its fields. */
export type VerzondenUitkomst = Exclude<ModelUitkomst, { status: 'fout' }> | (Omit<Extract<ModelUitkomst, { status: 'fout' }>, 'fout'> & { fout: ModelFoutVelden });

export function verzendUitkomst(u: ModelUitkomst): VerzondenUitkomst {
  return u.status === 'fout' ? { ...u, fout: modelFoutVelden(u.fout) } : u;
}

export function ontvangUitkomst(u: VerzondenUitkomst): ModelUitkomst {
  return u.status === 'fout' ? { ...u, fout: modelFoutUitVelden(u.fout) } : u;
}

/** An error thrown by a fit, as it crosses to the other thread. */
export type VerzondenFout =
  | { readonly soort: 'model'; readonly velden: ModelFoutVelden }
  | { readonly soort: 'invoer'; readonly diagnostics: readonly Diagnostic[]; readonly hint: string | undefined }
  | { readonly soort: 'intern'; readonly message: string; readonly stack: string | undefined }
  /** Anything else: cloned as it is (an Error keeps its kind, message and stack). */
  | { readonly soort: 'anders'; readonly fout: unknown };

export function verzendFout(e: unknown): VerzondenFout {
  if (e instanceof ModelError) return { soort: 'model', velden: modelFoutVelden(e) };
  if (e instanceof InputError) return { soort: 'invoer', diagnostics: e.diagnostics, hint: e.hint };
  if (e instanceof InternalError) return { soort: 'intern', message: e.message, stack: e.stack };
  return { soort: 'anders', fout: e };
}

export function ontvangFout(f: VerzondenFout): unknown {
  switch (f.soort) {
    case 'model':
      return modelFoutUitVelden(f.velden);
    case 'invoer':
      return new InputError(f.diagnostics, f.hint);
    case 'intern': {
      const e = new InternalError('');
      e.message = f.message;
      e.stack = f.stack;
      return e;
    }
    case 'anders':
      return f.fout;
  }
}

/** One model to fit: its definition, its frame (which it may share with another model) and the rule. */
export interface FitTaak {
  readonly definitie: ModelDefinitie;
  readonly frame: ModelFrameCodes;
  readonly k: number;
  readonly bijFout: BijFout;
}

/** From the pool to a worker: a task, numbered. */
export interface FitOpdracht {
  readonly nr: number;
  readonly taak: FitTaak;
}

/** From a worker to the pool: ready for a task, or the outcome of task nr. */
export type FitAntwoord =
  | { readonly soort: 'klaar' }
  | { readonly soort: 'uitkomst'; readonly nr: number; readonly uitkomst: VerzondenUitkomst }
  | { readonly soort: 'fout'; readonly nr: number; readonly fout: VerzondenFout };
