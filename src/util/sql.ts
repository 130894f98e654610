/**
 * The SQL that a researcher reads lives in numbered files (`sql/01-populatie.sql`, ...) with
 * `{{placeholders}}` for what the edition decides. The indicator engine and the models run
 * their folders the same way: every step in file order, each placeholder filled with a literal
 * that was validated first, so nothing from a file or the command line is spliced in unchecked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { ISO_DATE } from './dates.ts';

/** The SQL steps of a folder in their order (file names start with their step number). */
export function sqlSteps(dir: URL): { file: string; sql: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => ({ file, sql: readFileSync(new URL(file, dir), 'utf8') }));
}

/** Fill the {{placeholders}} of a SQL text; a placeholder without a value is an error. */
export function fillSql(sql: string, values: Readonly<Record<string, string>>): string {
  return sql.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`unknown SQL parameter {{${name}}}`);
    return v;
  });
}

/** An ISO date, checked, as the text inside a DATE literal. */
export function isoDateLiteral(s: string): string {
  if (!ISO_DATE.test(s)) throw new Error(`not an ISO date: ${s}`);
  return s;
}

/** Plain lower-case words (afdoeningen), checked, as a list of quoted SQL strings (never empty: `IN ()` is no SQL). */
export function wordListLiteral(words: readonly string[]): string {
  if (words.length === 0) throw new Error('an empty list of words');
  for (const w of words) if (!/^[a-z_]+$/.test(w)) throw new Error(`not a plain word: ${w}`);
  return words.map((w) => `'${w}'`).join(', ');
}
