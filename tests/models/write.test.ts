/**
 * The model files: number formats, modellen.csv and recidive_km.csv exactly as models.md
 * specifies them, their audit lines, and the verification frames with their refusal of a
 * folder inside the published output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detentie, persoon, tabellen } from '../helpers/tables.ts';
import { buildWorkingTables, parametersVoor } from '../../src/indicators/compute.ts';
import { ONDERDRUKKING_HEADER } from '../../src/indicators/write.ts';
import { leesEditie } from '../../src/edition/edition.ts';
import { InputError } from '../../src/util/errors.ts';
import { wald } from '../../src/models/wald.ts';
import type { ModelResults } from '../../src/models/run.ts';
import {
  formatFixed,
  formatSignificant,
  MODELLEN_PH_HEADER,
  modellenPeriodenCsv,
  modellenPhCsv,
  KM_HEADER,
  MODELLEN_HEADER,
  modelOnderdrukkingRegels,
  recidiveKmCsv,
  modellenCsv,
  writeModelFrames,
} from '../../src/models/write.ts';

const edition = await leesEditie(new URL('../../editions/6e-meting/editie.json', import.meta.url).pathname);

test('numbers are written with 6 significant digits as sprintf("%.6g") does, and -0 as 0', () => {
  // Expected strings from C's printf("%.6g").
  const cases: [number, string][] = [
    [0.198391234, '0.198391'],
    [5.511474e-33, '5.51147e-33'],
    [1.5e-5, '1.5e-05'],
    [123456.7, '123457'],
    [1234567, '1.23457e+06'],
    [-1.234567e-7, '-1.23457e-07'],
    [0.0001, '0.0001'],
    [0.000123456789, '0.000123457'],
    [1, '1'],
    [0.1 + 0.2, '0.3'],
    [2.5e-300, '2.5e-300'],
    [999999.5, '1e+06'],
    [0, '0'],
    [-0, '0'],
  ];
  for (const [x, s] of cases) assert.equal(formatSignificant(x), s, String(x));
  assert.equal(formatFixed(-436056.26154, 4), '-436056.2615');
  assert.equal(formatFixed(-0.0000001, 6), '0.000000');
  assert.throws(() => formatSignificant(Number.NaN));
});

/** A hand-made result: one fitted Cox model, one suppressed, one failed, two KM points. */
function resultaat(): ModelResults {
  return {
    drempel: 10,
    cohorten: ['2013', '2014', '2015', '2016'],
    modellen: [
      {
        model: 'cox_basis',
        kind: 'cox',
        moment: '1m_na',
        status: 'geschat',
        n: 1234,
        events: 567,
        loglik: -3456.78901,
        termen: [wald('id:ongeldig', 0.2, 0.05), wald('geslacht:v*geen_adres', -0.1, 0.2)],
        referenties: [],
        samengevoegd: [{ covariate: 'huisvesting', level: 'instelling', reference: 'alleenstaand', reason: 'events' }],
        weggelaten: [{ term: 'inkomen*wanbetaler:ja', reason: 'records' }],
        ph: [
          { term: 'activiteit', chisq: 23.456789, df: 3, p: 3.39e-5 },
          { term: 'huisvesting', chisq: 4.1, df: 2, p: 0.128735 },
          { term: 'geslacht:v*geen_adres', chisq: 0.5, df: 1, p: 0.4795 },
          { term: 'GLOBAL', chisq: 30.05, df: 6, p: 3.8e-5 },
        ],
        tijdsplitsingen: [
          {
            covariaat: 'activiteit',
            status: 'geschat',
            termen: [
              { ...wald('activiteit:werk@0-6m', -0.5, 0.1), basisterm: 'activiteit:werk', periode: '0-6m' },
              { ...wald('activiteit:werk@6-24m', -0.1, 0.1), basisterm: 'activiteit:werk', periode: '6-24m' },
            ],
          },
          { covariaat: 'id', status: 'onderdrukt', reden: 'events' },
        ],
      },
      { model: 'cox_landmark_6m', kind: 'cox', moment: '6m_na', status: 'onderdrukt', regel: 'gebeurtenissen_onder_drempel' },
    ],
    km: [
      { uitsplitsing: 'totaal', categorie: 'totaal', cohort: '2013', groep: 'rik', maand: 1, atRisk: null, cumulatief: null, ciLaag: null, ciHoog: null, onderdrukt: true },
      { uitsplitsing: 'totaal', categorie: 'totaal', cohort: '2013', groep: 'rik', maand: 2, atRisk: 812, cumulatief: 0.1026425, ciLaag: 0.0984371, ciHoog: 0.10683, onderdrukt: false },
    ],
    kmOnderdrukkingen: [
      { uitsplitsing: 'totaal', categorie: 'totaal', cohort: '2013', groep: 'rik', maand: 1, regel: 'gebeurtenissen_onder_drempel' },
      { uitsplitsing: 'activiteit', categorie: 'werk', cohort: 'totaal', groep: 'rik', maand: 3, regel: 'vertraagd' },
    ],
    noten: [
      {
        model: 'cox_basis',
        soort: 'samengevoegd',
        term: 'huisvesting:instelling',
        referentie: 'alleenstaand',
        reden: 'events',
        tekst: 'huisvesting:instelling is niet apart geschat maar samengevoegd met de referentiecategorie alleenstaand (minder gebeurtenissen dan de drempel).',
      },
      { model: 'cox_basis', soort: 'weggelaten', term: 'inkomen*wanbetaler:ja', reden: 'records', tekst: 'De interactie inkomen*wanbetaler:ja is weggelaten (minder records dan de drempel).' },
      { model: 'cox_landmark_6m', soort: 'onderdrukt', reden: 'gebeurtenissen_onder_drempel', tekst: 'Model cox_landmark_6m is niet gepubliceerd: de populatie van het model telt minder gebeurtenissen dan de drempel.' },
      { model: 'cox_basis', soort: 'tijdsplitsing', term: 'id@perioden', reden: 'events', tekst: 'De samenhang van id verandert in de tijd.' },
    ],
  };
}

