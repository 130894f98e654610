/**
 * The model frames on hand-made extracts whose outcomes are worked out by hand: follow-up and
 * censoring, the covariates and their classes, and the populations of the four models and the
 * Kaplan–Meier curves.
 *
 * The standard record: instroom 2015-01-10, uitstroom 2015-03-10 (detentieduur 60, rik), so
 * 1m_na = 2015-04-10, 6m_na = 2015-09-10 and 24 months after release = 2017-03-10, which is
 * day 731 (2016 is a leap year). Day counts below are days after 2015-03-10.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DuckDBConnection } from '@duckdb/node-api';
import { detentie, persoon, tabellen, type Rij, type Tabellen } from '../helpers/tables.ts';
import { buildWorkingTables, parametersVoor } from '../../src/indicators/compute.ts';
import { leesEditie, type Editie } from '../../src/edition/edition.ts';
import { buildModelFrames, modelDefinities, readKmRecords, readModelFrame } from '../../src/models/frames.ts';

const edition = await leesEditie(new URL('../../editions/6e-meting/editie.json', import.meta.url).pathname);
const PEILDATUM = '2019-06-30';

type Row = Record<string, unknown>;

/** Builds the working tables and the model frames, and hands the connection to `f`. */
async function metFrames<T>(data: Tabellen, f: (conn: DuckDBConnection) => Promise<T>, opties: { edition?: Editie; peildatum?: string } = {}): Promise<T> {
  const { conn, close } = await tabellen(data);
  try {
    const ed = opties.edition ?? edition;
    const peildatum = opties.peildatum ?? PEILDATUM;
    await buildWorkingTables(conn, parametersVoor(ed, peildatum), false);
    await buildModelFrames(conn, ed, peildatum);
    return await f(conn);
  } finally {
    close();
  }
}

/** All rows of a table by detentie_id. */
async function rijen(conn: DuckDBConnection, tabel: string): Promise<Map<string, Row>> {
  const r = await conn.runAndReadAll(`SELECT * FROM ${tabel} ORDER BY detentie_id`);
  return new Map(r.getRowObjectsJS().map((row) => [String(row['detentie_id']), row]));
}

let zaakNr = 0;
const zaak = (p: string, pleegdatum: string, afdoening = 'veroordeling'): Rij => ({
  zaak_id: `z${++zaakNr}`,
  persoon_id: p,
  pleegdatum,
  afdoening,
});
const baan = (p: string, baanId: string, begin: string, einde: string | null = null): Rij => ({
  persoon_id: p,
  baan_id: baanId,
  soort: 'werknemer',
  begin,
  einde,
});
const woonadres = (p: string, adresId: string, begin: string, einde: string | null = null, soort = 'woonadres'): Rij => ({
  persoon_id: p,
  adres_id: adresId,
  soort,
  huishouden: soort === 'woonadres' ? 'alleenstaand' : null,
  begin,
  einde,
});

test('follow-up: the first qualifying case after the day of release is the event, time in days from release', async () => {
  const personen = ['a', 'b', 'c', 'd', 'e'].map((p) => persoon(p));
  const v = await metFrames(
    {
      personen,
      detenties: personen.map((p) => detentie(p['persoon_id']!)),
      justitie: [
        zaak('a', '2015-04-09'), // day 30
        zaak('a', '2015-05-01'),
        // b: a sepot does not count, the veroordeling after it does (day 52)
        zaak('b', '2015-04-09', 'sepot_beleid'),
        zaak('b', '2015-05-01', 'veroordeling'),
        // c: a case on the day of release and one during detention are no recidive
        zaak('c', '2015-03-10'),
        zaak('c', '2015-02-01'),
        zaak('c', '2015-06-01', 'transactie'), // day 83
        // d: a case on the last day of the 24 months counts (day 731)
        zaak('d', '2017-03-10', 'strafbeschikking'),
        // e: one day later does not: censored at 24 months
        zaak('e', '2017-03-11'),
      ],
    },
    (conn) => rijen(conn, 'recidive_volgtijd'),
  );
  const got = (id: string) => [v.get(id)?.['tijd'], v.get(id)?.['gebeurtenis']];
  assert.deepEqual(got('da'), [30, true]);
  assert.deepEqual(got('db'), [52, true]);
  assert.deepEqual(got('dc'), [83, true]);
  assert.deepEqual(got('dd'), [731, true]);
  assert.deepEqual(got('de'), [731, false]);
});

