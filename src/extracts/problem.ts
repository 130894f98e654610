/**
 * What the loader and the validator pass between them: a loaded extract (its table and what is
 * needed to explain it) and a problem before its line is known. The checks (rejected.ts,
 * rules.ts) each return the problems they found; validate.ts places and sorts them.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Diagnostic } from '../util/diagnostic.ts';
import type { ExtractForm, ExtractSpec } from './contract.ts';
import { kolom, type Text } from './messages.ts';

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
  /** SQL that must appear in a second read so DuckDB reads every column (see read.ts). */
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

/** The physical line of a kept row of a table. */
export type LineOf = (table: LoadedTable, row: number) => number;

export interface Problem {
  /** Sort order of the file: -1 for the folder and extractie.json, else the contract position. */
  order: number;
  file: string;
  at: At;
  label?: string;
  columnOrder: number;
  /** Rows of (other) tables the text names by line. */
  refs?: { table: LoadedTable; row: number }[];
  /** The message; a function of the lines when it names other rows; a Diagnostic when placed already (extractie.json). */
  text: Text | ((line: LineOf) => Text) | Diagnostic;
}

export interface ValidateOptions {
  peildatum: string | undefined;
  /** How many problems to describe; beyond it they are only counted. */
  maxErrors: number;
  /** Contract position of each extract, for sorting. */
  order: (table: LoadedTable) => number;
}

/** What one check found. */
export interface Found {
  problems: Problem[];
  /** All problems, also those not described (beyond the cap). */
  count: number;
}

/** A problem at a row of `table`, in the column `column`. */
export function rowProblem(
  table: LoadedTable,
  options: ValidateOptions,
  problem: { row: number; column: string; text: Problem['text']; refs?: Problem['refs'] },
): Problem {
  return {
    order: options.order(table),
    file: table.file,
    at: { kind: 'row', table, row: problem.row },
    label: kolom(problem.column),
    columnOrder: table.spec.columns.findIndex((c) => c.name === problem.column),
    ...(problem.refs ? { refs: problem.refs } : {}),
    text: problem.text,
  };
}

export async function all(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

export async function scalar(conn: DuckDBConnection, sql: string): Promise<number> {
  const reader = await conn.runAndReadAll(sql);
  const value = reader.getRowsJS()[0]?.[0];
  return Number(value ?? 0);
}
