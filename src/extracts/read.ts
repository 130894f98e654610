/**
 * Read one extract into its DuckDB table: check the CSV header or Parquet schema against the
 * contract, then ONE read with the contract columns, dates as DATE and a `__bad` flag per row
 * from the contract's row checks (checks.ts); malformed CSV lines go to a rejects table.
 */
import { access, stat } from 'node:fs/promises';
import { constants, type Stats } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Diagnostic } from '../util/diagnostic.ts';
import { anyProblem, rowChecks, withDates } from './checks.ts';
import type { ExtractForm, ExtractSpec } from './contract.ts';
import { lineEndingProblem } from './lines.ts';
import { diagnose, kolom, msg, type Text } from './messages.ts';
import type { LoadedTable, Problem } from './problem.ts';
import { longLines, readCsvClause, readCsvHeader, readParquetClause } from './source.ts';
import { ident } from './sql.ts';

/** One extract being read, and where its problems and warnings go. */
export interface ExtractRead {
  conn: DuckDBConnection;
  spec: ExtractSpec;
  /** The file as named in messages. */
  file: string;
  form: ExtractForm;
  problem: (at: Problem['at'], text: Text, label?: string) => void;
  warnings: Diagnostic[];
}

export interface ReadOptions {
  /** The plain CSV to read: the file itself or its decompressed copy; undefined for Parquet. */
  csvPath: string | undefined;
  /** For a decompressed copy: whether gunzipTo found it may have a line over maxLineBytes (longLines). */
  longLineSuspect?: boolean | undefined;
  peildatum: string | undefined;
  maxLineBytes: number;
  maxErrors: number;
}

/** Read the extract into its table; undefined (with its problems reported) when it cannot be. */
export async function readExtract(x: ExtractRead, options: ReadOptions): Promise<LoadedTable | undefined> {
  const source = options.csvPath !== undefined ? await prepareCsv(x, options.csvPath, options) : await prepareParquet(x);
  if (!source) return undefined;
  return loadTable(x, source, options.peildatum);
}

/** Why `file` cannot be read as an extract (not a regular file, no permission), or undefined. */
export async function notReadable(file: string): Promise<Text | undefined> {
  let info: Stats;
  try {
    info = await stat(file); // follows links: a link to a regular file is fine
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return msg.noAccess();
    if (code === 'ENOENT') return msg.notRegular('missingTarget');
    if (code === 'ELOOP') return msg.notRegular('loop');
    throw e;
  }
  if (info.isFile()) {
    try {
      await access(file, constants.R_OK);
    } catch {
      return msg.noAccess();
    }
    return undefined;
  }
  if (info.isDirectory()) return msg.notRegular('directory');
  if (info.isFIFO()) return msg.notRegular('fifo');
  if (info.isCharacterDevice() || info.isBlockDevice()) return msg.notRegular('device');
  if (info.isSocket()) return msg.notRegular('socket');
  return msg.notRegular('other');
}

/** How to read one extract: its relation (contract columns as read) and what goes with it. */
interface PreparedSource {
  /** The plain CSV DuckDB reads (undefined for Parquet). */
  csvPath?: string;
  relation: (rejects: string) => string;
  touchAll: string;
  header: readonly string[];
  dateTyped: ReadonlySet<string>;
}

/** A CSV header that cannot be read as one: the problem and where. */
function headerProblem(header: Awaited<ReturnType<typeof readCsvHeader>>): { at: Problem['at']; text: Text } | undefined {
  const firstLine = { kind: 'line', line: 1 } as const;
  switch (header.kind) {
    case 'empty':
      return { at: { kind: 'file' }, text: msg.emptyFile() };
    case 'utf16':
      return { at: { kind: 'file' }, text: msg.utf16() };
    case 'binary':
      return { at: { kind: 'file' }, text: msg.binary() };
    case 'tooLong':
      return { at: firstLine, text: msg.headerTooLong(header.limit) };
    case 'encoding':
      return { at: firstLine, text: msg.headerEncoding() };
    case 'header':
      return header.delimiter === undefined ? undefined : { at: firstLine, text: msg.delimiter(header.delimiter) };
  }
}

