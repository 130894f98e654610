/**
 * Validate loaded extracts against the contract and describe every problem found.
 *
 * The loader (load.ts) has already read each extract into its table in one pass, with a
 * `__bad` flag per row computed from the row checks (checks.ts), and DuckDB has put
 * malformed CSV lines in a rejects table. The fast path here is therefore a handful of
 * set-based counts: bad rows, rejected lines, duplicate keys, unknown persons, detentions
 * before birth, overlapping address spells. Only when a count is not zero is the first part
 * of the offending rows fetched (each query `ORDER BY row LIMIT cap`), described, translated
 * to physical lines (lines.ts) and sorted by file, line and column.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { rowChecks, withDates, type ShownRow } from './checks.ts';
import type { ExtractForm, ExtractSpec, Reference } from './contract.ts';
import { physicalLines } from './lines.ts';
import { parseRecord } from './source.ts';
import { format, kolom, msg, periode, type Text } from './messages.ts';
import { dateLit, ident, ID_REGEX } from './sql.ts';

/** An extract as the loader left it: a table named after the extract, plus what is needed to explain it. */
export interface LoadedTable {
  spec: ExtractSpec;
  /** The file as named in messages. */
  file: string;
  form: ExtractForm;
  /** The plain CSV DuckDB read (the file itself, or the decompressed copy of a .csv.gz). */
  csvPath?: string;
  /** SQL of a relation with the contract columns as read (VARCHAR; DATE for typed Parquet dates), for a second read. */
  relation: (rejects: string) => string;
  /** SQL that must appear in a second read so DuckDB reads every column (see load.ts). */
  touchAll: string;
  /** Date columns that are DATE already (Parquet). */
  dateTyped: ReadonlySet<string>;
  /** Header names by position (CSV), to name the column of a rejected line. */
  header: readonly string[];
  rows: number;
  badRows: number;
  /** Distinct rejected lines (CSV). */
  rejectedLines: number;
  rejectsTable: string;
}

/** Where a problem is, before rows are translated to lines. */
type At =
  | { kind: 'file' }
  | { kind: 'line'; line: number }
  | { kind: 'row'; table: LoadedTable; row: number }
  | { kind: 'readerLine'; table: LoadedTable; line: number };

type LineOf = (table: LoadedTable, row: number) => number;

export interface Problem {
  /** Sort order of the file: -1 for the folder and extractie.json, else the contract position. */
  order: number;
  file: string;
  at: At;
  label?: string;
  columnOrder: number;
  /** Rows of (other) tables the text names by line. */
  refs?: { table: LoadedTable; row: number }[];
  text: Text | ((line: LineOf) => Text) | string;
}

export interface ValidateOptions {
  peildatum: string | undefined;
  maxErrors: number;
  /** Contract position of each extract, for sorting. */
  order: (table: LoadedTable) => number;
}

interface Found {
  problems: Problem[];
  /** All problems, also those not described (beyond the cap). */
  count: number;
}

const FAR_FUTURE = '9999-12-31';

/**
 * Run every check on the loaded tables. Returns the problems as formatted messages (at most
 * `maxErrors`, then one line with the count of the rest); empty when all is well.
 */
export async function validateTables(
  conn: DuckDBConnection,
  tables: readonly LoadedTable[],
  earlier: readonly Problem[],
  options: ValidateOptions,
): Promise<string[]> {
  const cap = options.maxErrors;
  const found: Found = { problems: [...earlier], count: earlier.length };
  const add = (more: Found): void => {
    found.problems.push(...more.problems);
    found.count += more.count;
  };
  const byName = new Map(tables.map((t) => [t.spec.name, t]));

  for (const table of tables) {
    if (table.rejectedLines > 0) add(await rejectedLines(conn, table, cap, options));
    if (table.badRows > 0) add(await badRows(conn, table, cap, options));
  }
  for (const table of tables) {
    for (const column of table.spec.unique) add(await duplicates(conn, table, column, cap, options));
    for (const rule of table.spec.rules) {
      if (rule.kind !== 'afterReference') continue;
      const target = byName.get(rule.extract);
      if (target) add(await notAfterReference(conn, table, rule, target, cap, options));
    }
    if (table.spec.noOverlapPer && table.spec.spell) add(await overlaps(conn, table, cap, options));
  }
  // References last: when all else is well, one anti-join per extract is the whole check;
  // otherwise (or when it finds something) they are described in full, ids in a wrong format
  // included (see checks.ts).
  const references = tables.flatMap((table) =>
    table.spec.references.flatMap((reference) => {
      const target = byName.get(reference.extract);
      return target ? [{ table, reference, target }] : [];
    }),
  );
  let describe = found.count > 0;
  if (!describe) describe = (await unknownCount(conn, references)) > 0;
  if (describe) {
    for (const r of references) add(await badReferences(conn, r.table, r.reference, r.target, cap, options));
  }
  if (found.count === 0) return [];
  return render(conn, found, cap);
}

