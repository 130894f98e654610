/**
 * Reading the published results back (src/results/lezen.ts): the committed results of the 6th
 * meting, parsed and written again with the project's own writers, give the same bytes, so
 * nothing is lost or altered; what the report uses is there (the reference switch of
 * cox_landmark_6m); a missing file or a bad line is an InputError naming file and line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leesAudit, leesResultaten } from '../../src/results/lezen.ts';
import { onderdrukkingCsv } from '../../src/indicators/write.ts';
import { modelOnderdrukkingRegels, modellenNotenCsv } from '../../src/models/write.ts';
import { resultaatBestanden } from '../../src/pipeline/compute.ts';
import { ModelError } from '../../src/models/errors.ts';
import { modelTabel } from '../../src/chapters/tables.ts';
import { figuren } from '../../src/charts/catalogue.ts';
import { InputError } from '../../src/util/errors.ts';
import { editie6, extractie6, gepubliceerdeBestanden } from './gepubliceerd.ts';

const editie = await editie6();
const extractie = extractie6();
const bestanden = gepubliceerdeBestanden();
const lees = (b: Record<string, string>) => leesResultaten(b, editie, extractie);

/** Every data file as the writers make it from the results read. */
function schrijf(b: Record<string, string>): Record<string, string> {
  const r = lees(b);
  // The build's own list of writers, so a file the build publishes cannot be missed here.
  return resultaatBestanden(r, onderdrukkingCsv(leesAudit(b).indicatoren) + modelOnderdrukkingRegels(r.modellen).map((l) => `${l}\n`).join(''));
}

test('the committed results, read and written again, are byte-identical', () => {
  const opnieuw = schrijf(bestanden);
  assert.deepEqual(Object.keys(opnieuw).sort(), Object.keys(bestanden).sort());
  for (const [naam, tekst] of Object.entries(opnieuw)) assert.equal(tekst, bestanden[naam], naam);
});

test('the results carry what the report uses: models, reference switch, merges, splits, curves', () => {
  const r = lees(bestanden);
  assert.equal(r.modellen.drempel, editie.drempel);
  assert.deepEqual(r.modellen.cohorten, editie.cohorten.map(String));
  assert.deepEqual(r.modellen.modellen.map((m) => [m.model, m.status]), [
    ['cox_basis', 'geschat'],
    ['cox_interactie', 'geschat'],
    ['cox_landmark_6m', 'geschat'],
    ['logit_werk_6m', 'geschat'],
  ]);
  const landmark = r.modellen.modellen[2]!;
  assert.ok(landmark.status === 'geschat');
  assert.equal(landmark.moment, '6m_na');
  assert.deepEqual(landmark.referenties, [{ covariate: 'eerdere_zaken', oorspronkelijk: '0', nieuw: '1-2', reden: 'events' }]);
  // Every merge the notes file lists, and nothing else.
  const notenRegels = bestanden['modellen_noten.csv']!.trim().split('\n').slice(1).filter((l) => l.startsWith('cox_landmark_6m,samengevoegd,'));
  assert.ok(notenRegels.length > 0);
  assert.deepEqual(
    landmark.samengevoegd.map((s) => `${s.covariate}:${s.level}>${s.reference}`),
    notenRegels.map((l) => { const [, , term, ref] = l.split(','); return `${term}>${ref}`; }),
  );
  // The model table starts eerdere_zaken at the new reference, with the merged level in it.
  assert.match(modelTabel(landmark, '2013').markdown, /1–2 en 0 \(referentie\)|1-2 en 0 \(referentie\)/);
  const basis = r.modellen.modellen[0]!;
  assert.ok(basis.status === 'geschat');
  assert.equal(basis.kind, 'cox');
  assert.ok(basis.tijdsplitsingen.length > 0 && basis.tijdsplitsingen.every((t) => t.status === 'geschat' && basis.ph.some((p) => p.term === t.covariaat)));
  assert.equal(basis.termen[0]!.z, basis.termen[0]!.coef / basis.termen[0]!.se);
  assert.ok(r.modellen.kmOnderdrukkingen.length > 0 && r.modellen.km.some((p) => p.onderdrukt === false));
  assert.ok(r.definities.some((d) => d.naam === 'recidive_2j'));
  assert.ok(figuren(r).length > 10, 'the charts accept the results read');
});

