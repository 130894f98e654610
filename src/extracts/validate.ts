/**
 * Validate loaded extracts against the contract and describe every problem found.
 *
 * The loader (load.ts) has already read each extract into its table in one pass, with a
 * `__bad` flag per row computed from the row checks (checks.ts), and DuckDB has put
 * malformed CSV lines in a rejects table. The fast path here is therefore a handful of
 * set-based counts: bad rows, rejected lines, duplicate keys, unknown persons, detentions
 * before birth, overlapping address spells. Only when a count is not zero is the first part
 * of the offending rows fetched (each query `ORDER BY row LIMIT cap`), described, translated
 * to physical lines (lines.ts) and sorted by file, line and column. The checks themselves are in
 * rejected.ts (malformed lines) and rules.ts (the contract's rules).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Diagnostic } from '../util/diagnostic.ts';
import { physicalLines } from './lines.ts';
import { diagnose, msg } from './messages.ts';
import { all, type Found, type LineOf, type LoadedTable, type Problem, type ValidateOptions } from './problem.ts';
import { rejectedLines } from './rejected.ts';
import { badReferences, badRows, duplicates, notAfterReference, overlaps, unknownCount, type Referring } from './rules.ts';
import { ident } from './sql.ts';

/**
 * Run every check on the loaded tables. Returns the problems as diagnostics (at most
 * `maxErrors`, then one with the count of the rest); empty when all is well.
 */
export async function validateTables(
  conn: DuckDBConnection,
  tables: readonly LoadedTable[],
  earlier: readonly Problem[],
  options: ValidateOptions,
): Promise<Diagnostic[]> {
  const found: Found = { problems: [...earlier], count: earlier.length };
  const add = (more: Found): void => {
    found.problems.push(...more.problems);
    found.count += more.count;
  };
  const byName = new Map(tables.map((t) => [t.spec.name, t]));

  for (const table of tables) {
    if (table.rejectedLines > 0) add(await rejectedLines(conn, table, options));
    if (table.badRows > 0) add(await badRows(conn, table, options));
  }
  for (const table of tables) {
    for (const column of table.spec.unique) add(await duplicates(conn, table, column, options));
    for (const rule of table.spec.rules) {
      if (rule.kind !== 'afterReference') continue;
      const target = byName.get(rule.extract);
      if (target) add(await notAfterReference(conn, table, rule, target, options));
    }
    if (table.spec.noOverlapPer && table.spec.spell) add(await overlaps(conn, table, options));
  }
  // References last: when all else is well, one anti-join per extract is the whole check;
  // otherwise (or when it finds something) they are described in full, ids in a wrong format
  // included (see checks.ts).
  const references: Referring[] = tables.flatMap((table) =>
    table.spec.references.flatMap((reference) => {
      const target = byName.get(reference.extract);
      return target ? [{ table, reference, target }] : [];
    }),
  );
  const describe = found.count > 0 || (await unknownCount(conn, references)) > 0;
  if (describe) {
    for (const r of references) add(await badReferences(conn, r, options));
  }
  if (found.count === 0) return [];
  return place(conn, found, options.maxErrors);
}

// ---------------------------------------------------------------------------------------------
// Lines, sorting and the cap.

/** Physical lines of the rows and DuckDB lines the problems name, per CSV. */
type Lines = Map<LoadedTable, { rows: Map<number, number>; rejected: Map<number, number> }>;

/** The problems placed at their physical lines, sorted by file, line and column, and cut at `cap`. */
async function place(conn: DuckDBConnection, found: Found, cap: number): Promise<Diagnostic[]> {
  const lines = await linesOf(conn, found.problems);
  const lineOf: LineOf = (table, row) => {
    if (table.form === '.parquet') return row + 1;
    return lines.get(table)?.rows.get(row) ?? row + 2;
  };
  const located = found.problems.map((p, seq) => {
    let line: number | undefined;
    if (p.at.kind === 'line') line = p.at.line;
    else if (p.at.kind === 'row') line = lineOf(p.at.table, p.at.row);
    else if (p.at.kind === 'readerLine') line = lines.get(p.at.table)?.rejected.get(p.at.line) ?? p.at.line;
    const text = typeof p.text === 'function' ? p.text(lineOf) : p.text;
    const diagnostic = 'what' in text ? diagnose(p.file, line, p.label, text) : text;
    return { p, seq, line, diagnostic };
  });
  located.sort(
    (a, b) =>
      a.p.order - b.p.order ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.p.columnOrder - b.p.columnOrder ||
      a.seq - b.seq,
  );
  const shown = located.slice(0, cap).map((l) => l.diagnostic);
  if (found.count > shown.length) shown.push(msg.more(found.count - shown.length));
  return shown;
}

/** Walk each CSV that a problem names a row or a DuckDB line of, once, for their physical lines. */
async function linesOf(conn: DuckDBConnection, problems: readonly Problem[]): Promise<Lines> {
  const wanted = new Map<LoadedTable, Set<number>>();
  const want = (table: LoadedTable): Set<number> => {
    let rows = wanted.get(table);
    if (!rows) wanted.set(table, (rows = new Set()));
    return rows;
  };
  for (const p of problems) {
    if (p.at.kind === 'row') want(p.at.table).add(p.at.row);
    // The lines of all rejected lines are found with every walk (below).
    if (p.at.kind === 'readerLine') want(p.at.table);
    for (const ref of p.refs ?? []) want(ref.table).add(ref.row);
  }
  const lines: Lines = new Map();
  for (const [table, rows] of wanted) {
    if (table.form === '.parquet' || table.csvPath === undefined) continue;
    // Every rejected line counts, not only the ones shown: they are not among the kept rows.
    const rejected =
      table.rejectedLines === 0
        ? []
        : (await all(conn, `SELECT DISTINCT CAST(line AS BIGINT) AS line FROM ${ident(table.rejectsTable)}`)).map((r) =>
            Number(r.line),
          );
    lines.set(table, await physicalLines(table.csvPath, { rows, rejected }));
  }
  return lines;
}
