/**
 * The contract's rules, described: values and rules over one row (checks.ts, read once more
 * to find the rows the load flagged), and rules across rows and extracts on the typed tables
 * (unique keys, references, dates after a referenced date, overlapping spells). Each check
 * first counts; only when the count is not zero does it fetch and describe the first rows.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { rowChecks, withDates, type ShownRow } from './checks.ts';
import type { Reference } from './contract.ts';
import { msg, periode } from './messages.ts';
import { all, rowProblem, scalar, type Found, type LoadedTable, type Problem, type ValidateOptions } from './problem.ts';
import { dateLit, ident, ID_REGEX } from './sql.ts';

const FAR_FUTURE = '9999-12-31';


/** Rows the load flagged (`__bad`): every check of the row, described. */
export async function badRows(conn: DuckDBConnection, table: LoadedTable, options: ValidateOptions): Promise<Found> {
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
      `SELECT * FROM ${view} WHERE coalesce(${checks.map((_, i) => `__f${i}`).join(', ')}) IS NOT NULL ORDER BY __r LIMIT ${options.maxErrors}`,
    );
    const problems: Problem[] = [];
    for (const row of rows) {
      checks.forEach((check, i) => {
        const code = row[`__f${i}`];
        if (code === null || code === undefined) return;
        problems.push(
          rowProblem(table, options, { row: Number(row.__r), column: check.column, text: check.describe(row as ShownRow, String(code)) }),
        );
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

// ---------------------------------------------------------------------------------------------
// Rules across rows and extracts, on the typed tables. Rows with a problem of their own
// (`__bad`) take part only where that cannot make one mistake show up twice.

/** Second and later rows with a value of a unique column that an earlier row has. */
export async function duplicates(conn: DuckDBConnection, table: LoadedTable, column: string, options: ValidateOptions): Promise<Found> {
  const t = ident(table.spec.name);
  const c = ident(column);
  const count = await scalar(conn, `SELECT count(*) - count(DISTINCT ${c}) FROM ${t} WHERE ${c} IS NOT NULL`);
  if (count === 0) return { problems: [], count };
  const rows = await all(
    conn,
    `SELECT __r, value, __first FROM (
       SELECT rowid AS __r, ${c} AS value, min(rowid) OVER (PARTITION BY ${c}) AS __first FROM ${t} WHERE ${c} IS NOT NULL
     ) WHERE __r <> __first ORDER BY __r LIMIT ${options.maxErrors}`,
  );
  return {
    count,
    problems: rows.map((row) => {
      const first = Number(row.__first);
      return rowProblem(table, options, {
        row: Number(row.__r),
        column,
        text: (line) => msg.duplicate(column, String(row.value), line(table, first)),
        refs: [{ table, row: first }],
      });
    }),
  };
}

/**
 * Rows whose reference is not in its target; the quick check. References to the same key
 * (every persoon_id -> personen) are checked in one anti-join, so the key's hash table is
 * built once.
 */
export async function unknownCount(conn: DuckDBConnection, references: readonly Referring[]): Promise<number> {
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

/** A reference of `table` into `target` (validate.ts pairs them). */
export interface Referring {
  table: LoadedTable;
  reference: Reference;
  target: LoadedTable;
}

/** Rows whose reference has a wrong format or is not in the target. */
export async function badReferences(conn: DuckDBConnection, { table, reference, target }: Referring, options: ValidateOptions): Promise<Found> {
  const c = ident(reference.column);
  const bad = `FROM (SELECT rowid AS __r, ${c} AS value, regexp_full_match(${c}, ${ID_REGEX}) AS valid
      FROM ${ident(table.spec.name)} WHERE ${c} IS NOT NULL) t
    WHERE NOT valid OR NOT EXISTS (SELECT 1 FROM ${ident(target.spec.name)} r WHERE r.${ident(reference.key)} = t.value)`;
  const count = await scalar(conn, `SELECT count(*) ${bad}`);
  if (count === 0) return { problems: [], count };
  const rows = await all(conn, `SELECT __r, value, valid ${bad} ORDER BY __r LIMIT ${options.maxErrors}`);
  const column = table.spec.columns.find((c) => c.name === reference.column)!;
  return {
    count,
    problems: rows.map((row) =>
      rowProblem(table, options, {
        row: Number(row.__r),
        column: reference.column,
        text:
          row.valid === true
            ? msg.unknownReference(String(row.value), target.file, reference.key)
            : msg.valueInvalid(column, String(row.value)),
      }),
    ),
  };
}

/** Rows whose date in `rule.column` is not after the date `rule.reference` of their row in `target`. */
export async function notAfterReference(
  conn: DuckDBConnection,
  table: LoadedTable,
  rule: { column: string; key: string; reference: string },
  target: LoadedTable,
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
    `SELECT __r, key, CAST(value AS VARCHAR) AS value, CAST(ref AS VARCHAR) AS ref, __ref_r ${joined} ORDER BY __r LIMIT ${options.maxErrors}`,
  );
  return {
    count,
    problems: rows.map((row) => {
      const refRow = Number(row.__ref_r);
      return rowProblem(table, options, {
        row: Number(row.__r),
        column: rule.column,
        text: (line) =>
          msg.notAfterReference(
            rule.column,
            String(row.value),
            rule.reference,
            String(row.ref),
            `van ${rule.key} '${String(row.key)}', ${target.file}:${line(target, refRow)}`,
          ),
        refs: [{ table: target, row: refRow }],
      });
    }),
  };
}

/** Spells of one person that overlap an earlier one (named with the one reaching furthest). */
export async function overlaps(conn: DuckDBConnection, table: LoadedTable, options: ValidateOptions): Promise<Found> {
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
     FROM (SELECT * FROM (${overlapping}) ORDER BY __r LIMIT ${options.maxErrors}) o
     JOIN (SELECT rowid AS __p, ${begin}, ${einde} FROM ${ident(spec.name)}) p ON p.__p = o.__other
     ORDER BY o.__r`,
  );
  return {
    count,
    problems: rows.map((row) => {
      const other = Number(row.__other);
      return rowProblem(table, options, {
        row: Number(row.__r),
        column: spec.spell!.begin,
        text: (line) =>
          msg.overlap(
            spec.noOverlapPer!,
            String(row.key),
            periode(String(row.b), row.e === null ? null : String(row.e)),
            line(table, other),
            periode(String(row.ob), row.oe === null ? null : String(row.oe)),
          ),
        refs: [{ table, row: other }],
      });
    }),
  };
}