test('a failed model and a time split left out come back from their notes', () => {
  const fout = new ModelError('cox_landmark_6m', 'separatie', 'de coëfficiënt van zelfde_baan:ja loopt weg.', ['zelfde_baan:ja']);
  const zonder = (tekst: string) => tekst.split('\n').filter((l) => !l.startsWith('cox_landmark_6m,')).join('\n');
  const b = { ...bestanden };
  b['modellen.csv'] = zonder(b['modellen.csv']!);
  b['modellen_ph.csv'] = zonder(b['modellen_ph.csv']!);
  b['modellen_noten.csv'] += `cox_landmark_6m,fout,,,separatie,"${fout.message} ${fout.hint}"\n`;
  const basisSplit = b['modellen_perioden.csv']!.split('\n').find((l) => l.startsWith('cox_basis,'))!.split(',')[1]!.replace(/:[^:]*$/, '');
  b['modellen_perioden.csv'] = b['modellen_perioden.csv']!.split('\n').filter((l) => !l.startsWith(`cox_basis,${basisSplit}:`)).join('\n');
  b['modellen_noten.csv'] += `cox_basis,tijdsplitsing,${basisSplit}@perioden,,events,"x: minder gebeurtenissen dan de drempel."\n`;
  b['onderdrukking.csv'] += `modellen_perioden.csv,cox_basis:${basisSplit}@perioden,totaal,rik,1m_na,gebeurtenissen_onder_drempel,"x: minder gebeurtenissen dan de drempel."\n`;
  const r = lees(b);
  const m = r.modellen.modellen.find((x) => x.model === 'cox_landmark_6m')!;
  assert.ok(m.status === 'fout');
  assert.equal(m.fout.message, fout.message);
  assert.equal(m.fout.failure, 'separatie');
  assert.equal(m.referenties.length, 1);
  const basis = r.modellen.modellen[0]!;
  assert.ok(basis.status === 'geschat');
  assert.deepEqual(basis.tijdsplitsingen.find((t) => t.covariaat === basisSplit), { covariaat: basisSplit, status: 'onderdrukt', reden: 'events' });
  assert.equal(modellenNotenCsv(r.modellen), b['modellen_noten.csv']);
});

/** The InputError's messages, or a failure when none is thrown. */
function melding(b: Record<string, string>): string {
  try {
    lees(b);
  } catch (e) {
    if (e instanceof InputError) return e.messages.join('\n');
    throw e;
  }
  assert.fail('expected an InputError');
}

/** The files with line `nr` (1-based) of `naam` replaced by `f(line)`. */
function metRegel(naam: string, nr: number, f: (regel: string) => string): Record<string, string> {
  const regels = bestanden[naam]!.split('\n');
  regels[nr - 1] = f(regels[nr - 1]!);
  return { ...bestanden, [naam]: regels.join('\n') };
}

test('a missing file is named', () => {
  for (const naam of Object.keys(bestanden)) {
    const rest = { ...bestanden };
    delete rest[naam];
    assert.match(melding(rest), new RegExp(`^data/${naam.replace('.', '\\.')}: ontbreekt`), naam);
  }
});

test('a bad line is named with its file, line and column', () => {
  assert.match(melding(metRegel('modellen.csv', 3, (l) => l.replace(/^(\w+,[^,]+),[^,]+/, '$1,abc'))), /^data\/modellen\.csv:3: kolom 'coef': 'abc' is geen getal/);
  assert.match(melding(metRegel('recidive_km.csv', 5, (l) => l.replace(/^totaal,/, 'leeftijd,'))), /^data\/recidive_km\.csv:5: kolom 'uitsplitsing': onbekende waarde 'leeftijd'/);
  assert.match(melding(metRegel('modellen_ph.csv', 2, (l) => `${l},1`)), /^data\/modellen_ph\.csv:2: 6 velden in plaats van 5/);
  assert.match(melding(metRegel('indicatoren.csv', 2, (l) => l.replace(',rik,', ',xx,'))), /^data\/indicatoren\.csv:2: kolom 'groep'/);
  assert.match(melding(metRegel('onderdrukking.csv', 2, (l) => l.replace(',secundair,', ',zomaar,'))), /^data\/onderdrukking\.csv:2: kolom 'regel': onbekende waarde 'zomaar'/);
  assert.match(melding(metRegel('modellen_noten.csv', 2, (l) => l.replace(',referentie,', ',iets,'))), /^data\/modellen_noten\.csv:2: kolom 'soort'/);
  assert.match(melding(metRegel('modellen_perioden.csv', 2, (l) => l.replace('@0-6m', '@0-3m'))), /^data\/modellen_perioden\.csv:2: kolom 'term'/);
});

test('the audit and the notes of the models must agree', () => {
  // A merged level without its audit line (or the other way round) is refused.
  const regels = bestanden['modellen_noten.csv']!.split('\n');
  const zonder = { ...bestanden, 'modellen_noten.csv': [regels[0], ...regels.slice(1).filter((l) => !l.includes('geslacht:v'))].join('\n') };
  assert.match(melding(zonder), /^data\/onderdrukking\.csv:\d+: regel over de modellen past niet bij modellen_noten\.csv/);
  // A model that is neither estimated nor explained.
  const weg = (t: string) => t.split('\n').filter((l) => !l.startsWith('logit_werk_6m,')).join('\n');
  assert.match(melding({ ...bestanden, 'modellen.csv': weg(bestanden['modellen.csv']!) }), /model logit_werk_6m ontbreekt/);
});