/** Check a CSV's header against the contract and say how to read it. */
async function prepareCsv(
  x: ExtractRead,
  csvPath: string,
  limits: Pick<ReadOptions, 'maxLineBytes' | 'maxErrors' | 'longLineSuspect'>,
): Promise<PreparedSource | undefined> {
  const header = await readCsvHeader(csvPath);
  const wrong = headerProblem(header);
  if (wrong) return void x.problem(wrong.at, wrong.text);
  if (header.kind !== 'header') return undefined; // headerProblem reports every other kind
  if (header.bom) x.warnings.push(diagnose(x.file, undefined, undefined, msg.bom()));
  const names = header.names;
  if (!checkColumns(x, names, 1)) return undefined;
  // DuckDB drops a line longer than its read buffer without a trace; find them first.
  const long = await longLines(csvPath, limits.maxLineBytes, Math.max(1, limits.maxErrors), limits.longLineSuspect);
  if (long.length > 0) {
    for (const line of long) x.problem({ kind: 'line', line }, msg.lineTooLong(limits.maxLineBytes));
    return undefined;
  }

  const position = new Map(names.map((n, i) => [n, i]));
  const extras = names.map((n, i) => ({ n, i })).filter(({ n }) => !x.spec.columns.some((c) => c.name === n));
  const items = [
    ...x.spec.columns.map((c) => `c${position.get(c.name)!} AS ${ident(c.name)}`),
    ...extras.map(({ i }) => `c${i} AS ${ident(`__e${i}`)}`),
  ];
  return {
    csvPath,
    relation: (rejects) => `SELECT ${items.join(', ')} FROM ${readCsvClause(csvPath, names.length, rejects, limits.maxLineBytes)}`,
    // DuckDB must read every column: it checks UTF-8 only in columns it reads, and reading
    // only some columns while it rejects a line for its encoding fails inside DuckDB (1.5:
    // "INTERNAL Error: Attempted to access index ... within vector"). This never-true
    // condition reads the extra columns without keeping them.
    touchAll: extras.length === 0 ? 'false' : `(${extras.map(({ i }) => `strlen(${ident(`__e${i}`)}) < 0`).join(' OR ')})`,
    header: names,
    dateTyped: new Set(),
  };
}