// ---------------------------------------------------------------------------------------------
// Rejected CSV lines (RFC 4180 structure, encoding).

const REJECT_PRIORITY = ['INVALID ENCODING', 'INVALID UNICODE', 'UNQUOTED VALUE', 'MISSING COLUMNS', 'TOO MANY COLUMNS'];

async function rejectedLines(conn: DuckDBConnection, table: LoadedTable, cap: number, options: ValidateOptions): Promise<Found> {
  const rows = await all(
    conn,
    `SELECT DISTINCT CAST(line AS BIGINT) AS line, error_type, column_name, error_message, csv_line
     FROM ${ident(table.rejectsTable)}
     WHERE line IN (SELECT DISTINCT line FROM ${ident(table.rejectsTable)} ORDER BY line LIMIT ${cap})`,
  );
  const byLine = new Map<number, Record<string, unknown>[]>();
  for (const row of rows) {
    const line = Number(row.line);
    byLine.set(line, [...(byLine.get(line) ?? []), row]);
  }
  const expected = table.header.length;
  const problems: Problem[] = [];
  for (const [line, errors] of byLine) {
    errors.sort(
      (a, b) => rank(String(a.error_type)) - rank(String(b.error_type)),
    );
    const error = errors[0]!;
    const type = String(error.error_type);
    const message = String(error.error_message ?? '');
    // DuckDB's "Found: n" is where it noticed, not always the number of fields; count them.
    const fields = typeof error.csv_line === 'string' ? parseRecord(error.csv_line.replace(/\r?\n$/, '')) : undefined;
    const count = fields?.length;
    const columnIndex = /^c(\d+)$/.exec(String(error.column_name ?? ''));
    const columnName = columnIndex ? table.header[Number(columnIndex[1])] : undefined;
    let text: Text;
    let label: string | undefined;
    if (type === 'MISSING COLUMNS') text = msg.tooFewFields(count, expected);
    else if (type === 'TOO MANY COLUMNS') text = msg.tooManyFields(count, expected, decimalComma(fields, table.header));
    else if (type === 'UNQUOTED VALUE') text = /unterminated/i.test(message) ? msg.unterminatedQuote() : msg.badQuote();
    else if (type === 'INVALID ENCODING' || type === 'INVALID UNICODE') {
      text = msg.badEncoding();
      label = columnName === undefined ? undefined : kolom(columnName);
    } else if (type === 'LINE SIZE OVER MAXIMUM') text = msg.lineTooLong();
    else text = msg.badLine();
    problems.push({
      order: options.order(table),
      file: table.file,
      at: { kind: 'readerLine', table, line },
      ...(label === undefined ? {} : { label }),
      columnOrder: -1,
      text,
    });
  }
  return { problems, count: table.rejectedLines };
}

/**
 * A line with one field too many because of a decimal comma (`1,5` written unquoted), when
 * exactly one pair of neighbouring fields looks like the two halves of a number.
 */
function decimalComma(fields: readonly string[] | undefined, header: readonly string[]): { value: string; column: string } | undefined {
  if (!fields || fields.length !== header.length + 1) return undefined;
  const pairs: number[] = [];
  for (let i = 0; i + 1 < fields.length; i++) {
    if (/^-?\d+$/.test(fields[i]!.trim()) && /^\d+$/.test(fields[i + 1]!.trim())) pairs.push(i);
  }
  if (pairs.length !== 1) return undefined;
  const i = pairs[0]!;
  return { value: `${fields[i]},${fields[i + 1]}`, column: header[i] ?? `${i + 1}` };
}

function rank(type: string): number {
  const i = REJECT_PRIORITY.indexOf(type);
  return i === -1 ? REJECT_PRIORITY.length : i;
}

// ---------------------------------------------------------------------------------------------
// Values and row rules: read the file once more as text and run each check separately.

