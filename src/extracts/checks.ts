/**
 * The contract's rules for one row, as SQL.
 *
 * Each check is a SQL expression that is NULL when the row is fine and otherwise a short code
 * saying what is wrong. The same expressions serve twice: while loading, OR-ed into one
 * `__bad` flag per row (one pass, no messages); and, only when some row is bad, per check to
 * find and describe the first offending rows. So the fast path and the messages can never
 * disagree about what is an error. (One exception, for speed: the format of a reference such as
 * persoon_id outside personen is checked with the reference itself, in rules.ts.)
 *
 * The expressions read a relation with, per contract column `x`, the value as read (`"x"`:
 * VARCHAR, NULL when empty) and for date columns the exact date (`"__d_x"`: DATE, NULL when
 * empty or not exactly `YYYY-MM-DD`).
 */
import type { ColumnSpec, ExtractSpec } from './contract.ts';
import { InternalError } from '../util/errors.ts';
import { msg, type Text } from './messages.ts';
import { dateLit, exactDate, ident, ID_REGEX, str } from './sql.ts';

/** The column holding the exact date of date column `name`. */
const dateColumn = (name: string): string => ident(`__d_${name}`);

/**
 * SQL select items adding the exact date of every date column to a relation with the columns
 * as read. `typed` names date columns that are DATE already (Parquet), which need no parsing.
 */
export function withDates(spec: ExtractSpec, typed: ReadonlySet<string>): string {
  const items = spec.columns
    .filter((c) => c.type.kind === 'date')
    .map((c) => `${typed.has(c.name) ? ident(c.name) : exactDate(ident(c.name))} AS ${dateColumn(c.name)}`);
  return items.length > 0 ? items.join(', ') : 'NULL AS __no_dates';
}

/** A row as read back for a message: every value as text. */
export type ShownRow = Record<string, string | null>;

export interface RowCheck {
  /** The column the problem is reported in. */
  column: string;
  /** SQL: NULL when fine, else a code. */
  code: string;
  /** The message for a row with a non-NULL code. */
  describe(row: ShownRow, code: string): Text;
}

const inList = (values: readonly string[]): string => values.map(str).join(', ');

function fieldCheck(column: ColumnSpec, peildatum: string | undefined, isReference: boolean): RowCheck {
  const x = ident(column.name);
  const empty = column.optional ? '' : `WHEN ${x} IS NULL THEN 'leeg' `;
  let invalid: string;
  switch (column.type.kind) {
    case 'id':
      // A reference (persoon_id outside personen) must match a valid id of the referenced
      // extract, so its format is checked together with the reference (rules.ts), saving
      // a regular expression on every spell row.
      invalid = isReference ? '' : `WHEN NOT regexp_full_match(${x}, ${ID_REGEX}) THEN 'ongeldig'`;
      break;
    case 'enum':
      invalid = `WHEN ${x} NOT IN (${inList(column.type.values)}) THEN 'ongeldig'`;
      break;
    case 'date': {
      const d = dateColumn(column.name);
      invalid = `WHEN ${x} IS NOT NULL AND ${d} IS NULL THEN 'ongeldig'`;
      if (peildatum !== undefined) invalid += ` WHEN ${d} > ${dateLit(peildatum)} THEN 'na_peildatum'`;
      break;
    }
  }
  return {
    column: column.name,
    code: empty === '' && invalid === '' ? 'NULL' : `CASE ${empty}${invalid} END`,
    describe(row, code) {
      const value = row[column.name] ?? '';
      if (code === 'leeg') return msg.valueMissing(column);
      if (code === 'na_peildatum') return msg.naPeildatum(value, peildatum ?? '');
      return msg.valueInvalid(column, value);
    },
  };
}

function notBefore(column: string, reference: string): RowCheck {
  return {
    column,
    code: `CASE WHEN ${dateColumn(column)} < ${dateColumn(reference)} THEN 'voor' END`,
    describe: (row) => msg.notBefore(column, row[column] ?? '', reference, row[reference] ?? ''),
  };
}

function onlyWhen(spec: ExtractSpec, column: string, when: string, value: string): RowCheck {
  const whenSpec = spec.columns.find((c) => c.name === when);
  const columnSpec = spec.columns.find((c) => c.name === column);
  if (whenSpec?.type.kind !== 'enum' || columnSpec?.type.kind !== 'enum') {
    throw new InternalError(`onlyWhen needs two enum columns: ${spec.name}.${column}, ${when}`);
  }
  const others = whenSpec.type.values.filter((v) => v !== value);
  const c = ident(column);
  const w = ident(when);
  return {
    column,
    // 'ingevuld' only for a valid value: an invalid one is reported by its own check.
    code:
      `CASE WHEN ${w} = ${str(value)} AND ${c} IS NULL THEN 'ontbreekt' ` +
      `WHEN ${w} IN (${inList(others)}) AND ${c} IN (${inList(columnSpec.type.values)}) THEN 'ingevuld' END`,
    describe: (row, code) =>
      code === 'ontbreekt'
        ? msg.requiredWhen(when, value)
        : msg.emptyUnless(row[column] ?? '', when, row[when] ?? '', value),
  };
}

/** Every check on one row of `spec`, in column order. */
export function rowChecks(spec: ExtractSpec, peildatum: string | undefined): RowCheck[] {
  const references = new Set(spec.references.map((r) => r.column));
  const checks = spec.columns.map((c) => fieldCheck(c, peildatum, references.has(c.name)));
  if (spec.spell) checks.push(notBefore(spec.spell.einde, spec.spell.begin));
  for (const rule of spec.rules) {
    if (rule.kind === 'notBefore') checks.push(notBefore(rule.column, rule.reference));
    else if (rule.kind === 'onlyWhen') checks.push(onlyWhen(spec, rule.column, rule.when, rule.value));
    // afterReference spans two extracts: rules.ts checks it on the loaded tables.
  }
  const order = (name: string): number => spec.columns.findIndex((c) => c.name === name);
  return checks
    .map((check, i) => ({ check, i }))
    .sort((a, b) => order(a.check.column) - order(b.check.column) || a.i - b.i)
    .map(({ check }) => check);
}

/** SQL: TRUE when any check finds something in the row. */
export function anyProblem(checks: readonly RowCheck[]): string {
  return `coalesce(${checks.map((c) => c.code).join(', ')}) IS NOT NULL`;
}
