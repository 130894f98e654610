/**
 * Shared by the calibration tests of each edition: compute the published indicator table of an
 * extract set with the real engine (with disclosure control), read percentages from it, and
 * check that a short detention (kv) leaves nobody better off (data/6e-meting/README.md, "Kortverblijvenden").
 */
import assert from 'node:assert/strict';
import { loadExtracts } from '../../src/extracts/load.ts';
import { computeIndicators } from '../../src/indicators/compute.ts';
import { applyDisclosure } from '../../src/indicators/disclosure.ts';
import { leesEditie, type Editie } from '../../src/edition/edition.ts';
import { type Basisvoorwaarde } from '../../src/vocabulary/lists.ts';
import type { Extractie } from '../../src/extracts/contract.ts';
import { IndicatorTabel } from '../../src/results/results.ts';
import type { Groep, Moment } from '../../src/vocabulary/lists.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;

export interface Kalibratie {
  edition: Editie;
  extractie: Extractie;
  tabel: IndicatorTabel;
}

export async function kalibratie(editionPath: string, dataFolder: string): Promise<Kalibratie> {
  const edition = await leesEditie(editionPath);
  const extracts = await loadExtracts(dataFolder, { basisvoorwaarden: edition.basisvoorwaarden, editie: edition.slug });
  try {
    const { definities, tellingen } = await computeIndicators(
      extracts.connection,
      edition,
      extracts.extractie.peildatum,
      extracts.present.has('zorg'),
    );
    const tabel = new IndicatorTabel(applyDisclosure(tellingen, definities, edition.cohorten, edition.drempel).rijen);
    return { edition, extractie: extracts.extractie, tabel };
  } finally {
    extracts.close();
  }
}

/** The published percentage of a cell; fails when the cell is suppressed. */
export function pct(
  tabel: IndicatorTabel,
  indicator: string,
  moment: Moment,
  cohort: string | number = 'totaal',
  groep: Groep = 'rik',
): number {
  const r = tabel.get(indicator, cohort, groep, moment);
  assert.equal(r.onderdrukt, false, `${indicator} ${cohort} ${groep} ${moment} is published`);
  return Number(r.percentage);
}

export function near(actual: number, target: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - target) <= tol, `${what}: ${actual}% (target ${target}% ± ${tol})`);
}

/**
 * What "better" means per basisvoorwaarde: the indicators of its situation, each with the
 * direction in which it is better, and the moments before and after detention compared.
 * werk is better higher; the others (problems) lower. ID compares the record at uitstroom with
 * that at instroom (it has no status moments).
 */
const SITUATIE: Partial<Record<Basisvoorwaarde, { indicator: string; beter: 'hoger' | 'lager'; voor: Moment[]; na: Moment }[]>> = {
  werk_inkomen: [
    { indicator: 'werk', beter: 'hoger', voor: ['6m_voor', '1m_voor'], na: '1m_na' },
    { indicator: 'geen_inkomen', beter: 'lager', voor: ['6m_voor', '1m_voor'], na: '1m_na' },
    { indicator: 'geen_dagbesteding', beter: 'lager', voor: ['6m_voor', '1m_voor'], na: '1m_na' },
  ],
  huisvesting: [{ indicator: 'niet_ingeschreven', beter: 'lager', voor: ['6m_voor', '1m_voor'], na: '1m_na' }],
  schulden: [{ indicator: 'wanbetaler', beter: 'lager', voor: ['6m_voor', '1m_voor'], na: '1m_na' }],
  id: [{ indicator: 'id_geen_geldig', beter: 'lager', voor: ['instroom'], na: 'uitstroom' }],
};

/**
 * Every cell (cohort and totaal, each basisvoorwaarde the edition measures, each moment before)
 * where kortverblijvenden are better off after detention than before, by more than `tolCohort`
 * points for a single cohort and by anything at all for the cohorts pooled. The tolerance is the
 * sampling margin of a one-cohort before/after difference at the committed scale. Also returns
 * how many comparisons were made, so a test can tell that something was checked.
 */
export function kvBeterNa(k: Kalibratie, tolCohort: number): { fouten: string[]; vergelijkingen: number } {
  const fouten: string[] = [];
  let vergelijkingen = 0;
  for (const bv of k.edition.basisvoorwaarden) {
    for (const s of SITUATIE[bv] ?? []) {
      for (const cohort of [...k.edition.cohorten, 'totaal'] as const) {
        const tol = cohort === 'totaal' ? 0 : tolCohort;
        const na = pct(k.tabel, s.indicator, s.na, cohort, 'kv');
        for (const m of s.voor) {
          const voor = pct(k.tabel, s.indicator, m, cohort, 'kv');
          const winst = s.beter === 'hoger' ? na - voor : voor - na;
          vergelijkingen++;
          if (winst > tol + 1e-9) {
            fouten.push(`${s.indicator} kv ${cohort}: ${m} ${voor}% -> ${s.na} ${na}% (better by ${winst.toFixed(1)} points)`);
          }
        }
      }
    }
  }
  return { fouten, vergelijkingen };
}
