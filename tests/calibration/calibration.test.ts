/**
 * The committed synthetic data of the 6th meting (data/6e-meting/) reproduce its published
 * figures (data/6e-meting/README.md, "Kalibratie"), computed by the real engine with disclosure control.
 * Tolerances allow for sampling error at the committed scale; each target names its source.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { kalibratie, kvBeterNa, near, pct as pctIn, ROOT } from './helpers.ts';
import type { Groep, Moment } from '../../src/vocabulary/lists.ts';

const k = await kalibratie(join(ROOT, 'editions', '6e-meting', 'editie.json'), join(ROOT, 'data', '6e-meting'));
const { edition, extractie, tabel } = k;
const pct = (indicator: string, moment: Moment, cohort: string | number = 'totaal', groep: Groep = 'rik') =>
  pctIn(tabel, indicator, moment, cohort, groep);

test('the committed data are marked synthetic', () => {
  assert.equal(extractie.bron, 'synthetisch');
});

test('geen_inkomen: 36% of rik one month after release, slightly lower before detention', () => {
  near(pct('geen_inkomen', '1m_na'), 36, 2, 'geen_inkomen 1m_na');
  assert.ok(pct('geen_inkomen', '6m_voor') < pct('geen_inkomen', '1m_na'), 'lower 6 months before detention');
  assert.ok(pct('geen_inkomen', '6m_voor') >= 30, 'but only slightly');
});

test('geen_startkwalificatie: two thirds', () => near(pct('geen_startkwalificatie', 'uitstroom'), 66.7, 2.5, 'geen_startkwalificatie'));

test('niet_ingeschreven: 22%', () => near(pct('niet_ingeschreven', '1m_na'), 22, 2, 'niet_ingeschreven 1m_na'));

test('wanbetaler_jaar_na: 26%', () => near(pct('wanbetaler_jaar_na', '12m_na'), 26, 2, 'wanbetaler_jaar_na'));

test('id_geen_geldig at uitstroom: about 15%, stable across cohorts and between instroom and uitstroom', () => {
  near(pct('id_geen_geldig', 'uitstroom'), 15, 2, 'id_geen_geldig uitstroom');
  near(pct('id_geen_geldig', 'instroom'), pct('id_geen_geldig', 'uitstroom'), 2.5, 'instroom against uitstroom');
  for (const c of edition.cohorten) near(pct('id_geen_geldig', 'uitstroom', c), 15, 3.5, `id_geen_geldig ${c}`);
});

test('id_onbekend at uitstroom: large and growing, from about a quarter in 2013 to about half in 2016', () => {
  const reeks = edition.cohorten.map((c) => pct('id_onbekend', 'uitstroom', c));
  for (let i = 1; i < reeks.length; i++) assert.ok(reeks[i]! > reeks[i - 1]!, `growing: ${reeks.join(', ')}`);
  near(reeks[0]!, 25, 4, 'id_onbekend 2013');
  near(reeks[reeks.length - 1]!, 50, 4, 'id_onbekend 2016');
});

test('werk: 15% at 6m_voor, 13% at 1m_na, rising to 20% at 24m_na; slightly higher in later cohorts', () => {
  near(pct('werk', '6m_voor'), 15, 2, 'werk 6m_voor');
  near(pct('werk', '1m_na'), 13, 2, 'werk 1m_na');
  near(pct('werk', '24m_na'), 20, 2, 'werk 24m_na');
  assert.ok(pct('werk', '1m_na', 2016) > pct('werk', '1m_na', 2013), 'later cohorts work more');
});

test('uitkering: almost half after detention, a bit lower before', () => {
  const na = pct('uitkering', '1m_na');
  assert.ok(na >= 44 && na < 51, `uitkering 1m_na ${na}% is almost half`);
  assert.ok(pct('uitkering', '6m_voor') < na, 'lower before detention');
});

test('geen_dagbesteding: 85%', () => near(pct('geen_dagbesteding', '1m_na'), 85, 2.5, 'geen_dagbesteding 1m_na'));

test('baan_behouden: 60% of rik and 77% of kv keep their job', () => {
  near(pct('baan_behouden', '1m_voor-1m_na'), 60, 3, 'baan_behouden rik');
  near(pct('baan_behouden', '1m_voor-1m_na', 'totaal', 'kv'), 77, 4, 'baan_behouden kv');
});

test('baan_gevonden: 5%', () => near(pct('baan_gevonden', '1m_voor-1m_na'), 5, 1.5, 'baan_gevonden'));

test('recidive_2j: about half, 49% in the 2016 cohort', () => {
  near(pct('recidive_2j', '24m_na'), 50, 4, 'recidive_2j pooled');
  near(pct('recidive_2j', '24m_na', 2016), 49, 2.5, 'recidive_2j 2016');
});

test('cohorts have about 20,000 rik and 12,000 kv per year at scale 1, scaled down to the committed set', () => {
  const rik = tabel.get('id_onbekend', 'totaal', 'rik', 'uitstroom').noemer!;
  const kv = tabel.get('id_onbekend', 'totaal', 'kv', 'uitstroom').noemer!;
  near((100 * rik) / (rik + kv), (100 * 20) / 32, 3, 'share of rik in the uitstroom');
});

// data/6e-meting/README.md ("Kortverblijvenden"): for every group, cohort and basisvoorwaarde, the
// situation after a short detention is on average no better than before it. Checked for kv (the short detentions), per
// cohort and pooled, against 1m_voor and 6m_voor (ID: uitstroom against instroom).
test('kortverblijvenden are no better off one month after release than before detention', () => {
  const { fouten, vergelijkingen } = kvBeterNa(k, 1);
  // (werk, geen_inkomen, geen_dagbesteding, niet_ingeschreven, wanbetaler at 2 moments, and ID) x (4 cohorts + totaal)
  assert.equal(vergelijkingen, (5 * 2 + 1) * 5);
  assert.deepEqual(fouten, []);
});