test('censoring at the earliest of death, emigration and peildatum; a case on that day still counts', async () => {
  const v = await metFrames(
    {
      personen: [
        persoon('dood', { datum_overlijden: '2015-06-01' }), // day 83
        persoon('weg', { datum_emigratie: '2015-05-01' }), // day 52, before the case
        persoon('beide', { datum_overlijden: '2015-06-01', datum_emigratie: '2015-05-01' }),
        persoon('opdag', { datum_overlijden: '2015-06-01' }),
        persoon('laat'),
      ],
      detenties: [
        detentie('dood'),
        detentie('weg'),
        detentie('beide'),
        detentie('opdag'),
        // released 2015-12-01; the peildatum 2016-01-31 comes 61 days later
        detentie('laat', { datum_instroom: '2015-10-01', datum_uitstroom: '2015-12-01' }),
      ],
      justitie: [zaak('weg', '2015-06-01'), zaak('opdag', '2015-06-01')],
    },
    (conn) => rijen(conn, 'recidive_volgtijd'),
    { peildatum: '2016-01-31' },
  );
  const got = (id: string) => [v.get(id)?.['tijd'], v.get(id)?.['gebeurtenis']];
  assert.deepEqual(got('ddood'), [83, false]);
  assert.deepEqual(got('dweg'), [52, false]);
  assert.deepEqual(got('dbeide'), [52, false]);
  assert.deepEqual(got('dopdag'), [83, true]);
  assert.deepEqual(got('dlaat'), [61, false]);
});

test('records with zero follow-up are dropped: death or emigration on or before the day of release, or release on the peildatum', async () => {
  const v = await metFrames(
    {
      personen: [
        persoon('dood', { datum_overlijden: '2015-03-10' }),
        persoon('weg', { datum_emigratie: '2015-02-01' }),
        persoon('piek'),
        persoon('een', { datum_overlijden: '2015-03-11' }),
      ],
      detenties: [
        detentie('dood'),
        detentie('weg'),
        detentie('piek', { datum_instroom: '2015-11-01', datum_uitstroom: '2015-12-31' }),
        detentie('een'),
      ],
      justitie: [zaak('een', '2015-03-11')],
    },
    (conn) => rijen(conn, 'recidive_volgtijd'),
    { peildatum: '2015-12-31' },
  );
  assert.deepEqual([...v.keys()], ['deen']);
  // one day of follow-up, with a case on that day
  assert.deepEqual([v.get('deen')!['tijd'], v.get('deen')!['gebeurtenis']], [1, true]);
});

test('eerdere_zaken counts qualifying cases committed before the day of instroom, in classes', async () => {
  const zaken = (p: string, aantal: number, afdoening = 'veroordeling') =>
    Array.from({ length: aantal }, (_, i) => zaak(p, `2014-0${1 + (i % 9)}-${String(1 + i).padStart(2, '0')}`, afdoening));
  const ids = ['nul', 'twee', 'drie', 'tien', 'elf'];
  const k = await metFrames(
    {
      personen: ids.map((p) => persoon(p)),
      detenties: ids.map((p) => detentie(p)),
      justitie: [
        // nul: a case on the day of instroom, one during detention and non-qualifying ones
        zaak('nul', '2015-01-10'),
        zaak('nul', '2015-02-01'),
        ...zaken('nul', 3, 'vrijspraak'),
        ...zaken('twee', 2),
        ...zaken('twee', 4, 'sepot_technisch'),
        ...zaken('drie', 3, 'transactie'),
        ...zaken('tien', 10, 'strafbeschikking'),
        ...zaken('elf', 11),
      ],
    },
    (conn) => rijen(conn, 'model_kenmerken'),
  );
  assert.deepEqual(
    ids.map((p) => k.get(`d${p}`)!['eerdere_zaken']),
    ['0', '1-2', '3-5', '6-10', '11+'],
  );
});

