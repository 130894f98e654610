/**
 * Worker threads that fit the models while the build's own thread goes on (the indicator counts
 * in DuckDB, disclosure control, the Kaplan–Meier curves): see src/pipeline/compute.ts.
 *
 * A task goes to a free worker at once, or waits for the first worker that is ready or done
 * with its last one; tasks go out in the order they came (run.ts hands them in model order, the
 * largest first, once every frame is read). Each task has its own outcome or error.
 *
 * The worker loads its module as ../util/worker.ts says (from the bundle, or through tsx), and
 * does not need the build's Node options. A worker dies with the process: a build that is
 * interrupted or killed leaves none behind.
 */
import { Worker } from 'node:worker_threads';
import { InternalError } from '../util/errors.ts';
import { workerCode } from '../util/worker.ts';
import { ontvangFout, ontvangUitkomst, type FitAntwoord, type FitTaak } from './fit-transfer.ts';
import type { ModelUitkomst } from './uitkomst.ts';

const WORKER = new URL('./fit-worker.ts', import.meta.url).href;

export interface FitPool {
  /** Fits the task in a worker, when one is free: its outcome, or the error its fit threw. */
  fit(taak: FitTaak): Promise<ModelUitkomst>;
  /** Ends the workers; a fit still running or waiting fails with an InternalError. Safe to call twice. */
  stop(): Promise<void>;
}

interface Opdracht {
  readonly taak: FitTaak;
  readonly resolve: (u: ModelUitkomst) => void;
  readonly reject: (e: unknown) => void;
}

/** A task handed to a worker: only how to answer it (the worker has its own copy of the frame). */
type Gegeven = Omit<Opdracht, 'taak'>;

/** Starts `aantal` workers; they load their code while the caller goes on. */
export function startFitPool(aantal: number): FitPool {
  if (!(aantal >= 1)) throw new InternalError(`startFitPool: ${aantal} workers`);
  const code = workerCode(WORKER);
  // No execArgv: the build's own options (`--import tsx` among them) would only slow the start.
  const workers = Array.from({ length: aantal }, () => new Worker(code, { eval: true, execArgv: [] }));
  const wachtrij: Opdracht[] = [];
  const bezig = new Map<Worker, Gegeven>();
  const vrij = new Set<Worker>();
  let nr = 0;
  let gestopt = false;
  let kapot: unknown;

  const geef = (w: Worker) => {
    const o = wachtrij.shift();
    if (!o) return vrij.add(w);
    vrij.delete(w);
    bezig.set(w, { resolve: o.resolve, reject: o.reject });
    w.postMessage({ nr: nr++, taak: o.taak });
  };
  // A worker that failed outside a fit (loading its code, an answer that could not be sent) or
  // stopped: every fit not done fails with its error, and so does every later one.
  const faal = (e: unknown) => {
    kapot ??= e;
    for (const o of [...bezig.values(), ...wachtrij.splice(0)]) o.reject(kapot);
    bezig.clear();
  };
  for (const w of workers) {
    w.on('message', (a: FitAntwoord) => {
      const o = bezig.get(w);
      bezig.delete(w);
      if (a.soort === 'uitkomst') o?.resolve(ontvangUitkomst(a.uitkomst));
      else if (a.soort === 'fout') o?.reject(ontvangFout(a.fout));
      geef(w);
    });
    w.on('error', faal);
    w.on('exit', (code) => gestopt || faal(new InternalError(`a model worker thread stopped (exit code ${code})`)));
  }

  return {
    fit(taak) {
      return new Promise<ModelUitkomst>((resolve, reject) => {
        if (kapot !== undefined) return reject(kapot);
        wachtrij.push({ taak, resolve, reject });
        const w = vrij.values().next().value;
        if (w) geef(w);
      });
    },
    async stop() {
      if (!gestopt) faal(new InternalError('the model worker threads were stopped before the fits were done'));
      gestopt = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
