/**
 * Load an extract set into DuckDB and validate it before anything is computed.
 *
 *   folder ── extractie.json ── peildatum, bron
 *     │
 *     ├─ 1. find each extract in exactly one form (.csv, .csv.gz, .parquet)
 *     ├─ 2. per extract: decompress (.csv.gz), check the header / Parquet schema,
 *     │     then ONE read into its table: contract columns, dates as DATE, plus a `__bad`
 *     │     flag per row from the contract's row checks; malformed lines go to a rejects table
 *     ├─ 3. validate (validate.ts): counts first, details only when something is wrong
 *     └─ 4. all well: drop the helper columns and tables, hand over the connection
 *           any error: close everything and throw one InputError with all messages
 *
 * Everything is set-based SQL inside DuckDB; JavaScript only reads headers, decompresses
 * gzip and, when there are errors to show, finds their physical lines.
 */
import { access, mkdtemp, rm, stat } from 'node:fs/promises';
import { constants, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { removeOnExit, removeStale, tempPrefix } from '../util/cleanup.ts';
import { InputError } from '../util/errors.ts';
import { anyProblem, rowChecks, withDates } from './checks.ts';
import { contractVoor, EXTRACTS, ID_KOLOMMEN, type ExtractForm, type ExtractName, type ExtractSpec, type Extractie } from './contract.ts';
import { readExtractie } from './extractie.ts';
import { checkExtractFolder } from './folder.ts';
import { lineEndingProblem } from './lines.ts';
import { format, kolom, msg, type Text } from './messages.ts';
import {
  extractFiles,
  gunzipTo,
  GzipError,
  longLines,
  MAX_LINE_BYTES,
  readCsvClause,
  readCsvHeader,
  readParquetClause,
  type GunzipLimits,
} from './source.ts';
import { ident } from './sql.ts';
import { validateTables, type LoadedTable, type Problem } from './validate.ts';

export interface LoadOptions {
  /** How many errors to describe before summing up the rest (default 50). */
  maxErrors?: number;
  /**
   * DuckDB's memory_limit (default DEFAULT_MEMORY_LIMIT): beyond it DuckDB moves table data
   * and intermediate results to a temporary folder instead of growing.
   */
  memoryLimit?: string;
  /**
   * The basisvoorwaarden of the edition (default: all, with `zorg` optional): the contract
   * follows them (contractVoor), and an extract the edition needs and the folder lacks names
   * the basisvoorwaarde.
   */
  basisvoorwaarden?: readonly string[];
  /** The edition's name, for messages about what it needs ("7e-meting"). */
  editie?: string;
  /** How far a .csv.gz may expand before it is refused as a gzip bomb (default DEFAULT_GUNZIP_LIMITS). */
  gunzip?: GunzipLimits;
  /** The longest CSV line read (default MAX_LINE_BYTES); a longer line is an error at its line. */
  maxLineBytes?: number;
}

export interface LoadedExtracts {
  /** In-memory DuckDB holding one table per present extract, named after it. */
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  extractie: Extractie;
  /** The extracts present (`zorg` is optional). */
  present: ReadonlySet<ExtractName>;
  /** Warnings in Dutch (extra columns, a BOM, unknown fields in extractie.json). */
  warnings: readonly string[];
  /** Close the connection and the database and remove temporary files. Safe to call twice. */
  close(): void;
}

export const DEFAULT_MAX_ERRORS = 50;

/** Temporary folders of the loader are `<tmpdir>/monitor-extracts-<pid>-XXXXXX`. */
export const TEMP_NAME = 'monitor-extracts';

/**
 * At scale 10 the extract tables alone take about 4 GB in memory; with this limit the whole
 * process stays under 3 GB (measured: bench/load.ts), at little cost in time. At scale 1
 * everything fits well within it.
 */
export const DEFAULT_MEMORY_LIMIT = '2GB';

/**
 * Load the extract set in `folder`: validate all of it against the contract and return an
 * open DuckDB with one table per present extract. Throws one InputError listing every problem
 * (up to `maxErrors`) when anything is wrong.
 */
export async function loadExtracts(folder: string, options: LoadOptions = {}): Promise<LoadedExtracts> {
  const maxErrors = Math.max(0, Math.floor(options.maxErrors ?? DEFAULT_MAX_ERRORS));
  await checkExtractFolder(folder);

  const earlier: Problem[] = [];
  const warnings: string[] = [];
  const json = await readExtractie(join(folder, 'extractie.json'));
  for (const message of json.errors) earlier.push({ order: -1, file: '', at: { kind: 'file' }, columnOrder: 0, text: message });
  warnings.push(...json.warnings);
  const peildatum = json.extractie?.peildatum;

  // Decompressed extracts are microdata: the folder goes on error, exit and Ctrl-C, and folders
  // left by a run that was killed outright are removed by the next.
  removeStale(tmpdir(), TEMP_NAME);
  const temp = await mkdtemp(join(tmpdir(), tempPrefix(TEMP_NAME)));
  const release = removeOnExit(temp);
  const config: Record<string, string> = {
    temp_directory: join(temp, 'duckdb'),
    // Row order is file order: a row's position is how a message finds its line.
    preserve_insertion_order: 'true',
    memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
  };
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  try {
    instance = await DuckDBInstance.create(':memory:', config);
    connection = await instance.connect();
  } catch (e) {
    release();
    throw e;
  }
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    try {
      connection.closeSync();
      instance.closeSync();
    } finally {
      release();
    }
  };

  try {
    const files = await extractFiles(folder);
    const plan: { spec: ExtractSpec; order: number; form: ExtractForm }[] = [];
    const contract = options.basisvoorwaarden ? contractVoor(options.basisvoorwaarden) : EXTRACTS;
    if (options.basisvoorwaarden && !options.basisvoorwaarden.includes('zorg') && files.forms('zorg').length > 0)
      warnings.push(`${join(folder, 'zorg')}: de editie ${options.editie ?? ''} meet geen zorg; dit extract wordt niet gelezen`.replace('  ', ' '));
    contract.forEach((spec, order) => {
      const forms = files.forms(spec.name);
      const problem = (text: Text): void => {
        earlier.push({ order, file: folder, at: { kind: 'file' }, columnOrder: 0, text });
      };
      if (forms.length === 0) {
        if (!spec.optional)
          problem(
            spec.name === 'zorg'
              ? { what: `extract 'zorg' ontbreekt, maar de editie ${options.editie ?? ''} meet de basisvoorwaarde zorg`.replace('  ', ' '), expected: `een bestand ${['.csv', '.csv.gz', '.parquet'].map((f) => `zorg${f}`).join(', ')}; of haal zorg uit "basisvoorwaarden" in het editiebestand en geef de reden onder "niet_gemeten"` }
              : msg.extractMissing(spec.name, files.nearMisses(spec.name)),
          );
      } else if (forms.length > 1) problem(msg.extractTwice(spec.name, forms.map((f) => `${spec.name}${f}`)));
      else plan.push({ spec, order, form: forms[0]! });
    });
    // Only regular files are read: a FIFO would block for ever, a link to /dev/zero never end.
    for (let k = plan.length - 1; k >= 0; k--) {
      const { spec, order, form } = plan[k]!;
      const file = join(folder, `${spec.name}${form}`);
      const text = await notReadable(file);
      if (text === undefined) continue;
      earlier.push({ order, file, at: { kind: 'file' }, columnOrder: 0, text });
      plan.splice(k, 1);
    }

    // Decompress the .csv.gz files one after another in the background (zlib works on its own
    // threads), so DuckDB reads one extract while the next is being decompressed.
    let chain: Promise<unknown> = Promise.resolve();
    const decompressed = new Map<ExtractName, Promise<{ path: string } | { error: GzipError }>>();
    for (const { spec, form } of plan) {
      if (form !== '.csv.gz') continue;
      const target = join(temp, `${spec.name}.csv`);
      const done = chain.then(() =>
        gunzipTo(join(folder, `${spec.name}.csv.gz`), target, options.gunzip).then(
          () => ({ path: target }),
          (e: unknown) => {
            if (e instanceof GzipError) return { error: e };
            throw e;
          },
        ),
      );
      decompressed.set(spec.name, done);
      chain = done;
    }

    const tables: LoadedTable[] = [];
    const order = new Map<ExtractName, number>();
    for (const { spec, order: position, form } of plan) {
      order.set(spec.name, position);
      const file = join(folder, `${spec.name}${form}`);
      const problem = (at: Problem['at'], text: Text, label?: string): void => {
        earlier.push({ order: position, file, at, columnOrder: -1, text, ...(label ? { label } : {}) });
      };
      let csvPath: string | undefined;
      if (form === '.csv.gz') {
        const result = await decompressed.get(spec.name)!;
        if ('error' in result) {
          problem({ kind: 'file' }, msg.gzip(result.error.problem, result.error.limit));
          continue;
        }
        csvPath = result.path;
      } else if (form === '.csv') csvPath = file;

      const source =
        csvPath !== undefined
          ? await prepareCsv(spec, file, csvPath, problem, warnings, { maxLineBytes: options.maxLineBytes ?? MAX_LINE_BYTES, maxErrors })
          : await prepareParquet(connection, spec, file, problem, warnings);
      if (!source) continue;
      const table = await loadTable(connection, spec, file, form, source, peildatum, problem);
      if (table) tables.push(table);
    }

    const messages = await validateTables(connection, tables, earlier, {
      peildatum,
      maxErrors,
      order: (t) => order.get(t.spec.name) ?? 0,
    });
    if (messages.length > 0 || !json.extractie) throw new InputError(messages);

    await connection.run(
      tables
        .map(
          (t) =>
            `ALTER TABLE ${ident(t.spec.name)} DROP COLUMN __bad; ` +
            `DROP TABLE IF EXISTS ${ident(t.rejectsTable)}; DROP TABLE IF EXISTS ${ident(`${t.rejectsTable}_scan`)};`,
        )
        .join(' '),
    );
    for (const name of decompressed.keys()) await rm(join(temp, `${name}.csv`), { force: true });
    // An edition without ID reads no ID columns; the working tables still have them, empty, so
    // that the SQL is the same for every edition and nothing published reads them.
    if (options.basisvoorwaarden && !options.basisvoorwaarden.includes('id') && tables.some((t) => t.spec.name === 'detenties'))
      for (const c of ID_KOLOMMEN) await connection.run(`ALTER TABLE detenties ADD COLUMN IF NOT EXISTS ${ident(c)} VARCHAR`);
    return {
      instance,
      connection,
      extractie: json.extractie,
      present: new Set(tables.map((t) => t.spec.name)),
      warnings,
      close,
    };
  } catch (e) {
    close();
    throw e;
  }
}

