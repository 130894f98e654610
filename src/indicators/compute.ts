/**
 * Compute the indicators: run the SQL of ./sql/ (population, meetmomenten, status, verloop) on
 * the loaded extracts, then count teller and noemer of every definition by cohort and group,
 * with totals.
 *
 * Person-level tables stay inside the DuckDB connection; what leaves this module are counts
 * (before disclosure control, which is applied in disclosure.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Edition } from '../edition/edition.ts';
import {
  GROEPEN,
  MOMENTEN,
  indicatorenVoor,
  type Groep,
  type IndicatorDefinitie,
  type Moment,
} from './definitions.ts';

const SQL_DIR = new URL('./sql/', import.meta.url);

/** The counts of one indicator in one cell, before disclosure control. */
export interface Telling {
  indicator: string;
  /** A cohort year as a string, or 'totaal'. */
  cohort: string;
  groep: Groep;
  moment: Moment;
  teller: number;
  noemer: number;
}

export interface IndicatorParameters {
  cohorten: readonly number[];
  peildatum: string;
  recidiveAfdoeningen: readonly string[];
}

export function parametersVoor(edition: Edition, peildatum: string): IndicatorParameters {
  return { cohorten: edition.cohorten, peildatum, recidiveAfdoeningen: edition.recidive_afdoeningen };
}

/** Fill the {{placeholders}} of a SQL file with literals from validated parameters. */
function fill(sql: string, p: IndicatorParameters): string {
  const values: Record<string, string> = {
    cohorten: p.cohorten.map((c) => String(Math.trunc(c))).join(', '),
    peildatum: assertIsoDate(p.peildatum),
    afdoeningen: p.recidiveAfdoeningen.map((a) => `'${assertWord(a)}'`).join(', '),
  };
  return sql.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`unknown SQL parameter {{${name}}}`);
    return v;
  });
}

function assertIsoDate(s: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new Error(`not an ISO date: ${s}`);
  return s;
}
function assertWord(s: string): string {
  if (!/^[a-z_]+$/.test(s)) throw new Error(`not a plain word: ${s}`);
  return s;
}

/** The SQL steps in their order (file names start with their step number). */
export function sqlSteps(): { file: string; sql: string }[] {
  return readdirSync(SQL_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => ({ file, sql: readFileSync(new URL(file, SQL_DIR), 'utf8') }));
}

/**
 * Build the person-level working tables (uitstroom, meetmoment, status, verloop) in the
 * connection. The models read them too.
 */
export async function buildWorkingTables(
  conn: DuckDBConnection,
  p: IndicatorParameters,
  zorgAanwezig: boolean,
): Promise<void> {
  if (!zorgAanwezig) {
    // The status table has zorg columns in every edition; without the extract they are computed
    // on an empty table and no zorg indicator is published (indicatorenVoor leaves them out).
    await conn.run(
      'CREATE OR REPLACE TEMP TABLE zorg (persoon_id VARCHAR, soort VARCHAR, begin DATE, einde DATE)',
    );
  }
  for (const step of sqlSteps()) await conn.run(fill(step.sql, p));
}

/** The SQL that counts one definition by moment, cohort and group, with totals. */
export function countSql(d: IndicatorDefinitie): string {
  const moment = d.bron === 'status' ? 'moment' : `'${d.momenten[0]}'`;
  const where =
    d.bron === 'status' ? `WHERE moment IN (${d.momenten.map((m) => `'${m}'`).join(', ')})` : '';
  if (d.bron === 'verloop' && d.momenten.length !== 1) throw new Error(`${d.naam}: verloop has one moment`);
  return `
    SELECT '${d.naam}' AS indicator,
           ${moment} AS moment,
           coalesce(CAST(cohort AS VARCHAR), 'totaal') AS cohort,
           coalesce(groep, 'totaal') AS groep,
           count(*) FILTER (WHERE (${d.noemer}) AND (${d.teller}))::INTEGER AS teller,
           count(*) FILTER (WHERE ${d.noemer})::INTEGER AS noemer
    FROM ${d.bron}
    ${where}
    GROUP BY GROUPING SETS ((${moment === 'moment' ? 'moment, ' : ''}cohort, groep),
                           (${moment === 'moment' ? 'moment, ' : ''}cohort),
                           (${moment === 'moment' ? 'moment, ' : ''}groep),
                           (${moment === 'moment' ? 'moment' : ''}))`;
}

/** Order of rows in indicatoren.csv: indicator, cohort, groep, moment (indicators.md). */
export function sortTellingen<T extends Omit<Telling, 'teller' | 'noemer'>>(
  rows: T[],
  definities: readonly IndicatorDefinitie[],
  cohorten: readonly number[],
): T[] {
  const ind = new Map(definities.map((d, i) => [d.naam, i]));
  const coh = new Map([...cohorten.map((c, i) => [String(c), i] as const), ['totaal', cohorten.length]]);
  const grp = new Map(GROEPEN.map((g, i) => [g, i]));
  const mom = new Map(MOMENTEN.map((m, i) => [m, i]));
  const key = (r: T) => [ind.get(r.indicator)!, coh.get(r.cohort)!, grp.get(r.groep)!, mom.get(r.moment)!];
  return rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return 0;
  });
}

/**
 * Count every indicator of the edition. Rows with noemer 0 are left out (indicators.md).
 * Expects the working tables of buildWorkingTables.
 */
export async function countIndicators(
  conn: DuckDBConnection,
  definities: readonly IndicatorDefinitie[],
  cohorten: readonly number[],
): Promise<Telling[]> {
  const sql = definities.map(countSql).join('\nUNION ALL\n');
  const reader = await conn.runAndReadAll(sql);
  const rows: Telling[] = reader.getRowObjectsJS().map((r) => ({
    indicator: String(r['indicator']),
    cohort: String(r['cohort']),
    groep: String(r['groep']) as Groep,
    moment: String(r['moment']) as Moment,
    teller: Number(r['teller']),
    noemer: Number(r['noemer']),
  }));
  return sortTellingen(
    rows.filter((r) => r.noemer > 0),
    definities,
    cohorten,
  );
}

/** Build the working tables and count every indicator the edition covers. */
export async function computeIndicators(
  conn: DuckDBConnection,
  edition: Edition,
  peildatum: string,
  zorgAanwezig: boolean,
): Promise<{ definities: IndicatorDefinitie[]; tellingen: Telling[] }> {
  await buildWorkingTables(conn, parametersVoor(edition, peildatum), zorgAanwezig);
  const definities = indicatorenVoor(edition.basisvoorwaarden, zorgAanwezig);
  const tellingen = await countIndicators(conn, definities, edition.cohorten);
  return { definities, tellingen };
}
