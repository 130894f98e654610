/**
 * The two kinds of error the build throws.
 *
 * An InputError is something the user can act on (bad input, bad configuration, a missing
 * browser): it carries one or more diagnostics (./diagnostic.ts), each saying where, what is
 * wrong and what was expected, in Dutch. The command line prints them and exits non-zero.
 *
 * An InternalError is a broken invariant of the code itself: the command line shows it as an
 * "interne fout" with its stack, so it is reported to the developers rather than puzzled over.
 * Anything else thrown is treated the same way.
 */
import { formatDiagnostic, type Diagnostic } from './diagnostic.ts';

export class InputError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  /** The diagnostics as shown, one line each. */
  readonly messages: readonly string[];
  readonly hint: string | undefined;

  constructor(diagnostics: readonly Diagnostic[], hint?: string) {
    const messages = diagnostics.map(formatDiagnostic);
    super(messages.join('\n'));
    this.name = 'InputError';
    this.diagnostics = diagnostics;
    this.messages = messages;
    this.hint = hint ?? diagnostics.find((d) => d.hint !== undefined)?.hint;
  }
}

/** A broken invariant of the code: not the user's doing. */
export class InternalError extends Error {
  constructor(what: string) {
    super(`interne fout: ${what}`);
    this.name = 'InternalError';
  }
}