type Report = (at: Problem['at'], text: Text, label?: string) => void;

/** Why `file` cannot be read as an extract (not a regular file, no permission), or undefined. */
async function notReadable(file: string): Promise<Text | undefined> {
  let info: Stats;
  try {
    info = await stat(file); // follows links: a link to a regular file is fine
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return msg.noAccess();
    if (code === 'ENOENT') return msg.notRegular('een koppeling naar een bestand dat niet bestaat');
    if (code === 'ELOOP') return msg.notRegular('een kringkoppeling');
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
  if (info.isDirectory()) return msg.notRegular('een map');
  if (info.isFIFO()) return msg.notRegular('een named pipe (FIFO); die zou het inlezen laten wachten');
  if (info.isCharacterDevice() || info.isBlockDevice()) return msg.notRegular('een apparaat (zoals /dev/zero)');
  if (info.isSocket()) return msg.notRegular('een socket');
  return msg.notRegular('iets anders');
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

/** Check a CSV's header against the contract and say how to read it. */
async function prepareCsv(
  spec: ExtractSpec,
  file: string,
  csvPath: string,
  problem: Report,
  warnings: string[],
  limits: { maxLineBytes: number; maxErrors: number },
): Promise<PreparedSource | undefined> {
  const header = await readCsvHeader(csvPath);
  if (header.kind === 'empty') return void problem({ kind: 'file' }, msg.emptyFile());
  if (header.kind === 'utf16') return void problem({ kind: 'file' }, msg.utf16());
  if (header.kind === 'binary') return void problem({ kind: 'file' }, msg.binary());
  if (header.kind === 'tooLong') return void problem({ kind: 'line', line: 1 }, msg.headerTooLong(header.limit));
  if (header.kind === 'encoding') return void problem({ kind: 'line', line: 1 }, msg.headerEncoding());
  if (header.delimiter !== undefined) return void problem({ kind: 'line', line: 1 }, msg.delimiter(header.delimiter));
  if (header.bom) warnings.push(format(file, undefined, undefined, msg.bom()));
  const names = header.names;
  if (!checkColumns(spec, file, names, 1, problem, warnings)) return undefined;
  // DuckDB drops a line longer than its read buffer without a trace; find them first.
  const long = await longLines(csvPath, limits.maxLineBytes, Math.max(1, limits.maxErrors));
  if (long.length > 0) {
    for (const line of long) problem({ kind: 'line', line }, msg.lineTooLong(limits.maxLineBytes));
    return undefined;
  }

  const position = new Map(names.map((n, i) => [n, i]));
  const extras = names.map((n, i) => ({ n, i })).filter(({ n }) => !spec.columns.some((c) => c.name === n));
  const items = [
    ...spec.columns.map((c) => `c${position.get(c.name)!} AS ${ident(c.name)}`),
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
async function prepareParquet(
  conn: DuckDBConnection,
  spec: ExtractSpec,
  file: string,
  problem: Report,
  warnings: string[],
): Promise<PreparedSource | undefined> {
  let schema: { name: string; type: string }[];
  try {
    const reader = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${readParquetClause(file)}`);
    schema = reader.getRowObjectsJS().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  } catch {
    return void problem({ kind: 'file' }, msg.parquetUnreadable());
  }
  if (!checkColumns(spec, file, schema.map((s) => s.name), undefined, problem, warnings)) return undefined;
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
      const allowed = column.type.kind === 'date' ? 'VARCHAR (tekst) of DATE' : 'VARCHAR (tekst)';
      problem({ kind: 'file' }, msg.parquetType(type, allowed), kolom(column.name));
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
function checkColumns(
  spec: ExtractSpec,
  file: string,
  names: readonly string[],
  line: number | undefined,
  problem: Report,
  warnings: string[],
): boolean {
  const at: Problem['at'] = line === undefined ? { kind: 'file' } : { kind: 'line', line };
  let ok = true;
  const contract = spec.columns.map((c) => c.name);
  for (const name of contract) {
    const count = names.filter((n) => n === name).length;
    if (count === 0) {
      ok = false;
      const nearMiss = names.find((n) => n !== name && n.trim().toLowerCase() === name);
      problem(at, msg.columnMissing(contract, nearMiss, line !== undefined), kolom(name));
    } else if (count > 1) {
      ok = false;
      problem(at, msg.columnTwice(count), kolom(name));
    }
  }
  names.forEach((n, i) => {
    if (contract.includes(n)) return;
    if (n.trim() === '') warnings.push(format(file, line, undefined, msg.columnNameless(i + 1)));
    else warnings.push(format(file, line, kolom(n), msg.columnExtra(spec.name)));
  });
  return ok;
}

/** Read one extract into its table in one pass, with the per-row `__bad` flag. */
async function loadTable(
  conn: DuckDBConnection,
  spec: ExtractSpec,
  file: string,
  form: ExtractForm,
  source: PreparedSource,
  peildatum: string | undefined,
  problem: Report,
): Promise<LoadedTable | undefined> {
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
    if (ending) problem({ kind: 'line', line: ending.line }, msg.lineEnding(ending.kind));
    else problem({ kind: 'file' }, msg.unreadable(form === '.parquet'));
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
    problem({ kind: 'file' }, msg.noRows(spec.rij));
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