/** Check a Parquet file's schema against the contract and say how to read it. */
async function prepareParquet(x: ExtractRead): Promise<PreparedSource | undefined> {
  const { conn, spec, file } = x;
  let schema: { name: string; type: string }[];
  try {
    const reader = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${readParquetClause(file)}`);
    schema = reader.getRowObjectsJS().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  } catch {
    return void x.problem({ kind: 'file' }, msg.parquetUnreadable());
  }
  if (!checkColumns(x, schema.map((s) => s.name), undefined)) return undefined;
  const dateTyped = new Set<string>();
  const allNull = new Set<string>();
  let typesOk = true;
  for (const column of spec.columns) {
    const type = schema.find((s) => s.name === column.name)!.type;
    if (column.type.kind === 'date' && type === 'DATE') dateTyped.add(column.name);
    else if (type !== 'VARCHAR') {
      // A writer may give a column without any value another type (DuckDB writes NULL as
      // INTEGER); with no value there is nothing to misread.
      const values = await conn.runAndReadAll(`SELECT count(${ident(column.name)})::BIGINT FROM ${readParquetClause(file)}`);
      if (Number(values.getRowsJS()[0]?.[0]) === 0) {
        allNull.add(column.name);
        continue;
      }
      typesOk = false;
      x.problem({ kind: 'file' }, msg.parquetType(type, column.type.kind === 'date'), kolom(column.name));
    }
  }
  if (!typesOk) return undefined;
  // An empty string is a missing value, as an empty CSV field is.
  const items = spec.columns.map((c) =>
    allNull.has(c.name)
      ? `NULL::VARCHAR AS ${ident(c.name)}`
      : dateTyped.has(c.name)
        ? ident(c.name)
        : `NULLIF(${ident(c.name)}, '') AS ${ident(c.name)}`,
  );
  return {
    relation: () => `SELECT ${items.join(', ')} FROM ${readParquetClause(file)}`,
    touchAll: 'false',
    header: schema.map((s) => s.name),
    dateTyped,
  };
}

/**
 * Missing and doubled contract columns are errors, other columns warnings. True when usable.
 * `line` is 1 for a CSV header; a Parquet schema has no line.
 */
function checkColumns(x: ExtractRead, names: readonly string[], line: number | undefined): boolean {
  const at: Problem['at'] = line === undefined ? { kind: 'file' } : { kind: 'line', line };
  let ok = true;
  const contract = x.spec.columns.map((c) => c.name);
  for (const name of contract) {
    const count = names.filter((n) => n === name).length;
    if (count === 0) {
      ok = false;
      const nearMiss = names.find((n) => n !== name && n.trim().toLowerCase() === name);
      x.problem(at, msg.columnMissing(contract, nearMiss, line !== undefined), kolom(name));
    } else if (count > 1) {
      ok = false;
      x.problem(at, msg.columnTwice(count), kolom(name));
    }
  }
  names.forEach((n, i) => {
    if (contract.includes(n)) return;
    if (n.trim() === '') x.warnings.push(diagnose(x.file, line, undefined, msg.columnNameless(i + 1)));
    else x.warnings.push(diagnose(x.file, line, kolom(n), msg.columnExtra(x.spec.name)));
  });
  return ok;
}

/** Read one extract into its table in one pass, with the per-row `__bad` flag. */
async function loadTable(x: ExtractRead, source: PreparedSource, peildatum: string | undefined): Promise<LoadedTable | undefined> {
  const { conn, spec, file, form } = x;
  const checks = rowChecks(spec, peildatum);
  const rejectsTable = `__rejects_${spec.name}`;
  const typed = spec.columns.map((c) =>
    c.type.kind === 'date' ? `__d_${c.name}` : c.name,
  );
  const select = spec.columns.map((c, i) => `${ident(typed[i]!)} AS ${ident(c.name)}`).join(', ');
  try {
    await conn.run(
      `CREATE TABLE ${ident(spec.name)} AS
       SELECT ${select}, (${anyProblem(checks)} OR ${source.touchAll}) AS __bad
       FROM (SELECT *, ${withDates(spec, source.dateTyped)} FROM (${source.relation(rejectsTable)}))`,
    );
  } catch (e) {
    const detail = firstLine(e);
    if (/invalidated|FATAL/i.test(detail)) throw e; // DuckDB itself is broken: not a data problem
    await conn.run(`DROP TABLE IF EXISTS ${ident(spec.name)}`);
    const ending = source.csvPath === undefined ? undefined : await lineEndingProblem(source.csvPath);
    if (ending) x.problem({ kind: 'line', line: ending.line }, msg.lineEnding(ending.kind));
    else x.problem({ kind: 'file' }, msg.unreadable(form === '.parquet'));
    return undefined;
  }
  const rejected =
    form === '.parquet' ? '0' : `(SELECT count(DISTINCT line) FROM ${ident(rejectsTable)})`;
  const reader = await conn.runAndReadAll(
    `SELECT count(*)::BIGINT AS n, count(*) FILTER (WHERE __bad)::BIGINT AS bad, ${rejected}::BIGINT AS rejected
     FROM ${ident(spec.name)}`,
  );
  const counts = reader.getRowObjectsJS()[0]!;
  const rejectedLines = Number(counts.rejected);
  const rows = Number(counts.n);
  if (rows === 0 && rejectedLines === 0) {
    x.problem({ kind: 'file' }, msg.noRows(spec.rij));
    return undefined;
  }
  return {
    spec,
    file,
    form,
    ...(source.csvPath === undefined ? {} : { csvPath: source.csvPath }),
    relation: source.relation,
    touchAll: source.touchAll,
    dateTyped: source.dateTyped,
    header: source.header,
    rows,
    badRows: Number(counts.bad),
    rejectedLines,
    rejectsTable,
  };
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0] ?? text;
}