test('the qualifying afdoeningen come from the edition, for eerdere_zaken and for the event alike', async () => {
  const alleenVeroordeling: Editie = { ...edition, recidive_afdoeningen: ['veroordeling'] };
  const data: Tabellen = {
    personen: [persoon('a')],
    detenties: [detentie('a')],
    justitie: [zaak('a', '2014-06-01', 'transactie'), zaak('a', '2015-04-09', 'transactie'), zaak('a', '2015-06-01', 'veroordeling')],
  };
  const lees = async (conn: DuckDBConnection) => ({
    v: (await rijen(conn, 'recidive_volgtijd')).get('da')!,
    k: (await rijen(conn, 'model_kenmerken')).get('da')!,
  });
  const standaard = await metFrames(data, lees);
  assert.deepEqual([standaard.k['eerdere_zaken'], standaard.v['tijd']], ['1-2', 30]);
  const smal = await metFrames(data, lees, { edition: alleenVeroordeling });
  assert.deepEqual([smal.k['eerdere_zaken'], smal.v['tijd']], ['0', 83]);
});

test('activiteit at 1m_na follows the hierarchy werk > opleiding > uitkering > geen; a pension is no uitkering', async () => {
  const ids = ['alles', 'leren', 'uitk', 'pensioen', 'niets'];
  const uitkering = (p: string, soort: string): Rij => ({ persoon_id: p, soort, begin: '2015-04-01', einde: null });
  const onderwijs = (p: string): Rij => ({ persoon_id: p, begin: '2015-04-01', einde: '2015-04-10' });
  const k = await metFrames(
    {
      personen: ids.map((p) => persoon(p)),
      detenties: ids.map((p) => detentie(p)),
      banen: [baan('alles', 'b1', '2015-04-10', '2015-04-10')],
      onderwijs: [onderwijs('alles'), onderwijs('leren')],
      uitkeringen: [uitkering('alles', 'bijstand'), uitkering('leren', 'werkloosheid'), uitkering('uitk', 'overig'), uitkering('pensioen', 'pensioen')],
    },
    (conn) => rijen(conn, 'model_kenmerken'),
  );
  assert.deepEqual(
    ids.map((p) => k.get(`d${p}`)!['activiteit']),
    ['werk', 'opleiding', 'uitkering', 'geen', 'geen'],
  );
});

test('the other covariates: startkwalificatie, leeftijd and detentieduur classes, id at uitstroom, huisvesting and wanbetaler at 1m_na', async () => {
  const k = await metFrames(
    {
      personen: [
        persoon('a', { hoogste_opleiding: 'mbo1', geboortedatum: '1990-03-11' }), // 24 on 2015-03-10
        persoon('b', { hoogste_opleiding: 'havo_vwo', geboortedatum: '1990-03-10', geslacht: 'v' }), // 25
        persoon('c', { hoogste_opleiding: 'onbekend', geboortedatum: '1970-03-10' }), // 45
        persoon('d', { geboortedatum: '1970-03-11' }), // 44
      ],
      detenties: [
        detentie('a', { datum_instroom: '2015-02-25', id_bij_uitstroom: 'ongeldig' }), // 14 days
        detentie('b', { datum_instroom: '2015-02-08', id_bij_uitstroom: 'onbekend' }), // 31 days
        detentie('c', { datum_instroom: '2014-03-10' }), // 366 days
        detentie('d', { datum_instroom: '2014-03-11' }), // 365 days
      ],
      adressen: [
        woonadres('a', 'x1', '2015-04-10', '2015-04-10'),
        { ...woonadres('b', 'x2', '2015-01-01'), huishouden: 'met_partner' },
        woonadres('c', 'x3', '2015-04-01', null, 'briefadres'),
      ],
      wanbetalers: [{ persoon_id: 'b', begin: '2015-04-10', einde: '2015-04-10' }, { persoon_id: 'c', begin: '2015-01-01', einde: '2015-04-09' }],
    },
    (conn) => rijen(conn, 'model_kenmerken'),
  );
  const cols = ['startkwalificatie', 'leeftijd', 'detentieduur', 'id', 'huisvesting', 'wanbetaler', 'geslacht'];
  const got = (id: string) => cols.map((c) => k.get(id)![c]);
  assert.deepEqual(got('da'), ['nee', '18-24', '14-30', 'ongeldig', 'alleenstaand', 'nee', 'm']);
  assert.deepEqual(got('db'), ['ja', '25-34', '31-90', 'onbekend', 'met_partner', 'ja', 'v']);
  assert.deepEqual(got('dc'), ['onbekend', '45+', '366+', 'geldig', 'briefadres', 'nee', 'm']);
  assert.deepEqual(got('dd'), ['ja', '35-44', '91-365', 'geldig', 'geen_inschrijving', 'nee', 'm']);
});

