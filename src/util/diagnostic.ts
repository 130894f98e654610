/**
 * One shape for every problem the build reports to a user, whatever stage finds it.
 *
 * A diagnostic says where (file, line, column), which rule was broken (a stable id such as
 * `extract/datum` or `template/onbekend-veld`, for tests and for searching the documentation),
 * what is wrong in Dutch, and optionally a hint saying what to do. Each area keeps its texts
 * in a catalogue of its own (`messages.ts` beside the code); this module only knows the shape
 * and how a diagnostic is shown:
 *
 *     <file>:<line>:<column>: <text>
 *
 * The same convention as compilers and vfile (`file.message(reason, {place, ruleId, source})`),
 * so an editor can jump to the place. The rule id is not shown; it is there for machines.
 *
 * Problems a user cannot act on (a broken invariant of the code) are not diagnostics: throw an
 * `InternalError` (./errors.ts), which the command line shows with its stack.
 */

export interface Diagnostic {
  /** The file the problem is in, as the user named it (or a short name such as `editie.json`). */
  readonly file?: string;
  /** 1-based line, when known. */
  readonly line?: number;
  /** 1-based column, when known (only shown together with a line). */
  readonly column?: number;
  /** Stable rule id: `<area>/<rule>`, lower case, Dutch or English as the area names it. */
  readonly rule: string;
  /** What is wrong, in Dutch, and what was expected. */
  readonly text: string;
  /** What the user can do about it, in Dutch. */
  readonly hint?: string;
}

/** Where a diagnostic is: `file:line:column`, `file:line`, `file` or nothing. */
export function placeOf(d: Pick<Diagnostic, 'file' | 'line' | 'column'>): string {
  if (d.file === undefined) return '';
  if (d.line === undefined) return d.file;
  return d.column === undefined ? `${d.file}:${d.line}` : `${d.file}:${d.line}:${d.column}`;
}

/** A diagnostic as shown to the user: `<where>: <text>`, or only the text when it has no place. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = placeOf(d);
  return where === '' ? d.text : `${where}: ${d.text}`;
}

/** Shorthand for a diagnostic; `where` may carry file, line and column. */
export function diagnostic(rule: string, text: string, where: Pick<Diagnostic, 'file' | 'line' | 'column' | 'hint'> = {}): Diagnostic {
  return { ...where, rule, text };
}