test('modellen.csv: a (model) row with the log likelihood, n and events, then one row per term with Wald ratio, limits and p', () => {
  assert.equal(
    modellenCsv(resultaat()),
    [
      MODELLEN_HEADER,
      'cox_basis,(model),-3456.7890,,,,,,1234,567',
      'cox_basis,id:ongeldig,0.2,0.05,1.2214,1.10739,1.34716,6.33425e-05,,',
      'cox_basis,geslacht:v*geen_adres,-0.1,0.2,0.904837,0.611407,1.33909,0.617075,,',
      '',
    ].join('\n'),
  );
  assert.equal(MODELLEN_HEADER, 'model,term,coef,se,ratio,ci_laag,ci_hoog,p,n,events');
});

test('modellen_ph.csv: per Cox model one row per covariate as cox.zph groups them, then GLOBAL', () => {
  assert.equal(
    modellenPhCsv(resultaat()),
    [
      'model,term,chisq,df,p',
      'cox_basis,activiteit,23.4568,3,3.39e-05',
      'cox_basis,huisvesting,4.1,2,0.128735',
      'cox_basis,geslacht:v*geen_adres,0.5,1,0.4795',
      'cox_basis,GLOBAL,30.05,6,3.8e-05',
      '',
    ].join('\n'),
  );
  assert.equal(MODELLEN_PH_HEADER, 'model,term,chisq,df,p');
});

test('modellen_perioden.csv: the two periods of a covariate that fails the PH test; a split left out has no rows', () => {
  assert.equal(
    modellenPeriodenCsv(resultaat()),
    [
      'model,term,coef,se,ratio,ci_laag,ci_hoog,p',
      'cox_basis,activiteit:werk@0-6m,-0.5,0.1,0.606531,0.498577,0.737858,5.73303e-07',
      'cox_basis,activiteit:werk@6-24m,-0.1,0.1,0.904837,0.74379,1.10076,0.317311',
      '',
    ].join('\n'),
  );
});

test('recidive_km.csv: a suppressed point keeps its keys, shows onderdrukt 1 and leaves the values empty', () => {
  assert.equal(
    recidiveKmCsv(resultaat()),
    [KM_HEADER, 'totaal,totaal,2013,rik,1,,,,,1', 'totaal,totaal,2013,rik,2,812,0.102642,0.098437,0.106830,0', ''].join('\n'),
  );
  assert.equal(KM_HEADER, 'uitsplitsing,categorie,cohort,groep,maand,at_risk,cumulatief,ci_laag,ci_hoog,onderdrukt');
});

