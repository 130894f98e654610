/**
 * The models fitted on the committed synthetic data (data/6e-meting/) show the relations of
 * shared/spec/calibration.md ("Relations the models must find") in direction. These are
 * assumptions the generator is calibrated to; a failure here means the data or the model
 * frames changed, and names the term and its ratio.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadExtracts } from '../../src/extracts/load.ts';
import { buildWorkingTables, parametersVoor } from '../../src/indicators/compute.ts';
import { leesEditie } from '../../src/edition/edition.ts';
import { computeModels } from '../../src/models/run.ts';
import type { GeschatModel } from '../../src/models/uitkomst.ts';
import { recidiveKmCsv, modellenCsv } from '../../src/models/write.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const edition = await leesEditie(join(ROOT, 'editions', '6e-meting', 'editie.json'));
const extracts = await loadExtracts(join(ROOT, 'data', '6e-meting'));
let results;
try {
  await buildWorkingTables(extracts.connection, parametersVoor(edition, extracts.extractie.peildatum), extracts.present.has('zorg'));
  results = await computeModels(extracts.connection, edition, extracts.extractie.peildatum);
} finally {
  extracts.close();
}
const r = results;

function model(naam: string): GeschatModel {
  const m = r.modellen.find((x) => x.model === naam);
  assert.ok(m && m.status === 'geschat', `${naam} is estimated and published`);
  return m;
}
function ratio(naam: string, term: string): number {
  const t = model(naam).termen.find((x) => x.term === term);
  assert.ok(t, `${naam} has the term ${term}`);
  return t.ratio;
}
const boven = (naam: string, term: string, grens: number) => {
  const v = ratio(naam, term);
  assert.ok(v > grens, `${naam} ${term}: ratio ${v.toFixed(3)}, expected above ${grens}`);
};
const onder = (naam: string, term: string, grens: number) => {
  const v = ratio(naam, term);
  assert.ok(v < grens, `${naam} ${term}: ratio ${v.toFixed(3)}, expected below ${grens}`);
};

test('all four models are estimated on the committed data, and nothing is NaN', () => {
  assert.deepEqual(
    r.modellen.map((m) => m.status),
    ['geschat', 'geschat', 'geschat', 'geschat'],
  );
  assert.doesNotMatch(modellenCsv(r) + recidiveKmCsv(r), /NaN|Infinity/);
});

test('cox_basis: no valid ID raises recidive, work and education lower it, a benefit less so', () => {
  boven('cox_basis', 'id:ongeldig', 1);
  onder('cox_basis', 'activiteit:werk', 1);
  onder('cox_basis', 'activiteit:opleiding', 1);
  onder('cox_basis', 'activiteit:uitkering', 1);
  assert.ok(ratio('cox_basis', 'activiteit:uitkering') > ratio('cox_basis', 'activiteit:werk'), 'a benefit lowers recidive less than work');
});

test('cox_basis: briefadres, geen_inschrijving and instelling are highest, with a partner or parents lowest', () => {
  for (const h of ['briefadres', 'geen_inschrijving', 'instelling']) boven('cox_basis', `huisvesting:${h}`, 1);
  for (const h of ['met_partner', 'bij_ouders']) onder('cox_basis', `huisvesting:${h}`, 1);
});

// startkwalificatie:onbekend (hoogste_opleiding unknown) is a missing-value category, not a level
// of the covariate's content, and is not checked: on the committed data (scale 0.1, seed 7) its
// ratio is 0.88 (0.80-0.97), on a scale-1 set (seed 20210308) 0.99 (0.96-1.02).
test('cox_basis: startkwalificatie and wanbetaler show no association of their own (their 95% limits contain 1)', () => {
  for (const term of ['startkwalificatie:nee', 'wanbetaler:ja']) {
    const t = model('cox_basis').termen.find((x) => x.term === term)!;
    assert.ok(t.ciLaag < 1 && t.ciHoog > 1, `${term}: ratio ${t.ratio.toFixed(3)} (${t.ciLaag.toFixed(3)}-${t.ciHoog.toFixed(3)})`);
  }
});

test('cox_basis: more prior cases and younger age raise recidive; women reoffend less', () => {
  const ez = ['1-2', '3-5', '6-10', '11+'].map((l) => ratio('cox_basis', `eerdere_zaken:${l}`));
  assert.ok(ez[0]! > 1, `eerdere_zaken:1-2 ${ez[0]}`);
  for (let i = 1; i < ez.length; i++) assert.ok(ez[i]! > ez[i - 1]!, `eerdere_zaken rising: ${ez.map((x) => x.toFixed(2)).join(', ')}`);
  boven('cox_basis', 'leeftijd:18-24', 1);
  onder('cox_basis', 'leeftijd:45+', 1);
  onder('cox_basis', 'geslacht:v', 1);
});

test('cox_interactie: being without an address weighs more for women; an income lowers recidive more with debts and with many prior cases', () => {
  boven('cox_interactie', 'geslacht:v*geen_adres', 1);
  onder('cox_interactie', 'inkomen*wanbetaler:ja', 1);
  onder('cox_interactie', 'inkomen*veel_eerdere_zaken', 1);
});

test('cox_landmark_6m: keeping the same job and stable housing lower recidive', () => {
  onder('cox_landmark_6m', 'zelfde_baan:ja', 1);
  onder('cox_landmark_6m', 'stabiel_wonen:ja', 1);
});

test('logit_werk_6m: a valid ID and a home raise the chance of work at 6m_na', () => {
  onder('logit_werk_6m', 'id:ongeldig', 1);
  onder('logit_werk_6m', 'huisvesting:geen_inschrijving', 1);
  onder('logit_werk_6m', 'huisvesting:briefadres', 1);
});
