/**
 * A small valid extract set, written to a temporary folder for each test, so that each rule's
 * bad fixture is this set with one change. Lines are given as CSV text after the header (the
 * header is the contract's column order); line numbers in the comments are the physical lines.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { EXTRACTS, extractSpec, type ExtractName } from '../../src/extracts/contract.ts';
import { loadExtracts, type LoadedExtracts, type LoadOptions } from '../../src/extracts/load.ts';
import type { Diagnostic } from '../../src/util/diagnostic.ts';
import { InputError } from '../../src/util/errors.ts';

const PEILDATUM = '2019-06-30';

export const VALID: Record<ExtractName, string[]> = {
  personen: [
    'P1,m,1980-01-01,mbo1,,', // line 2
    'P2,v,1990-05-05,onbekend,,', // line 3
    'P3,m,1975-12-31,hbo_wo,2018-03-01,', // line 4
  ],
  detenties: [
    'D1,P1,2014-01-01,2014-06-30,geldig,geldig',
    'D2,P2,2015-03-01,2015-03-10,ongeldig,onbekend',
    'D3,P3,2016-01-01,2016-02-01,onbekend,geldig',
  ],
  banen: ['P1,B1,werknemer,2013-01-01,2013-12-31', 'P1,B2,zelfstandige,2014-08-01,', 'P2,B3,werknemer,2015-04-01,2016-04-01'],
  uitkeringen: ['P1,bijstand,2014-07-01,2014-12-31', 'P3,pensioen,2017-01-01,'],
  onderwijs: ['P2,2012-09-01,2014-07-01'],
  adressen: [
    'P1,A1,woonadres,alleenstaand,2010-01-01,2013-12-31', // line 2
    'P1,A2,instelling,,2014-01-01,2014-06-30', // line 3
    'P1,A3,woonadres,met_partner,2014-07-01,', // line 4
    'P2,A4,briefadres,,2015-03-11,', // line 5
  ],
  wanbetalers: ['P2,2016-01-01,2016-12-31'],
  justitie: ['Z1,P1,2013-05-05,veroordeling', 'Z2,P2,2015-09-09,sepot_beleid'],
  zorg: ['P3,ggz,2016-03-01,2016-09-01'],
};

type Form = 'csv' | 'csv.gz' | 'parquet';

export interface SetChanges {
  /** Form of every extract (default csv). */
  form?: Form;
  /** Form per extract. */
  forms?: Partial<Record<ExtractName, Form>>;
  /** Data lines (after the header) per extract, replacing the valid ones. */
  rows?: Partial<Record<ExtractName, string[]>>;
  /** Whole file text (or bytes) per extract, header included; `null` leaves the extract out. */
  files?: Partial<Record<ExtractName, string | Buffer | null>>;
  /** Other files to write, by name. */
  extra?: Record<string, string | Buffer>;
  /** extractie.json text; `null` leaves it out. */
  json?: string | null;
}

export const header = (name: ExtractName): string => extractSpec(name).columns.map((c) => c.name).join(',');

/** The valid lines of `name` with line `line` (physical, header = 1) replaced. */
export function replaceLine(name: ExtractName, line: number, text: string): string[] {
  const rows = [...VALID[name]];
  rows[line - 2] = text;
  return rows;
}

const temps: string[] = [];

/** Write a set (the valid one with `changes`) to a new temporary folder and return it. */
export async function writeSet(changes: SetChanges = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'extracts-test-'));
  temps.push(dir);
  await mkdir(dir, { recursive: true });
  if (changes.json !== null) {
    await writeFile(join(dir, 'extractie.json'), changes.json ?? JSON.stringify({ peildatum: PEILDATUM, bron: 'test' }));
  }
  for (const spec of EXTRACTS) {
    const name = spec.name;
    const given = changes.files?.[name];
    if (given === null) continue;
    const content = given ?? `${header(name)}\n${(changes.rows?.[name] ?? VALID[name]).join('\n')}\n`;
    const form = changes.forms?.[name] ?? changes.form ?? 'csv';
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    if (form === 'csv') await writeFile(join(dir, `${name}.csv`), bytes);
    else if (form === 'csv.gz') await writeFile(join(dir, `${name}.csv.gz`), gzipSync(bytes));
    else await writeParquet(join(dir, `${name}.parquet`), bytes, dir, name);
  }
  for (const [file, content] of Object.entries(changes.extra ?? {})) await writeFile(join(dir, file), content);
  return dir;
}

let shared: { db: DuckDBInstance; conn: DuckDBConnection } | undefined;

/** One DuckDB for all Parquet fixtures of a test file. */
export async function duck(): Promise<DuckDBConnection> {
  if (!shared) {
    const db = await DuckDBInstance.create(':memory:');
    shared = { db, conn: await db.connect() };
  }
  return shared.conn;
}

/** Parquet from CSV text: every column VARCHAR, empty fields NULL, in file order. */
async function writeParquet(path: string, csv: Buffer, dir: string, name: string): Promise<void> {
  const tmp = join(dir, `.${name}.tmp.csv`);
  await writeFile(tmp, csv);
  const conn = await duck();
  await conn.run(
    `COPY (SELECT * FROM read_csv('${tmp}', all_varchar = true, header = true)) TO '${path}' (FORMAT parquet)`,
  );
  await rm(tmp);
}

/** Remove the temporary folders and close the shared DuckDB. */
export async function cleanup(): Promise<void> {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
  if (shared) {
    shared.conn.closeSync();
    shared.db.closeSync();
    shared = undefined;
  }
}

/** Load a folder that must be invalid and return the messages. */
export async function errorsOf(dir: string, options?: LoadOptions): Promise<readonly string[]> {
  try {
    const loaded = await loadExtracts(dir, options);
    loaded.close();
  } catch (e) {
    if (e instanceof InputError) return e.messages;
    throw e;
  }
  throw new Error(`expected an InputError for ${dir}`);
}

/** Load a set that must be valid. */
export async function load(dir: string, options?: LoadOptions): Promise<LoadedExtracts> {
  try {
    return await loadExtracts(dir, options);
  } catch (e) {
    if (e instanceof InputError) throw new Error(`unexpected InputError:\n${e.message}`, { cause: e });
    throw e;
  }
}

/** Load a folder that must be invalid and return the diagnostics (rule ids and texts). */
export async function diagnosticsOf(dir: string, options?: LoadOptions): Promise<readonly Diagnostic[]> {
  try {
    const loaded = await loadExtracts(dir, options);
    loaded.close();
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics;
    throw e;
  }
  throw new Error(`expected an InputError for ${dir}`);
}