test('the audit lines list every delayed or suppressed KM point, merged level, dropped interaction and suppressed model with its rule, never a value', () => {
  const lines = modelOnderdrukkingRegels(resultaat());
  assert.deepEqual(lines, [
    'recidive_km.csv,totaal:totaal,2013,rik,1m_na,gebeurtenissen_onder_drempel,"minder gebeurtenissen (recidive) in de hele curve dan de drempel"',
    'recidive_km.csv,activiteit:werk,totaal,rik,3m_na,vertraagd,"stap uitgesteld: minder gebeurtenissen sinds de vorige zichtbare stap dan de drempel"',
    'modellen.csv,cox_basis:huisvesting:instelling,totaal,rik,1m_na,gebeurtenissen_onder_drempel,"huisvesting:instelling is niet apart geschat maar samengevoegd met de referentiecategorie alleenstaand (minder gebeurtenissen dan de drempel)."',
    'modellen.csv,cox_basis:inkomen*wanbetaler:ja,totaal,rik,1m_na,records_onder_drempel,"De interactie inkomen*wanbetaler:ja is weggelaten (minder records dan de drempel)."',
    'modellen.csv,cox_landmark_6m,totaal,rik,6m_na,gebeurtenissen_onder_drempel,"Model cox_landmark_6m is niet gepubliceerd: de populatie van het model telt minder gebeurtenissen dan de drempel."',
    'modellen_perioden.csv,cox_basis:id@perioden,totaal,rik,1m_na,gebeurtenissen_onder_drempel,"De samenhang van id verandert in de tijd."',
  ]);
  const kolommen = ONDERDRUKKING_HEADER.split(',').length;
  for (const l of lines) assert.equal(l.replace(/"[^"]*"/g, 'x').split(',').length, kolommen, l);
});


async function metConn<T>(f: (conn: Parameters<typeof writeModelFrames>[0]) => Promise<T>): Promise<T> {
  const { conn, close } = await tabellen({
    personen: [persoon('a', { hoogste_opleiding: 'vmbo' }), persoon('b', { geslacht: 'v', hoogste_opleiding: 'vmbo' })],
    detenties: [detentie('a', { id_bij_uitstroom: 'ongeldig' }), detentie('b', { id_bij_uitstroom: 'ongeldig' })],
    banen: [{ persoon_id: 'b', baan_id: 'b1', soort: 'werknemer', begin: '2015-04-01', einde: null }],
    justitie: [{ zaak_id: 'z1', persoon_id: 'a', pleegdatum: '2015-05-10', afdoening: 'veroordeling' }],
  });
  try {
    await buildWorkingTables(conn, parametersVoor(edition, '2019-06-30'), false);
    return await f(conn);
  } finally {
    close();
  }
}

test('the verification frames: one file per model, outcome columns first, covariate levels as values, no ids', async () => {
  const root = mkdtempSync(join(tmpdir(), 'modelframes-'));
  try {
    const folder = join(root, 'frames');
    const files = await metConn((conn) => writeModelFrames(conn, edition, '2019-06-30', folder, join(root, 'out')));
    assert.deepEqual(readdirSync(folder).sort(), ['cox_basis.csv', 'cox_interactie.csv', 'cox_landmark_6m.csv', 'logit_werk_6m.csv', 'modelframes.json']);
    assert.match(readFileSync(join(folder, 'modelframes.json'), 'utf8'), /niet publiceren/, 'the marker says what the folder holds');
    assert.equal(files.length, 4);
    const basis = readFileSync(join(folder, 'cox_basis.csv'), 'utf8');
    assert.equal(
      basis,
      [
        'tijd,gebeurtenis,id,activiteit,huisvesting,wanbetaler,startkwalificatie,geslacht,leeftijd,eerdere_zaken,detentieduur,cohort',
        // tijd from the landmark at 1m_na (2015-04-10): a case on 2015-05-10, the end of
        // follow-up on 2017-03-10
        '30,1,ongeldig,geen,geen_inschrijving,nee,nee,m,25-34,0,31-90,2015',
        '700,0,ongeldig,werk,geen_inschrijving,nee,nee,v,25-34,0,31-90,2015',
        '',
      ].join('\n'),
    );
    assert.equal(
      readFileSync(join(folder, 'cox_landmark_6m.csv'), 'utf8'),
      ['tijd,gebeurtenis,zelfde_baan,stabiel_wonen,geslacht,leeftijd,eerdere_zaken,cohort', '547,0,ja,nee,v,25-34,0,2015', ''].join('\n'),
    );
    assert.equal(
      readFileSync(join(folder, 'logit_werk_6m.csv'), 'utf8').split('\n')[0],
      'uitkomst,id,huisvesting,wanbetaler,startkwalificatie,werk_1m_voor,geslacht,leeftijd,eerdere_zaken,detentieduur,cohort',
    );
    for (const f of readdirSync(folder)) assert.doesNotMatch(readFileSync(join(folder, f), 'utf8'), /\bd[ab]\b|persoon_id|detentie_id/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the verification frames refuse a folder inside the published output, also the output folder itself and a path through a symlink', async () => {
  const root = mkdtempSync(join(tmpdir(), 'modelframes-'));
  try {
    const out = join(root, 'out');
    mkdirSync(join(out, 'data'), { recursive: true });
    symlinkSync(join(out, 'data'), join(root, 'link'));
    for (const folder of [join(out, 'frames'), out, join(out, 'data', '..', 'x'), join(root, 'link', 'frames')]) {
      await assert.rejects(
        metConn((conn) => writeModelFrames(conn, edition, '2019-06-30', folder, out)),
        (e: unknown) => e instanceof InputError && /binnen de gepubliceerde uitvoermap/.test(e.message),
        folder,
      );
    }
    assert.deepEqual(readdirSync(out).sort(), ['data']);
    assert.deepEqual(readdirSync(join(out, 'data')), []);
    // A sibling whose name merely starts with "out" is fine.
    await metConn((conn) => writeModelFrames(conn, edition, '2019-06-30', join(root, 'out-frames'), out));
    assert.deepEqual(readdirSync(join(root, 'out-frames')).filter((f) => f.endsWith('.csv')).length, 4);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
