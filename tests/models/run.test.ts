/**
 * computeModels on hand-made extracts: what is published when a population is too small, and
 * how a model that cannot be estimated reaches the user (a Dutch message, never NaN).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DuckDBConnection } from '@duckdb/node-api';
import { groep, samen, tabellen, type Tabellen } from '../helpers/tables.ts';
import { buildWorkingTables, parametersVoor } from '../../src/indicators/compute.ts';
import { leesEditie, type Editie } from '../../src/edition/edition.ts';
import { computeModels, type ComputeModelsOptions, type ModelResults } from '../../src/models/run.ts';
import { ModelError } from '../../src/models/errors.ts';
import { modelOnderdrukkingRegels, recidiveKmCsv, modellenCsv } from '../../src/models/write.ts';

const edition = await leesEditie(new URL('../../editions/6e-meting/editie.json', import.meta.url).pathname);
const PEILDATUM = '2019-06-30';

async function bereken(data: Tabellen, ed: Editie = edition, opties: ComputeModelsOptions = {}): Promise<ModelResults> {
  const { conn, close } = await tabellen(data);
  try {
    await buildWorkingTables(conn as DuckDBConnection, parametersVoor(ed, PEILDATUM), false);
    return await computeModels(conn, ed, PEILDATUM, opties);
  } finally {
    close();
  }
}


test('populations below the threshold publish nothing: models are left out whole and every KM point is suppressed, each with its rule in the audit', async () => {
  const r = await bereken(groep('p', 3, (i) => 40 + i));
  assert.deepEqual(
    r.modellen.map((m) => [m.model, m.status, m.status === 'onderdrukt' ? m.regel : null]),
    [
      ['cox_basis', 'onderdrukt', 'records_onder_drempel'],
      ['cox_interactie', 'onderdrukt', 'records_onder_drempel'],
      ['cox_landmark_6m', 'onderdrukt', 'records_onder_drempel'],
      ['logit_werk_6m', 'onderdrukt', 'records_onder_drempel'],
    ],
  );
  assert.equal(modellenCsv(r), 'model,term,coef,se,ratio,ci_laag,ci_hoog,p,n,events\n');
  assert.ok(r.km.length > 0);
  assert.ok(r.km.every((p) => p.onderdrukt && p.atRisk === null && p.cumulatief === null));
  const csv = recidiveKmCsv(r);
  assert.doesNotMatch(csv.split('\n').slice(1).join('\n'), /,0$/m, 'no published point');
  const audit = modelOnderdrukkingRegels(r);
  assert.equal(audit.filter((l) => l.startsWith('recidive_km.csv,')).length, r.km.length);
  assert.equal(audit.filter((l) => l.startsWith('modellen.csv,')).length, 4);
});

test('the KM curves: by cohort and groep with totals, and for rik by category; curves without records are left out', async () => {
  const r = await bereken(groep('p', 12, (i) => 10 + 20 * i), { ...edition, drempel: 2 });
  const curves = [...new Set(r.km.map((p) => `${p.uitsplitsing}|${p.categorie}|${p.cohort}|${p.groep}`))];
  assert.deepEqual(curves, [
    'totaal|totaal|2015|rik',
    'totaal|totaal|2015|totaal',
    'totaal|totaal|totaal|rik',
    'totaal|totaal|totaal|totaal',
    'landmark_1m|totaal|totaal|rik',
    'id|geldig|totaal|rik',
    'activiteit|geen|totaal|rik',
    'huisvesting|geen_inschrijving|totaal|rik',
    'wanbetaler|nee|totaal|rik',
  ]);
  // Events on days 10, 30, 50, ...: month 1 (day 30) has 2 events behind it (a visible step
  // with k = 2) and 11 at risk, published rounded down to 10.
  const punt = (maand: number) => r.km.find((p) => p.cohort === 'totaal' && p.groep === 'totaal' && p.maand === maand)!;
  const m1 = punt(1);
  assert.deepEqual([m1.atRisk, m1.cumulatief !== null && Math.abs(m1.cumulatief - 2 / 12) < 1e-12, m1.onderdrukt], [10, true, false]);
  // Month 2 (day 60) adds one event (day 50): delayed, the curve repeats month 1.
  assert.deepEqual([punt(2).cumulatief, punt(2).ciLaag, punt(2).ciHoog], [m1.cumulatief, m1.ciLaag, m1.ciHoog]);
  assert.ok(r.kmOnderdrukkingen.some((o) => o.cohort === 'totaal' && o.groep === 'totaal' && o.maand === 2 && o.regel === 'vertraagd'));
  // Month 8 (day 243) holds the last event, day 230, one after the step at month 7 (day 213,
  // events on days 10..210: 11): it stays delayed. at_risk follows the curve: month 12 shows
  // that of month 7 (1, the record with its event on day 230), rounded down to 0.
  assert.ok(Math.abs(punt(7).cumulatief! - 11 / 12) < 1e-12);
  assert.deepEqual([punt(12).atRisk, punt(12).cumulatief, punt(12).onderdrukt], [0, punt(7).cumulatief, false]);
  // The curves by category follow the landmark at 1m_na (2015-04-10, day 31): the events on
  // days 10 and 30 came before it, so 10 records enter, with events on days 50, 70, ... after
  // release, i.e. 19, 39, ... after the landmark. Month m is read m - 1 months after the
  // landmark: month 2 at landmark day 30 (1 event: delayed, k = 2), month 3 at day 60 (3 events,
  // a step; 7 at risk, published rounded down to 6), month 4 at day 91 (one more event: delayed,
  // the curve repeats month 3).
  const cat = (m: number) => r.km.find((p) => p.uitsplitsing === 'activiteit' && p.categorie === 'geen' && p.maand === m)!;
  assert.ok(r.kmOnderdrukkingen.some((o) => o.uitsplitsing === 'activiteit' && o.categorie === 'geen' && o.maand === 2 && o.regel.startsWith('vertraagd')));
  assert.deepEqual([cat(3).atRisk, Math.abs(cat(3).cumulatief! - 3 / 10) < 1e-12, cat(3).onderdrukt], [6, true, false]);
  assert.deepEqual([cat(4).atRisk, cat(4).cumulatief], [cat(3).atRisk, cat(3).cumulatief]);
});

/**
 * Twenty men reoffend on days 100..119 and five do not, five women on days 40..44: every
 * woman's event comes before any man's, so the likelihood of geslacht:v rises without bound
 * (separation). All other covariates have one level.
 */