test('cox_basis takes rik records observable at 1m_na; kv and those who died in the first month stay out, but are in the KM population only when observable', async () => {
  const res = await metFrames(
    {
      personen: [persoon('rik'), persoon('kv'), persoon('dood', { datum_overlijden: '2015-04-10' })],
      detenties: [detentie('rik'), detentie('kv', { datum_instroom: '2015-03-01' }), detentie('dood')],
      justitie: [zaak('dood', '2015-03-20')],
    },
    async (conn) => {
      const defs = modelDefinities(edition);
      const basis = await readModelFrame(conn, defs.find((d) => d.model === 'cox_basis')!);
      const km = await readKmRecords(conn, edition);
      return { basis, km, volg: await rijen(conn, 'recidive_volgtijd') };
    },
  );
  assert.equal(res.basis.n, 1);
  assert.deepEqual(res.basis.frame.columns['cohort'], ['2015']);
  // the one who died on 1m_na has follow-up (an event on day 10) but is not observable at 1m_na
  assert.deepEqual([res.volg.get('ddood')!['tijd'], res.volg.get('ddood')!['gebeurtenis']], [10, true]);
  assert.equal(res.km.n, 2);
  assert.deepEqual([...res.km.groep].sort(), ['kv', 'rik']);
  // categories exist for rik only
  const kv = res.km.groep.indexOf('kv');
  assert.equal(res.km.categorie.huisvesting[kv], null);
  assert.equal(res.km.categorie.huisvesting[1 - kv], 'geen_inschrijving');
});

test('cox_basis and the category curves start at the landmark 1m_na: a case or the end of follow-up on or before the 1m_na date keeps a record out; time from 1m_na', async () => {
  const ids = ['voor', 'op', 'na', 'geen', 'peil']; // peil: no case either
  const res = await metFrames(
    {
      personen: ids.map((p) => persoon(p)),
      detenties: ids.map((p) => detentie(p)),
      justitie: [
        zaak('voor', '2015-03-20'), // day 10: reoffended in the first month
        zaak('op', '2015-04-10'), // on the 1m_na date itself
        zaak('na', '2015-04-11'), // the day after 1m_na: in, event on day 1 from the landmark
      ],
    },
    async (conn) => {
      const basis = await readModelFrame(conn, modelDefinities(edition).find((d) => d.model === 'cox_basis')!);
      return { basis, volg: await rijen(conn, 'recidive_volgtijd'), km: await readKmRecords(conn, edition) };
    },
  );
  const got = (id: string) => ['tijd', 'gebeurtenis', 'landmark_1m', 'tijd_1m'].map((c) => res.volg.get(id)![c]);
  // From release for the descriptive curves; from 2015-04-10 (day 31) for the landmark.
  assert.deepEqual(got('dvoor'), [10, true, false, null]);
  assert.deepEqual(got('dop'), [31, true, false, null]);
  assert.deepEqual(got('dna'), [32, true, true, 1]);
  // censored at 24 months after release: 2017-03-10 is 700 days after 2015-04-10
  assert.deepEqual(got('dgeen'), [731, false, true, 700]);
  // The model frame: the three in the landmark, in detentie_id order (dgeen, dna, dpeil).
  assert.deepEqual([res.basis.n, Array.from(res.basis.frame.tijd!), Array.from(res.basis.frame.gebeurtenis!)], [3, [700, 1, 700], [0, 1, 0]]);
  // The KM population keeps all five (from release); three are in the landmark.
  assert.equal(res.km.n, 5);
  assert.equal([...res.km.landmark1m].filter((x) => x === 1).length, 3);

  // Follow-up that ends on the 1m_na date (the peildatum) keeps the record out of the landmark.
  const peil = await metFrames(
    { personen: [persoon('a')], detenties: [detentie('a')] },
    async (conn) => ({
      volg: await rijen(conn, 'recidive_volgtijd'),
      basis: await readModelFrame(conn, modelDefinities(edition).find((d) => d.model === 'cox_basis')!),
    }),
    { peildatum: '2015-04-10' },
  );
  assert.deepEqual(['tijd', 'landmark_1m', 'tijd_1m'].map((c) => peil.volg.get('da')![c]), [31, false, null]);
  assert.equal(peil.basis.n, 0);
});

