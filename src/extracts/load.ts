/**
 * Load an extract set into DuckDB and validate it before anything is computed.
 *
 *   folder ── extractie.json ── peildatum, bron
 *     │
 *     ├─ 1. find each extract in exactly one form (.csv, .csv.gz, .parquet)
 *     ├─ 2. per extract (read.ts): decompress (.csv.gz), check the header / Parquet schema,
 *     │     then ONE read into its table: contract columns, dates as DATE, plus a `__bad`
 *     │     flag per row from the contract's row checks; malformed lines go to a rejects table
 *     ├─ 3. validate (validate.ts): counts first, details only when something is wrong
 *     └─ 4. all well: drop the helper columns and tables, hand over the connection
 *           any error: close everything and throw one InputError with all messages
 *
 * Everything is set-based SQL inside DuckDB; JavaScript only reads headers, decompresses
 * gzip and, when there are errors to show, finds their physical lines.
 */
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { removeStale, tempFolder } from '../util/cleanup.ts';
import type { Diagnostic } from '../util/diagnostic.ts';
import { InputError } from '../util/errors.ts';
import { contractVoor, EXTRACTS, ID_KOLOMMEN, type ExtractForm, type ExtractName, type ExtractSpec, type Extractie } from './contract.ts';
import { leesExtractie } from './extractie.ts';
import { checkExtractFolder } from './folder.ts';
import { diagnose, msg, type Text } from './messages.ts';
import type { LoadedTable, Problem } from './problem.ts';
import { notReadable, readExtract } from './read.ts';
import { extractFiles, gunzipTo, GzipError, MAX_LINE_BYTES, type Decompressed, type GunzipLimits } from './source.ts';
import { ident } from './sql.ts';
import { validateTables } from './validate.ts';

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
  /** Warnings (extra columns, a BOM, unknown fields in extractie.json). */
  warnings: readonly Diagnostic[];
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

  const json = await leesExtractie(join(folder, 'extractie.json'));
  const earlier: Problem[] = json.errors.map((d) => ({ order: -1, file: '', at: { kind: 'file' }, columnOrder: 0, text: d }));
  const warnings: Diagnostic[] = [...json.warnings];
  const peildatum = json.extractie?.peildatum;

  // Decompressed extracts are microdata: the folder goes on error, exit and Ctrl-C, and folders
  // left by a run that was killed outright are removed by the next.
  removeStale(tmpdir(), TEMP_NAME);
  const { path: temp, release } = tempFolder(TEMP_NAME);
  const { instance, connection, close } = await openDatabase(temp, release, options.memoryLimit ?? DEFAULT_MEMORY_LIMIT);

  try {
    const plan = await planExtracts(folder, options, { earlier, warnings });
    const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
    const decompressed = decompress(plan, folder, temp, { limits: options.gunzip, maxLineBytes });
    const tables: LoadedTable[] = [];
    for (const { spec, order, form } of plan) {
      const file = join(folder, `${spec.name}${form}`);
      const problem = (at: Problem['at'], text: Text, label?: string): void => {
        earlier.push({ order, file, at, columnOrder: -1, text, ...(label ? { label } : {}) });
      };
      let csvPath: string | undefined;
      let longLineSuspect: boolean | undefined;
      if (form === '.csv.gz') {
        const result = await decompressed.get(spec.name)!;
        if ('error' in result) {
          problem({ kind: 'file' }, msg.gzip(result.error.problem, result.error.limit));
          continue;
        }
        csvPath = result.path;
        longLineSuspect = result.longLineSuspect;
      } else if (form === '.csv') csvPath = file;
      const read = { conn: connection, spec, file, form, problem, warnings };
      const table = await readExtract(read, { csvPath, longLineSuspect, peildatum, maxLineBytes, maxErrors });
      if (table) tables.push(table);
    }

    const order = new Map(plan.map((p) => [p.spec.name, p.order]));
    const problems = await validateTables(connection, tables, earlier, {
      peildatum,
      maxErrors,
      order: (t) => order.get(t.spec.name) ?? 0,
    });
    if (problems.length > 0 || !json.extractie) throw new InputError(problems);

    await tidy(connection, tables, options);
    for (const name of decompressed.keys()) await rm(join(temp, `${name}.csv`), { force: true });
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

/** An in-memory DuckDB whose spill files go to `temp`, and how to close it and remove `temp`. */
async function openDatabase(temp: string, release: () => void, memoryLimit: string): Promise<Pick<LoadedExtracts, 'instance' | 'connection' | 'close'>> {
  const config: Record<string, string> = {
    temp_directory: join(temp, 'duckdb'),
    // Row order is file order: a row's position is how a message finds its line.
    preserve_insertion_order: 'true',
    memory_limit: memoryLimit,
    // jemalloc's background threads give memory DuckDB freed back to the system as it goes: once
    // the build drops the tables it no longer needs (indicators/compute.ts, alleenTeltabellen),
    // the process holds 0.4 GB where it held 0.9 at scale 10 while the models are fitted.
    allocator_background_threads: 'true',
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
  return { instance, connection, close };
}

/** An extract to read: its contract, its position in the contract (for sorting) and its file's form. */
interface Planned {
  spec: ExtractSpec;
  order: number;
  form: ExtractForm;
}

/**
 * The extracts to read, each in its one form; a missing, doubled or unreadable extract is a
 * problem (in `found.earlier`), an extract the edition does not measure a warning.
 */
async function planExtracts(
  folder: string,
  options: LoadOptions,
  found: { earlier: Problem[]; warnings: Diagnostic[] },
): Promise<Planned[]> {
  const files = await extractFiles(folder);
  const plan: Planned[] = [];
  const contract = options.basisvoorwaarden ? contractVoor(options.basisvoorwaarden) : EXTRACTS;
  if (options.basisvoorwaarden && !options.basisvoorwaarden.includes('zorg') && files.forms('zorg').length > 0)
    found.warnings.push(diagnose(join(folder, 'zorg'), undefined, undefined, msg.zorgNietGelezen(options.editie)));
  contract.forEach((spec, order) => {
    const forms = files.forms(spec.name);
    const problem = (text: Text): void => {
      found.earlier.push({ order, file: folder, at: { kind: 'file' }, columnOrder: 0, text });
    };
    if (forms.length === 0) {
      if (!spec.optional) problem(spec.name === 'zorg' ? msg.zorgOntbreekt(options.editie) : msg.extractMissing(spec.name, files.nearMisses(spec.name)));
    } else if (forms.length > 1) problem(msg.extractTwice(spec.name, forms.map((f) => `${spec.name}${f}`)));
    else plan.push({ spec, order, form: forms[0]! });
  });
  // Only regular files are read: a FIFO would block for ever, a link to /dev/zero never end.
  for (let k = plan.length - 1; k >= 0; k--) {
    const { spec, order, form } = plan[k]!;
    const file = join(folder, `${spec.name}${form}`);
    const text = await notReadable(file);
    if (text === undefined) continue;
    found.earlier.push({ order, file, at: { kind: 'file' }, columnOrder: 0, text });
    plan.splice(k, 1);
  }
  return plan;
}

/** A decompressed extract's plain CSV and what gunzipTo saw of its lines, or why it could not be decompressed. */
type Uitgepakt = ({ path: string } & Decompressed) | { error: GzipError };

/**
 * Decompress the .csv.gz files one after another in the background (zlib works on its own
 * threads), so DuckDB reads one extract while the next is being decompressed.
 */
function decompress(
  plan: readonly Planned[],
  folder: string,
  temp: string,
  o: { limits: GunzipLimits | undefined; maxLineBytes: number },
): Map<ExtractName, Promise<Uitgepakt>> {
  let chain: Promise<unknown> = Promise.resolve();
  const decompressed = new Map<ExtractName, Promise<Uitgepakt>>();
  for (const { spec, form } of plan) {
    if (form !== '.csv.gz') continue;
    const target = join(temp, `${spec.name}.csv`);
    const done = chain.then(() =>
      gunzipTo(join(folder, `${spec.name}.csv.gz`), target, o.limits, o.maxLineBytes).then(
        (d) => ({ path: target, ...d }),
        (e: unknown) => {
          if (e instanceof GzipError) return { error: e };
          throw e;
        },
      ),
    );
    decompressed.set(spec.name, done);
    chain = done;
  }
  return decompressed;
}

/** All is well: drop the helper columns and tables, and give an edition without ID its empty ID columns. */
async function tidy(connection: DuckDBConnection, tables: readonly LoadedTable[], options: LoadOptions): Promise<void> {
  await connection.run(
    tables
      .map(
        (t) =>
          `ALTER TABLE ${ident(t.spec.name)} DROP COLUMN __bad; ` +
          `DROP TABLE IF EXISTS ${ident(t.rejectsTable)}; DROP TABLE IF EXISTS ${ident(`${t.rejectsTable}_scan`)};`,
      )
      .join(' '),
  );
  // An edition without ID reads no ID columns; the working tables still have them, empty, so
  // that the SQL is the same for every edition and nothing published reads them.
  if (options.basisvoorwaarden && !options.basisvoorwaarden.includes('id') && tables.some((t) => t.spec.name === 'detenties'))
    for (const c of ID_KOLOMMEN) await connection.run(`ALTER TABLE detenties ADD COLUMN IF NOT EXISTS ${ident(c)} VARCHAR`);
}