const gescheiden = samen(
  groep('m', 25, (i) => (i < 20 ? 100 + i : null)),
  // after the landmark at 1m_na (day 31), so they are in cox_basis
  groep('v', 5, (i) => 40 + i, { geslacht: 'v' }),
);

test('a model that cannot be estimated is reported with a Dutch message naming the model and term, and writes no numbers', async () => {
  const r = await bereken(gescheiden, { ...edition, drempel: 2 });
  const basis = r.modellen.find((m) => m.model === 'cox_basis')!;
  assert.equal(basis.status, 'fout');
  assert.ok(basis.status === 'fout' && basis.fout instanceof ModelError && basis.fout.failure === 'separatie');
  const noot = r.noten.find((n) => n.model === 'cox_basis' && n.soort === 'fout')!;
  assert.match(noot.tekst, /^Model cox_basis: .*geslacht:v/);
  // In cox_interactie geslacht:v*geen_adres equals geslacht:v (nobody has an address).
  const interactie = r.modellen.find((m) => m.model === 'cox_interactie')!;
  assert.ok(interactie.status === 'fout' && interactie.fout.failure === 'singulier', JSON.stringify(interactie.status));
  const csv = modellenCsv(r);
  assert.doesNotMatch(csv, /NaN|Infinity|cox_basis|cox_interactie/);
  assert.doesNotMatch(recidiveKmCsv(r), /NaN|Infinity/);
  // A failed model is not a suppression: the audit does not list it.
  assert.ok(modelOnderdrukkingRegels(r).every((l) => !/modellen\.csv,cox_(basis|interactie),/.test(l)));
});

test("with bijFout 'stoppen' the ModelError itself is thrown", async () => {
  await assert.rejects(bereken(gescheiden, { ...edition, drempel: 2 }, { bijFout: 'stoppen' }), (e: unknown) => e instanceof ModelError && e.model === 'cox_basis');
});

test('a reference level with fewer than k records gives way to the largest level, with a note; empty levels are merged into it', async () => {
  const r = await bereken(gescheiden, { ...edition, drempel: 2 });
  const basis = r.modellen.find((m) => m.model === 'cox_basis')!;
  assert.ok(basis.status === 'fout');
  // Everyone is without an address, released in 2015 after 60 days: those levels become the references.
  assert.deepEqual(
    basis.referenties.map((w) => [w.covariate, w.oorspronkelijk, w.nieuw, w.reden]),
    [
      ['huisvesting', 'alleenstaand', 'geen_inschrijving', 'records'],
      ['detentieduur', '14-30', '31-90', 'records'],
      ['cohort', '2013', '2015', 'records'],
    ],
  );
  assert.ok(basis.samengevoegd.some((s) => s.covariate === 'cohort' && s.level === '2013' && s.reference === '2015'));
  assert.ok(
    r.noten.some((n) => n.model === 'cox_basis' && n.soort === 'referentie' && n.tekst === 'De referentiecategorie van cohort is 2015 in plaats van 2013 (2013: minder records dan de drempel).'),
  );
});
