/**
 * Compute the indicators: run the SQL of ./sql/ (population, meetmomenten, status, verloop) on
 * the loaded extracts, then count teller and noemer of every definition by cohort and group,
 * with totals.
 *
 * Person-level tables stay inside the DuckDB connection; what leaves this module are counts
 * (before disclosure control, which is applied in disclosure.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Editie } from '../edition/edition.ts';
import { ident } from '../extracts/sql.ts';
import { InternalError } from '../util/errors.ts';
import { fillSql, isoDateLiteral, sqlSteps, wordListLiteral } from '../util/sql.ts';
import { GROEPEN, MOMENTEN, problemenVoor, type Basisvoorwaarde, type Groep, type Moment, type Probleem } from '../vocabulary/lists.ts';
import { indicatorenVoor, type IndicatorDefinitie } from './definitions.ts';
import { UITVAL_INDICATOR, type Onderdrukking, type Telling } from './disclosure.ts';

const SQL_DIR = new URL('./sql/', import.meta.url);

export interface IndicatorParameters {
  cohorten: readonly number[];
  peildatum: string;
  recidiveAfdoeningen: readonly string[];
  /** The problems of the samenhang analysis this edition measures (problemenVoor). */
  problemen: readonly Probleem[];
  /** The basisvoorwaarden the edition measures (which sub-populations sql/04-uitval.sql checks). */
  basisvoorwaarden: readonly Basisvoorwaarde[];
  /** The disclosure threshold k: uitval is published in steps of 0 or at least k (sql/04-uitval.sql). */
  drempel: number;
}

export function parametersVoor(edition: Editie, peildatum: string): IndicatorParameters {
  return {
    cohorten: edition.cohorten,
    peildatum,
    recidiveAfdoeningen: edition.recidive_afdoeningen,
    problemen: problemenVoor(edition.basisvoorwaarden),
    basisvoorwaarden: edition.basisvoorwaarden,
    drempel: edition.drempel,
  };
}

/** The {{placeholders}} of the SQL files, as literals from validated parameters. */
function sqlWaarden(p: IndicatorParameters): Record<string, string> {
  return {
    cohorten: p.cohorten.map((c) => String(Math.trunc(c))).join(', '),
    peildatum: isoDateLiteral(p.peildatum),
    afdoeningen: wordListLiteral(p.recidiveAfdoeningen),
    // Without ID (an edition whose extracts have no ID status), the ID problem is never present
    // and a complete case needs no known ID status.
    probleem_id: p.problemen.includes('id') ? "u.id_bij_uitstroom = 'ongeldig'" : 'FALSE',
    compleet_id: p.problemen.includes('id') ? "u.id_bij_uitstroom <> 'onbekend'" : 'TRUE',
    drempel: String(Math.trunc(p.drempel)),
    werk_inkomen: String(p.basisvoorwaarden.includes('werk_inkomen')).toUpperCase(),
    huisvesting: String(p.basisvoorwaarden.includes('huisvesting')).toUpperCase(),
    id: String(p.basisvoorwaarden.includes('id')).toUpperCase(),
    aantal_problemen: p.problemen.map((x) => `${x === 'schulden' ? 'wanbetaler_jaar_na' : `probleem_${x}`}::INTEGER`).join(' + '),
  };
}

/**
 * Build the person-level working tables (uitstroom, status, verloop) in the connection; the
 * intermediate ones only a later step reads (meetmoment, the uitval sub-populations) are dropped
 * once read. The models read the working tables too.
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
  const waarden = sqlWaarden(p);
  for (const step of sqlSteps(SQL_DIR)) await conn.run(fillSql(step.sql, waarden));
}

/**
 * The SQL that counts definitions of one bron: per cell (moment, cohort, groep, with the totals
 * as grouping sets) a teller and a noemer column per definition, t0/n0, t1/n1, ... in the order
 * given. The table is read once, for the finest cells; the totals add up those cells' counts
 * (whole numbers, so the sums are exact), which is several times cheaper than grouping the
 * million rows of status once per grouping set.
 */
function countSql(bron: IndicatorDefinitie['bron'], defs: readonly IndicatorDefinitie[]): string {
  const m = bron === 'status' ? 'moment, ' : '';
  const tellingen = defs.flatMap((d, i) => [
    `count(*) FILTER (WHERE (${d.noemer}) AND (${d.teller})) AS t${i}`,
    `count(*) FILTER (WHERE ${d.noemer}) AS n${i}`,
  ]);
  const sommen = defs.flatMap((_, i) => [`sum(t${i})::INTEGER AS t${i}`, `sum(n${i})::INTEGER AS n${i}`]);
  return `
    WITH cel AS (
      SELECT ${m}cohort, groep,
             ${tellingen.join(',\n             ')}
      FROM ${bron}
      GROUP BY ${m}cohort, groep
    )
    SELECT ${bron === 'status' ? 'moment' : 'NULL'} AS moment,
           coalesce(CAST(cohort AS VARCHAR), 'totaal') AS cohort,
           coalesce(groep, 'totaal') AS groep,
           ${sommen.join(',\n           ')}
    FROM cel
    GROUP BY GROUPING SETS ((${m}cohort, groep), (${m}cohort), (${m}groep), (${m.replace(', ', '')}))`;
}

