/**
 * Lines DuckDB rejected while reading a CSV (RFC 4180 structure, encoding): one problem per
 * line, with the most telling of DuckDB's reasons, in the user's words.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { kolom, msg, type Text } from './messages.ts';
import { all, type Found, type LoadedTable, type Problem, type ValidateOptions } from './problem.ts';
import { parseRecord } from './source.ts';
import { ident } from './sql.ts';

/** DuckDB may give a line several errors; the first of these is the one that explains it. */
const REJECT_PRIORITY = ['INVALID ENCODING', 'INVALID UNICODE', 'UNQUOTED VALUE', 'MISSING COLUMNS', 'TOO MANY COLUMNS'];

/** The first `maxErrors` rejected lines of `table`, described; the count is of all of them. */
export async function rejectedLines(conn: DuckDBConnection, table: LoadedTable, options: ValidateOptions): Promise<Found> {
  const cap = options.maxErrors;
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
  const problems: Problem[] = [];
  for (const [line, errors] of byLine) {
    errors.sort((a, b) => rank(String(a.error_type)) - rank(String(b.error_type)));
    const { text, label } = describe(errors[0]!, table.header);
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

/** The message of a rejected line from DuckDB's first error on it (a row of the rejects table). */
function describe(error: Record<string, unknown>, header: readonly string[]): { text: Text; label?: string } {
  const type = String(error.error_type);
  const expected = header.length;
  // DuckDB's "Found: n" is where it noticed, not always the number of fields; count them.
  const fields = typeof error.csv_line === 'string' ? parseRecord(error.csv_line.replace(/\r?\n$/, '')) : undefined;
  const count = fields?.length;
  switch (type) {
    case 'MISSING COLUMNS':
      return { text: msg.tooFewFields(count, expected) };
    case 'TOO MANY COLUMNS':
      return { text: msg.tooManyFields(count, expected, decimalComma(fields, header)) };
    case 'UNQUOTED VALUE':
      return { text: /unterminated/i.test(String(error.error_message ?? '')) ? msg.unterminatedQuote() : msg.badQuote() };
    case 'INVALID ENCODING':
    case 'INVALID UNICODE': {
      const columnIndex = /^c(\d+)$/.exec(String(error.column_name ?? ''));
      const columnName = columnIndex ? header[Number(columnIndex[1])] : undefined;
      return { text: msg.badEncoding(), ...(columnName === undefined ? {} : { label: kolom(columnName) }) };
    }
    case 'LINE SIZE OVER MAXIMUM':
      return { text: msg.lineTooLong() };
    default:
      return { text: msg.badLine() };
  }
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

