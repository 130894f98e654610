/**
 * Small helpers for writing SQL text safely: identifiers and literals that come from files
 * (column names in a header, paths) are always quoted, never pasted.
 */
import { ISO_DATE } from '../util/dates.ts';
import { InternalError } from '../util/errors.ts';
import { ID_PATTERN } from './contract.ts';

/** A quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A quoted SQL string literal. */
export function str(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A DATE literal; the value must already be a validated ISO date. */
export function dateLit(iso: string): string {
  if (!ISO_DATE.test(iso)) throw new InternalError(`not an ISO date: ${iso}`);
  return `DATE '${iso}'`;
}

/** The id pattern of the contract as an RE2 pattern for regexp_full_match (no anchors needed). */
export const ID_REGEX = str(ID_PATTERN.source.replace(/^\^/, '').replace(/\$$/, ''));

/**
 * The date in a VARCHAR expression when it is exactly an ISO `YYYY-MM-DD` calendar date, else
 * NULL. DuckDB's cast is lenient ('2015-1-1', ' 2015-01-01', '2015/01/01' and 'infinity' all
 * cast), so the cast must give back exactly the same ten characters.
 */
export function exactDate(expr: string): string {
  return `CASE WHEN strlen(${expr}) = 10 AND CAST(TRY_CAST(${expr} AS DATE) AS VARCHAR) = ${expr} THEN TRY_CAST(${expr} AS DATE) END`;
}