/** Order of rows in indicatoren.csv: indicator, cohort, groep, moment (docs/indicators.md, "Output: indicatoren.csv"). */
function sorteerTellingen<T extends Omit<Telling, 'teller' | 'noemer'>>(
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
 * Count every indicator of the edition. Rows with noemer 0 are left out (docs/indicators.md, "Breakdowns").
 * Expects the working tables of buildWorkingTables.
 */
async function countIndicators(
  conn: DuckDBConnection,
  definities: readonly IndicatorDefinitie[],
  cohorten: readonly number[],
): Promise<Telling[]> {
  const rows: Telling[] = [];
  for (const bron of ['status', 'verloop'] as const) {
    const defs = definities.filter((d) => d.bron === bron);
    if (defs.length === 0) continue;
    const reader = await conn.runAndReadAll(countSql(bron, defs));
    for (const r of reader.getRowObjectsJS()) {
      defs.forEach((d, i) => {
        if (bron === 'verloop' && d.momenten.length !== 1) throw new InternalError(`${d.naam}: verloop has one moment`);
        const moment = (bron === 'status' ? String(r['moment']) : d.momenten[0]) as Moment;
        if (!d.momenten.includes(moment)) return;
        const noemer = Number(r[`n${i}`]);
        if (noemer === 0) return; // docs/indicators.md, "Breakdowns": a row whose noemer is 0 is left out
        rows.push({
          indicator: d.naam,
          cohort: String(r['cohort']),
          groep: String(r['groep']) as Groep,
          moment,
          teller: Number(r[`t${i}`]),
          noemer,
        });
      });
    }
  }
  return sorteerTellingen(rows, definities, cohorten);
}

/**
 * The audit lines of the rule "uitval in steps of at least k" (sql/04-uitval.sql): every cohort
 * year, groep and moment whose published noemer equals that of the next moment of the chain,
 * whether or not anyone left in between (so the audit tells nothing a published noemer does not).
 * The moment of the population is 'uitstroom'. By cohort, groep and the moments in time order.
 */
async function leesUitval(conn: DuckDBConnection, cohorten: readonly number[]): Promise<Onderdrukking[]> {
  const reader = await conn.runAndReadAll('SELECT CAST(cohort AS VARCHAR) AS cohort, groep, moment, positie FROM uitval_zonder_stap');
  const coh = new Map(cohorten.map((c, i) => [String(c), i]));
  const grp = new Map(GROEPEN.map((g, i) => [g, i]));
  return reader
    .getRowObjectsJS()
    .map((r) => ({ cohort: String(r['cohort']), groep: String(r['groep']) as Groep, moment: String(r['moment']) as Moment, positie: Number(r['positie']) }))
    .sort((a, b) => coh.get(a.cohort)! - coh.get(b.cohort)! || grp.get(a.groep)! - grp.get(b.groep)! || a.positie - b.positie)
    .map(({ cohort, groep, moment }) => ({ indicator: UITVAL_INDICATOR, cohort, groep, moment, regel: 'uitval_vervroegd' }));
}

/**
 * The tables the counts read (countIndicators; leesUitval through the view uitval_zonder_stap of
 * sql/04-uitval.sql); computeIndicators builds them.
 */
const TELTABELLEN: ReadonlySet<string> = new Set(['status', 'verloop', 'uitval_keten', 'uitval_record', 'uitval_stap']);

/**
 * Drop every table of the connection but those the counts read: the extracts, the other working
 * tables and whatever else was made on them. For a `naWerktabellen` hook that has read all else
 * it needs (the build, once the model frames and Kaplan–Meier records are read): at scale 10
 * that gives back well over a gigabyte before the model fits grow beside the counts.
 */
export async function alleenTeltabellen(conn: DuckDBConnection): Promise<void> {
  const reader = await conn.runAndReadAll('SELECT database_name, schema_name, table_name FROM duckdb_tables()');
  const weg = reader.getRowObjectsJS().filter((r) => !TELTABELLEN.has(String(r['table_name'])));
  if (weg.length === 0) return;
  const naam = (r: Record<string, unknown>) => ['database_name', 'schema_name', 'table_name'].map((k) => ident(String(r[k]))).join('.');
  await conn.run(weg.map((r) => `DROP TABLE ${naam(r)};`).join(' '));
}

/**
 * Build the working tables and count every indicator the edition covers. `naWerktabellen` runs
 * between the two, on the same connection (the build reads the model frames there, so that the
 * models are fitted while the indicators are counted: src/pipeline/compute.ts).
 */
export async function computeIndicators(
  conn: DuckDBConnection,
  edition: Editie,
  peildatum: string,
  zorgAanwezig: boolean,
  naWerktabellen?: () => Promise<void>,
): Promise<{ definities: IndicatorDefinitie[]; tellingen: Telling[]; uitval: Onderdrukking[] }> {
  await buildWorkingTables(conn, parametersVoor(edition, peildatum), zorgAanwezig);
  await naWerktabellen?.();
  const definities = indicatorenVoor(edition.basisvoorwaarden, zorgAanwezig);
  const tellingen = await countIndicators(conn, definities, edition.cohorten);
  return { definities, tellingen, uitval: await leesUitval(conn, edition.cohorten) };
}