async function badRows(conn: DuckDBConnection, table: LoadedTable, cap: number, options: ValidateOptions): Promise<Found> {
  const spec = table.spec;
  const checks = rowChecks(spec, options.peildatum);
  const raw = ident(`__raw_${spec.name}`);
  const view = ident(`__checked_${spec.name}`);
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${raw} AS
     SELECT ${spec.columns.map((c) => ident(c.name)).join(', ')}, ${table.touchAll} AS __touch
     FROM (${table.relation(`${table.rejectsTable}_again`)})`,
  );
  const shown = spec.columns.map((c) => `CAST(${ident(c.name)} AS VARCHAR) AS ${ident(c.name)}`);
  await conn.run(
    `CREATE OR REPLACE TEMP VIEW ${view} AS
     SELECT __r, ${shown.join(', ')}, ${checks.map((c, i) => `${c.code} AS __f${i}`).join(', ')}
     FROM (SELECT rowid AS __r, *, ${withDates(spec, table.dateTyped)} FROM ${raw})`,
  );
  try {
    const [counts] = await all(conn, `SELECT ${checks.map((_, i) => `count(__f${i})::BIGINT AS n${i}`).join(', ')} FROM ${view}`);
    const count = checks.reduce((sum, _, i) => sum + Number(counts?.[`n${i}`] ?? 0), 0);
    const rows = await all(
      conn,
      `SELECT * FROM ${view} WHERE coalesce(${checks.map((_, i) => `__f${i}`).join(', ')}) IS NOT NULL ORDER BY __r LIMIT ${cap}`,
    );
    const problems: Problem[] = [];
    for (const row of rows) {
      checks.forEach((check, i) => {
        const code = row[`__f${i}`];
        if (code === null || code === undefined) return;
        problems.push(rowProblem(table, options, Number(row.__r), check, check.describe(row as ShownRow, String(code))));
      });
    }
    return { problems, count };
  } finally {
    await conn.run(`DROP VIEW IF EXISTS ${view}`);
    await conn.run(`DROP TABLE IF EXISTS ${raw}`);
    await conn.run(`DROP TABLE IF EXISTS ${ident(`${table.rejectsTable}_again`)}`);
    await conn.run(`DROP TABLE IF EXISTS ${ident(`${table.rejectsTable}_again_scan`)}`);
  }
}

function rowProblem(
  table: LoadedTable,
  options: ValidateOptions,
  row: number,
  check: { column: string },
  text: Problem['text'],
  refs?: Problem['refs'],
): Problem {
  return {
    order: options.order(table),
    file: table.file,
    at: { kind: 'row', table, row },
    label: kolom(check.column),
    columnOrder: table.spec.columns.findIndex((c) => c.name === check.column),
    ...(refs ? { refs } : {}),
    text,
  };
}

// ---------------------------------------------------------------------------------------------
// Rules across rows and extracts, on the typed tables. Rows with a problem of their own
// (`__bad`) take part only where that cannot make one mistake show up twice.

async function duplicates(
  conn: DuckDBConnection,
  table: LoadedTable,
  column: string,
  cap: number,
  options: ValidateOptions,
): Promise<Found> {
  const t = ident(table.spec.name);
  const c = ident(column);
  const count = await scalar(conn, `SELECT count(*) - count(DISTINCT ${c}) FROM ${t} WHERE ${c} IS NOT NULL`);
  if (count === 0) return { problems: [], count };
  const rows = await all(
    conn,
    `SELECT __r, value, __first FROM (
       SELECT rowid AS __r, ${c} AS value, min(rowid) OVER (PARTITION BY ${c}) AS __first FROM ${t} WHERE ${c} IS NOT NULL
     ) WHERE __r <> __first ORDER BY __r LIMIT ${cap}`,
  );
  return {
    count,
    problems: rows.map((row) => {
      const first = Number(row.__first);
      return rowProblem(
        table,
        options,
        Number(row.__r),
        { column },
        (line) => msg.duplicate(column, String(row.value), line(table, first)),
        [{ table, row: first }],
      );
    }),
  };
}

/**
 * Rows whose reference is not in its target; the quick check. References to the same key
 * (every persoon_id -> personen) are checked in one anti-join, so the key's hash table is
 * built once.
 */
async function unknownCount(
  conn: DuckDBConnection,
  references: readonly { table: LoadedTable; reference: Reference; target: LoadedTable }[],
): Promise<number> {
  const groups = new Map<string, typeof references>();
  for (const r of references) {
    const id = `${r.target.spec.name}.${r.reference.key}`;
    groups.set(id, [...(groups.get(id) ?? []), r]);
  }
  let count = 0;
  for (const group of groups.values()) {
    const { target, reference } = group[0]!;
    const values = group
      .map((r) => `SELECT ${ident(r.reference.column)} AS value FROM ${ident(r.table.spec.name)}`)
      .join(' UNION ALL ');
    count += await scalar(
      conn,
      `SELECT count(*) FROM (${values}) t ANTI JOIN ${ident(target.spec.name)} r ON r.${ident(reference.key)} = t.value`,
    );
  }
  return count;
}

/** Rows whose reference has a wrong format or is not in the target. */
async function badReferences(
  conn: DuckDBConnection,
  table: LoadedTable,
  reference: Reference,
  target: LoadedTable,
  cap: number,
  options: ValidateOptions,
): Promise<Found> {
  const c = ident(reference.column);
  const bad = `FROM (SELECT rowid AS __r, ${c} AS value, regexp_full_match(${c}, ${ID_REGEX}) AS valid
      FROM ${ident(table.spec.name)} WHERE ${c} IS NOT NULL) t
    WHERE NOT valid OR NOT EXISTS (SELECT 1 FROM ${ident(target.spec.name)} r WHERE r.${ident(reference.key)} = t.value)`;
  const count = await scalar(conn, `SELECT count(*) ${bad}`);
  if (count === 0) return { problems: [], count };
  const rows = await all(conn, `SELECT __r, value, valid ${bad} ORDER BY __r LIMIT ${cap}`);
  const column = table.spec.columns.find((c) => c.name === reference.column)!;
  return {
    count,
    problems: rows.map((row) =>
      rowProblem(
        table,
        options,
        Number(row.__r),
        reference,
        row.valid === true
          ? msg.unknownReference(String(row.value), target.file, reference.key)
          : msg.valueInvalid(column, String(row.value)),
      ),
    ),
  };
}

async function notAfterReference(
  conn: DuckDBConnection,
  table: LoadedTable,
  rule: { column: string; key: string; reference: string },
  target: LoadedTable,
  cap: number,
  options: ValidateOptions,
): Promise<Found> {
  const t = ident(table.spec.name);
  const r = ident(target.spec.name);
  const key = ident(rule.key);
  const column = ident(rule.column);
  const reference = ident(rule.reference);
  const quick = await scalar(
    conn,
    `SELECT count(*) FROM ${t} t JOIN ${r} r ON r.${key} = t.${key} WHERE r.${reference} >= t.${column}`,
  );
  if (quick === 0) return { problems: [], count: 0 };
  // A key may occur twice in the target (reported there); compare with its first row only.
  const joined = `FROM (SELECT rowid AS __r, ${key} AS key, ${column} AS value FROM ${t}) t
    JOIN (SELECT ${key} AS key, arg_min(${reference}, rowid) AS ref, min(rowid) AS __ref_r
          FROM ${r} WHERE ${reference} IS NOT NULL GROUP BY ${key}) r USING (key)
    WHERE r.ref >= t.value`;
  const count = await scalar(conn, `SELECT count(*) ${joined}`);
  const rows = await all(
    conn,
    `SELECT __r, key, CAST(value AS VARCHAR) AS value, CAST(ref AS VARCHAR) AS ref, __ref_r ${joined} ORDER BY __r LIMIT ${cap}`,
  );
  return {
    count,
    problems: rows.map((row) => {
      const refRow = Number(row.__ref_r);
      return rowProblem(
        table,
        options,
        Number(row.__r),
        rule,
        (line) =>
          msg.notAfterReference(
            rule.column,
            String(row.value),
            rule.reference,
            String(row.ref),
            `van ${rule.key} '${String(row.key)}', ${target.file}:${line(target, refRow)}`,
          ),
        [{ table: target, row: refRow }],
      );
    }),
  };
}

async function overlaps(conn: DuckDBConnection, table: LoadedTable, cap: number, options: ValidateOptions): Promise<Found> {
  const spec = table.spec;
  const per = ident(spec.noOverlapPer!);
  const begin = ident(spec.spell!.begin);
  const einde = ident(spec.spell!.einde);
  const peil = dateLit(options.peildatum ?? FAR_FUTURE);
  const spells = `SELECT rowid AS __r, ${per} AS key, ${begin} AS b, ${einde} AS e, coalesce(${einde}, ${peil}) AS until
    FROM ${ident(spec.name)} WHERE NOT __bad AND ${per} IS NOT NULL`;
  // Sorted by begin, spells that do not overlap each end before the next begins; so comparing
  // with the previous spell finds whether there is any overlap at all.
  const quick = await scalar(
    conn,
    `SELECT count(*) FROM (SELECT b, lag(until) OVER (PARTITION BY key ORDER BY b) AS previous FROM (${spells})) WHERE previous >= b`,
  );
  if (quick === 0) return { problems: [], count: 0 };
  // Then every spell that overlaps one before it, named with the one reaching furthest.
  const overlapping = `SELECT * FROM (
      SELECT __r, key, b, e, max(until) OVER w AS reach, arg_max(__r, until) OVER w AS __other
      FROM (${spells})
      WINDOW w AS (PARTITION BY key ORDER BY b, __r ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    ) WHERE reach >= b`;
  const count = await scalar(conn, `SELECT count(*) FROM (${overlapping})`);
  const rows = await all(
    conn,
    `SELECT o.__r, o.key, CAST(o.b AS VARCHAR) AS b, CAST(o.e AS VARCHAR) AS e, o.__other,
            CAST(p.${begin} AS VARCHAR) AS ob, CAST(p.${einde} AS VARCHAR) AS oe
     FROM (SELECT * FROM (${overlapping}) ORDER BY __r LIMIT ${cap}) o
     JOIN (SELECT rowid AS __p, ${begin}, ${einde} FROM ${ident(spec.name)}) p ON p.__p = o.__other
     ORDER BY o.__r`,
  );
  return {
    count,
    problems: rows.map((row) => {
      const other = Number(row.__other);
      return rowProblem(
        table,
        options,
        Number(row.__r),
        { column: spec.spell!.begin },
        (line) =>
          msg.overlap(
            spec.noOverlapPer!,
            String(row.key),
            periode(String(row.b), row.e === null ? null : String(row.e)),
            line(table, other),
            periode(String(row.ob), row.oe === null ? null : String(row.oe)),
          ),
        [{ table, row: other }],
      );
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Lines, sorting and the cap.

async function render(conn: DuckDBConnection, found: Found, cap: number): Promise<string[]> {
  // Collect, per CSV, the rows and DuckDB lines that must become physical lines.
  const wanted = new Map<LoadedTable, { rows: Set<number>; readerLines: Set<number> }>();
  const want = (table: LoadedTable): { rows: Set<number>; readerLines: Set<number> } => {
    let w = wanted.get(table);
    if (!w) wanted.set(table, (w = { rows: new Set(), readerLines: new Set() }));
    return w;
  };
  for (const p of found.problems) {
    if (p.at.kind === 'row') want(p.at.table).rows.add(p.at.row);
    if (p.at.kind === 'readerLine') want(p.at.table).readerLines.add(p.at.line);
    for (const ref of p.refs ?? []) want(ref.table).rows.add(ref.row);
  }
  const lines = new Map<LoadedTable, { rows: Map<number, number>; rejected: Map<number, number> }>();
  for (const [table, w] of wanted) {
    if (table.form === '.parquet' || table.csvPath === undefined) continue;
    // Every rejected line counts, not only the ones shown: they are not among the kept rows.
    const rejected =
      table.rejectedLines === 0
        ? []
        : (await all(conn, `SELECT DISTINCT CAST(line AS BIGINT) AS line FROM ${ident(table.rejectsTable)}`)).map((r) =>
            Number(r.line),
          );
    lines.set(table, await physicalLines(table.csvPath, { rows: w.rows, rejected }));
  }
  const lineOf: LineOf = (table, row) => {
    if (table.form === '.parquet') return row + 1;
    return lines.get(table)?.rows.get(row) ?? row + 2;
  };
  const located = found.problems.map((p, seq) => {
    let line: number | undefined;
    if (p.at.kind === 'line') line = p.at.line;
    else if (p.at.kind === 'row') line = lineOf(p.at.table, p.at.row);
    else if (p.at.kind === 'readerLine') line = lines.get(p.at.table)?.rejected.get(p.at.line) ?? p.at.line;
    const message =
      typeof p.text === 'string'
        ? p.text
        : format(p.file, line, p.label, typeof p.text === 'function' ? p.text(lineOf) : p.text);
    return { p, seq, line, message };
  });
  located.sort(
    (a, b) =>
      a.p.order - b.p.order ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.p.columnOrder - b.p.columnOrder ||
      a.seq - b.seq,
  );
  const messages = located.slice(0, cap).map((l) => l.message);
  if (found.count > messages.length) messages.push(msg.more(found.count - messages.length));
  return messages;
}

// ---------------------------------------------------------------------------------------------

async function all(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

async function scalar(conn: DuckDBConnection, sql: string): Promise<number> {
  const reader = await conn.runAndReadAll(sql);
  const value = reader.getRowsJS()[0]?.[0];
  return Number(value ?? 0);
}