test('cox_landmark_6m: rik with a job at 1m_na, observable at 6m_na and without a case up to 6m_na; follow-up from 6m_na', async () => {
  const ids = ['blijf', 'wissel', 'terug', 'vroeg', 'zonder', 'dood', 'instelling'];
  const f = await metFrames(
    {
      personen: ids.map((p) => persoon(p, p === 'dood' ? { datum_overlijden: '2015-09-10' } : {})),
      detenties: ids.map((p) => detentie(p)),
      banen: [
        // blijf: one job through both moments; home through both moments
        baan('blijf', 'b1', '2015-04-01'),
        // wissel: the job of 1m_na ends, another job covers 6m_na
        baan('wissel', 'b2', '2015-04-01', '2015-06-30'),
        baan('wissel', 'b3', '2015-07-01'),
        // terug: the same baan_id in two spells, one per moment
        baan('terug', 'b4', '2015-04-01', '2015-05-31'),
        baan('terug', 'b4', '2015-09-01', '2015-12-31'),
        baan('vroeg', 'b5', '2015-04-01'),
        baan('dood', 'b6', '2015-04-01'),
        baan('instelling', 'b7', '2015-04-01'),
      ],
      adressen: [
        woonadres('blijf', 'a1', '2015-03-10'),
        // wissel moves from a1 to a2
        woonadres('wissel', 'a1', '2015-03-10', '2015-06-30'),
        woonadres('wissel', 'a2', '2015-07-01'),
        woonadres('terug', 'a3', '2015-03-10'),
        woonadres('instelling', 'i1', '2015-03-10', null, 'instelling'),
      ],
      justitie: [
        zaak('blijf', '2016-03-10'), // 182 days after 6m_na
        zaak('vroeg', '2015-09-10'), // on the landmark day: out of the population
        zaak('wissel', '2015-09-11'), // the day after: in, event at day 1
      ],
    },
    async (conn) => (await rijen(conn, 'modelframe_landmark_6m')),
  );
  assert.deepEqual([...f.keys()], ['dblijf', 'dinstelling', 'dterug', 'dwissel']);
  const got = (id: string) => ['tijd', 'gebeurtenis', 'zelfde_baan', 'stabiel_wonen'].map((c) => f.get(id)![c]);
  // censored at 24 months: 2017-03-10 is 547 days after 2015-09-10
  assert.deepEqual(got('dblijf'), [182, 1, 'ja', 'ja']);
  assert.deepEqual(got('dwissel'), [1, 1, 'nee', 'nee']);
  assert.deepEqual(got('dterug'), [547, 0, 'ja', 'ja']);
  assert.deepEqual(got('dinstelling'), [547, 0, 'ja', 'nee']);
});

test('cox_landmark_6m drops a record whose follow-up ends on the landmark day', async () => {
  const f = await metFrames(
    { personen: [persoon('a')], detenties: [detentie('a')], banen: [baan('a', 'b1', '2015-04-01')] },
    (conn) => rijen(conn, 'modelframe_landmark_6m'),
    { peildatum: '2015-09-10' },
  );
  assert.equal(f.size, 0);
});

test('logit_werk_6m: rik observable at 6m_na, outcome werk at 6m_na, werk_1m_voor from one month before instroom', async () => {
  const f = await metFrames(
    {
      personen: [persoon('a'), persoon('b'), persoon('c', { datum_emigratie: '2015-09-10' })],
      detenties: [detentie('a'), detentie('b'), detentie('c')],
      banen: [
        baan('a', 'b1', '2014-12-10', '2014-12-10'), // covers 1m_voor only
        baan('b', 'b2', '2015-09-10', '2015-09-10'), // covers 6m_na only
        baan('c', 'b3', '2015-01-01'),
      ],
    },
    (conn) => rijen(conn, 'modelframe_werk_6m'),
  );
  assert.deepEqual([...f.keys()], ['da', 'db']);
  assert.deepEqual([f.get('da')!['uitkomst'], f.get('da')!['werk_1m_voor']], [0, 'ja']);
  assert.deepEqual([f.get('db')!['uitkomst'], f.get('db')!['werk_1m_voor']], [1, 'nee']);
});
