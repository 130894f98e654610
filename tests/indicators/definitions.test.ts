/**
 * The indicator definitions on hand-made extracts whose outcomes are worked out by hand.
 * Each test builds one or a few persons around one rule and reads the counted cell.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detentie as standaardDetentie, persoon, tabellen, type Tabellen, type Rij } from '../helpers/tables.ts';
import { computeIndicators } from '../../src/indicators/compute.ts';
import type { Telling } from '../../src/indicators/disclosure.ts';
import { leesEditie, type Editie } from '../../src/edition/edition.ts';

const edition = await leesEditie(new URL('../../editions/6e-meting/editie.json', import.meta.url).pathname);
const PEILDATUM = '2019-06-30';

async function tel(data: Tabellen, opties: { edition?: Editie; peildatum?: string } = {}): Promise<Telling[]> {
  const { conn, close } = await tabellen(data);
  try {
    const r = await computeIndicators(conn, opties.edition ?? edition, opties.peildatum ?? PEILDATUM, data.zorg !== undefined);
    return r.tellingen;
  } finally {
    close();
  }
}

/** The counts of one cell, or undefined when the row is left out (noemer 0). */
function cel(rows: Telling[], indicator: string, moment: string, cohort = 'totaal', groep = 'totaal') {
  const r = rows.find((x) => x.indicator === indicator && x.moment === moment && x.cohort === cohort && x.groep === groep);
  return r ? { teller: r.teller, noemer: r.noemer } : undefined;
}

/** A detention with its own id and dates (the shared builder's defaults otherwise). */
const detentie = (id: string, p: string, instroom: string, uitstroom: string, extra: Rij = {}): Rij =>
  standaardDetentie(p, { detentie_id: id, datum_instroom: instroom, datum_uitstroom: uitstroom, ...extra });

test('a person released twice in one year counts once, with the first release; ties go to the smallest detentie_id', async () => {
  const rows = await tel({
    personen: [persoon('p1'), persoon('p2')],
    detenties: [
      detentie('d2', 'p1', '2015-01-01', '2015-02-01', { id_bij_uitstroom: 'ongeldig' }),
      detentie('d1', 'p1', '2015-06-01', '2015-07-01'),
      // p2: two releases on the same day; 'a10' sorts before 'a9' as a string
      detentie('a9', 'p2', '2015-01-01', '2015-03-01'),
      detentie('a10', 'p2', '2015-02-01', '2015-03-01', { id_bij_uitstroom: 'onbekend' }),
    ],
  });
  assert.deepEqual(cel(rows, 'id_onbekend', 'uitstroom', '2015'), { teller: 1, noemer: 2 });
  assert.deepEqual(cel(rows, 'id_geen_geldig', 'uitstroom', '2015'), { teller: 1, noemer: 1 });
});

test('a person released in two cohort years appears in both cohorts', async () => {
  const rows = await tel({
    personen: [persoon('p1')],
    detenties: [detentie('d1', 'p1', '2014-01-01', '2014-02-01'), detentie('d2', 'p1', '2015-01-01', '2015-02-01')],
  });
  assert.deepEqual(cel(rows, 'id_onbekend', 'uitstroom', '2014'), { teller: 0, noemer: 1 });
  assert.deepEqual(cel(rows, 'id_onbekend', 'uitstroom', '2015'), { teller: 0, noemer: 1 });
  assert.deepEqual(cel(rows, 'id_onbekend', 'uitstroom'), { teller: 0, noemer: 2 });
  assert.equal(cel(rows, 'id_onbekend', 'uitstroom', '2013'), undefined);
});

test('the age cut-off: 18 on the day of uitstroom counts, 17 does not, and a later adult release that year does', async () => {
  const rows = await tel({
    personen: [
      persoon('jarig', { geboortedatum: '1997-03-10' }),
      persoon('jong', { geboortedatum: '1997-03-11' }),
      persoon('later', { geboortedatum: '1997-06-01' }),
    ],
    detenties: [
      detentie('d1', 'jarig', '2015-01-01', '2015-03-10'),
      detentie('d2', 'jong', '2015-01-01', '2015-03-10'),
      detentie('d3', 'later', '2015-01-01', '2015-03-10', { id_bij_uitstroom: 'onbekend' }),
      detentie('d4', 'later', '2015-07-01', '2015-08-01'),
    ],
  });
  // jarig (18 that day) and later's second release (aged 18); not jong, not later's first release
  assert.deepEqual(cel(rows, 'id_onbekend', 'uitstroom', '2015'), { teller: 0, noemer: 2 });
});

test('detentieduur counts both days: 14 days is rik, 13 days is kv', async () => {
  const rows = await tel({
    personen: [persoon('p1'), persoon('p2')],
    detenties: [detentie('d1', 'p1', '2015-01-01', '2015-01-14'), detentie('d2', 'p2', '2015-01-01', '2015-01-13')],
  });
  assert.deepEqual(cel(rows, 'id_onbekend', 'uitstroom', '2015', 'rik'), { teller: 0, noemer: 1 });
  assert.deepEqual(cel(rows, 'id_onbekend', 'uitstroom', '2015', 'kv'), { teller: 0, noemer: 1 });
});

test('month arithmetic clamps to the end of the month: 31 January + 1 month is 28 or 29 February', async () => {
  const rows = await tel({
    personen: [persoon('p1'), persoon('p2')],
    detenties: [detentie('d1', 'p1', '2015-01-01', '2015-01-31'), detentie('d2', 'p2', '2016-01-01', '2016-01-31')],
    banen: [
      // ends on 2015-02-28 = 1m_na of p1: covers it
      { persoon_id: 'p1', baan_id: 'b1', soort: 'werknemer', begin: '2015-02-10', einde: '2015-02-28' },
      // begins on 2016-03-01, the day after 1m_na of p2 (2016-02-29): does not cover it
      { persoon_id: 'p2', baan_id: 'b2', soort: 'werknemer', begin: '2016-03-01', einde: null },
    ],
  });
  assert.deepEqual(cel(rows, 'werk', '1m_na', '2015'), { teller: 1, noemer: 1 });
  assert.deepEqual(cel(rows, 'werk', '1m_na', '2016'), { teller: 0, noemer: 1 });
  // 6m_voor of an instroom on 31 August is 29 February in a leap year
  const voor = await tel({
    personen: [persoon('p1')],
    detenties: [detentie('d1', 'p1', '2016-08-31', '2016-09-30')],
    banen: [{ persoon_id: 'p1', baan_id: 'b1', soort: 'werknemer', begin: '2016-02-29', einde: '2016-02-29' }],
  });
  assert.deepEqual(cel(voor, 'werk', '6m_voor', '2016'), { teller: 1, noemer: 1 });
});

test('spell ends are inclusive, an empty einde is still running, and the day after the end is not covered', async () => {
  const base = { personen: [persoon('a'), persoon('b'), persoon('c')] };
  const rows = await tel({
    ...base,
    detenties: [
      detentie('d1', 'a', '2015-01-01', '2015-03-15'),
      detentie('d2', 'b', '2015-01-01', '2015-03-15'),
      detentie('d3', 'c', '2015-01-01', '2015-03-15'),
    ],
    onderwijs: [
      { persoon_id: 'a', begin: '2015-04-15', einde: '2015-04-15' }, // exactly 1m_na
      { persoon_id: 'b', begin: '2010-01-01', einde: null }, // open
      { persoon_id: 'c', begin: '2010-01-01', einde: '2015-04-14' }, // ends the day before
    ],
  });
  assert.deepEqual(cel(rows, 'opleiding', '1m_na'), { teller: 2, noemer: 3 });
});

// The plain definition of observability, without the rule that publishes uitval only in steps of
// at least k (k = 1 makes every step safe; the rule itself is tested in uitval.test.ts).
const zonderUitvalregel: Editie = { ...edition, drempel: 1 };

test('observability: after the peildatum, on or after death and emigration a person leaves the noemer', async () => {
  const rows = await tel({
    personen: [
      persoon('dood', { datum_overlijden: '2016-03-01' }),
      persoon('weg', { datum_emigratie: '2015-09-01' }),
      persoon('laat'),
      persoon('blijft'),
    ],
    detenties: [
      detentie('d1', 'dood', '2015-01-01', '2015-03-01'), // 12m_na = 2016-03-01: the day of death
      detentie('d2', 'weg', '2015-01-01', '2015-03-01'), // emigrated before 6m_na
      detentie('d3', 'laat', '2016-12-01', '2017-12-01'), // not a cohort of the 6th meting
      detentie('d4', 'blijft', '2016-01-01', '2016-09-01'), // 24m_na = 2018-09-01 <= peildatum
    ],
  }, { edition: zonderUitvalregel });
  assert.deepEqual(cel(rows, 'werk', '6m_na'), { teller: 0, noemer: 2 });
  assert.deepEqual(cel(rows, 'werk', '1m_na'), { teller: 0, noemer: 3 });
  assert.deepEqual(cel(rows, 'werk', '12m_na'), { teller: 0, noemer: 1 });
  const vroeg = await tel(
    { personen: [persoon('blijft')], detenties: [detentie('d4', 'blijft', '2016-01-01', '2016-09-01')] },
    { peildatum: '2018-08-31', edition: zonderUitvalregel },
  );
  assert.equal(cel(vroeg, 'werk', '24m_na'), undefined, '24m_na after the peildatum: no noemer, row left out');
  assert.deepEqual(cel(vroeg, 'werk', '12m_na'), { teller: 0, noemer: 1 });
});

test('an unknown ID status and an unknown education stay out of their denominators', async () => {
  const rows = await tel({
    personen: [persoon('a', { hoogste_opleiding: 'vmbo' }), persoon('b', { hoogste_opleiding: 'onbekend' }), persoon('c', { hoogste_opleiding: 'hbo_wo' })],
    detenties: [
      detentie('d1', 'a', '2015-01-01', '2015-03-01', { id_bij_instroom: 'ongeldig', id_bij_uitstroom: 'onbekend' }),
      detentie('d2', 'b', '2015-01-01', '2015-03-01', { id_bij_instroom: 'onbekend', id_bij_uitstroom: 'ongeldig' }),
      detentie('d3', 'c', '2015-01-01', '2015-03-01', { id_bij_instroom: 'geldig', id_bij_uitstroom: 'geldig' }),
    ],
  });
  assert.deepEqual(cel(rows, 'id_geen_geldig', 'instroom'), { teller: 1, noemer: 2 });
  assert.deepEqual(cel(rows, 'id_geen_geldig', 'uitstroom'), { teller: 1, noemer: 2 });
  assert.deepEqual(cel(rows, 'id_onbekend', 'uitstroom'), { teller: 1, noemer: 3 });
  assert.deepEqual(cel(rows, 'geen_startkwalificatie', 'uitstroom'), { teller: 1, noemer: 2 });
  assert.deepEqual(cel(rows, 'id_verkregen', 'instroom-uitstroom'), { teller: 0, noemer: 1 });
});

test('a pension is an income but not an uitkering', async () => {
  const rows = await tel({
    personen: [persoon('a'), persoon('b')],
    detenties: [detentie('d1', 'a', '2015-01-01', '2015-03-01'), detentie('d2', 'b', '2015-01-01', '2015-03-01')],
    uitkeringen: [
      { persoon_id: 'a', soort: 'pensioen', begin: '2014-01-01', einde: null },
      { persoon_id: 'b', soort: 'bijstand', begin: '2014-01-01', einde: null },
    ],
  });
  assert.deepEqual(cel(rows, 'uitkering', '1m_na'), { teller: 1, noemer: 2 });
  assert.deepEqual(cel(rows, 'geen_inkomen', '1m_na'), { teller: 0, noemer: 2 });
  assert.deepEqual(cel(rows, 'geen_dagbesteding', '1m_na'), { teller: 2, noemer: 2 });
});

test('housing categories: a woonadres gives its huishouden, others their soort, no spell gives geen_inschrijving', async () => {
  const rows = await tel({
    personen: [persoon('a'), persoon('b'), persoon('c')],
    detenties: ['a', 'b', 'c'].map((p) => detentie(`d${p}`, p, '2015-01-01', '2015-03-01')),
    adressen: [
      { persoon_id: 'a', adres_id: 'x', soort: 'woonadres', huishouden: 'bij_ouders', begin: '2010-01-01', einde: null },
      { persoon_id: 'b', adres_id: 'y', soort: 'briefadres', huishouden: null, begin: '2010-01-01', einde: null },
    ],
  });
  assert.deepEqual(cel(rows, 'huisvesting_bij_ouders', '1m_na'), { teller: 1, noemer: 3 });
  assert.deepEqual(cel(rows, 'huisvesting_briefadres', '1m_na'), { teller: 1, noemer: 3 });
  assert.deepEqual(cel(rows, 'huisvesting_geen_inschrijving', '1m_na'), { teller: 1, noemer: 3 });
  assert.deepEqual(cel(rows, 'niet_ingeschreven', '1m_na'), { teller: 2, noemer: 3 });
});

test('baan_behouden needs the same baan_id at 1m_voor and 1m_na; baan_gevonden counts new work among those without', async () => {
  const pers = ['zelfde', 'anders', 'hervat', 'nieuw', 'niets'];
  const rows = await tel({
    personen: pers.map((p) => persoon(p)),
    detenties: pers.map((p) => detentie(`d_${p}`, p, '2015-03-01', '2015-06-30')),
    banen: [
      { persoon_id: 'zelfde', baan_id: 'b1', soort: 'werknemer', begin: '2014-01-01', einde: null },
      { persoon_id: 'anders', baan_id: 'b2', soort: 'werknemer', begin: '2014-01-01', einde: '2015-03-31' },
      { persoon_id: 'anders', baan_id: 'b3', soort: 'werknemer', begin: '2015-07-15', einde: null },
      // the same job comes back in a new spell after release: kept
      { persoon_id: 'hervat', baan_id: 'b4', soort: 'zelfstandige', begin: '2014-01-01', einde: '2015-03-05' },
      { persoon_id: 'hervat', baan_id: 'b4', soort: 'zelfstandige', begin: '2015-07-20', einde: null },
      { persoon_id: 'nieuw', baan_id: 'b5', soort: 'werknemer', begin: '2015-07-30', einde: '2015-07-30' },
    ],
  });
  assert.deepEqual(cel(rows, 'baan_behouden', '1m_voor-1m_na'), { teller: 2, noemer: 3 });
  assert.deepEqual(cel(rows, 'baan_gevonden', '1m_voor-1m_na'), { teller: 1, noemer: 2 });
});

test('adres_verloren and adres_gevonden compare 1m_voor with 1m_na; id_verkregen compares instroom with uitstroom', async () => {
  const rows = await tel({
    personen: [persoon('verliest'), persoon('vindt'), persoon('houdt')],
    detenties: [
      detentie('d1', 'verliest', '2015-03-01', '2015-06-30', { id_bij_instroom: 'ongeldig', id_bij_uitstroom: 'geldig' }),
      detentie('d2', 'vindt', '2015-03-01', '2015-06-30', { id_bij_instroom: 'ongeldig', id_bij_uitstroom: 'ongeldig' }),
      detentie('d3', 'houdt', '2015-03-01', '2015-06-30'),
    ],
    adressen: [
      { persoon_id: 'verliest', adres_id: 'a', soort: 'woonadres', huishouden: 'alleenstaand', begin: '2010-01-01', einde: '2015-04-01' },
      { persoon_id: 'vindt', adres_id: 'b', soort: 'briefadres', huishouden: null, begin: '2010-01-01', einde: '2015-07-01' },
      { persoon_id: 'vindt', adres_id: 'c', soort: 'instelling', huishouden: null, begin: '2015-07-02', einde: null },
      { persoon_id: 'houdt', adres_id: 'd', soort: 'woonadres', huishouden: 'met_partner', begin: '2010-01-01', einde: null },
    ],
  });
  assert.deepEqual(cel(rows, 'adres_verloren', '1m_voor-1m_na'), { teller: 1, noemer: 2 });
  assert.deepEqual(cel(rows, 'adres_gevonden', '1m_voor-1m_na'), { teller: 1, noemer: 1 });
  assert.deepEqual(cel(rows, 'id_verkregen', 'instroom-uitstroom'), { teller: 1, noemer: 2 });
});

test('wanbetaler_jaar_na: a registration overlapping (uitstroom, uitstroom + 12 months]', async () => {
  const ps = ['eindigt_op_dag', 'dag_erna', 'begint_op_einde', 'begint_te_laat'];
  const rows = await tel({
    personen: ps.map((p) => persoon(p)),
    detenties: ps.map((p) => detentie(`d_${p}`, p, '2015-01-01', '2015-03-31')),
    wanbetalers: [
      { persoon_id: 'eindigt_op_dag', begin: '2014-01-01', einde: '2015-03-31' }, // ends on uitstroom: no
      { persoon_id: 'dag_erna', begin: '2014-01-01', einde: '2015-04-01' }, // yes
      { persoon_id: 'begint_op_einde', begin: '2016-03-31', einde: null }, // begins on uitstroom + 12m: yes
      { persoon_id: 'begint_te_laat', begin: '2016-04-01', einde: null }, // no
    ],
  });
  assert.deepEqual(cel(rows, 'wanbetaler_jaar_na', '12m_na'), { teller: 2, noemer: 4 });
});

test('recidive_2j: a qualifying case in (uitstroom, uitstroom + 24 months]; the edition sets what qualifies', async () => {
  const ps = ['op_dag', 'dag_erna', 'laatste_dag', 'te_laat', 'sepot', 'transactie'];
  const data: Tabellen = {
    personen: ps.map((p) => persoon(p)),
    detenties: ps.map((p) => detentie(`d_${p}`, p, '2015-01-01', '2015-03-31')),
    justitie: [
      { zaak_id: 'z1', persoon_id: 'op_dag', pleegdatum: '2015-03-31', afdoening: 'veroordeling' },
      { zaak_id: 'z2', persoon_id: 'dag_erna', pleegdatum: '2015-04-01', afdoening: 'veroordeling' },
      { zaak_id: 'z3', persoon_id: 'laatste_dag', pleegdatum: '2017-03-31', afdoening: 'strafbeschikking' },
      { zaak_id: 'z4', persoon_id: 'te_laat', pleegdatum: '2017-04-01', afdoening: 'veroordeling' },
      { zaak_id: 'z5', persoon_id: 'sepot', pleegdatum: '2015-06-01', afdoening: 'sepot_beleid' },
      { zaak_id: 'z6', persoon_id: 'transactie', pleegdatum: '2015-06-01', afdoening: 'transactie' },
    ],
  };
  assert.deepEqual(cel(await tel(data), 'recidive_2j', '24m_na'), { teller: 3, noemer: 6 });
  const streng = { ...edition, recidive_afdoeningen: ['veroordeling' as const] };
  assert.deepEqual(cel(await tel(data, { edition: streng }), 'recidive_2j', '24m_na'), { teller: 1, noemer: 6 });
});

test('the five problems are counted among complete cases only, and pairs count co-occurrence', async () => {
  const rows = await tel({
    personen: [
      persoon('alles', { hoogste_opleiding: 'basis' }),
      persoon('niets', { hoogste_opleiding: 'havo_vwo' }),
      persoon('onbekend_id'),
      persoon('onbekende_opleiding', { hoogste_opleiding: 'onbekend' }),
      persoon('vertrokken', { datum_emigratie: '2016-01-01' }),
    ],
    detenties: [
      detentie('d1', 'alles', '2015-01-01', '2015-03-01', { id_bij_uitstroom: 'ongeldig' }),
      detentie('d2', 'niets', '2015-01-01', '2015-03-01'),
      detentie('d3', 'onbekend_id', '2015-01-01', '2015-03-01', { id_bij_uitstroom: 'onbekend' }),
      detentie('d4', 'onbekende_opleiding', '2015-01-01', '2015-03-01'),
      detentie('d5', 'vertrokken', '2015-01-01', '2015-03-01'),
    ],
    // alles: no income, no address at 1m_na (no spells at all), a defaulter in the year after
    wanbetalers: [{ persoon_id: 'alles', begin: '2015-06-01', einde: null }],
    banen: [{ persoon_id: 'niets', baan_id: 'b', soort: 'werknemer', begin: '2014-01-01', einde: null }],
    adressen: [{ persoon_id: 'niets', adres_id: 'a', soort: 'woonadres', huishouden: 'alleenstaand', begin: '2010-01-01', einde: null }],
  });
  assert.deepEqual(cel(rows, 'problemen_5', '1m_na'), { teller: 1, noemer: 2 });
  assert.deepEqual(cel(rows, 'problemen_0', '1m_na'), { teller: 1, noemer: 2 });
  assert.deepEqual(cel(rows, 'problemen_2', '1m_na'), { teller: 0, noemer: 2 });
  assert.deepEqual(cel(rows, 'samen_id_schulden', '1m_na'), { teller: 1, noemer: 2 });
  assert.deepEqual(cel(rows, 'samen_adres_startkwalificatie', '1m_na'), { teller: 1, noemer: 2 });
});

test('zorg indicators exist only when the zorg extract is present', async () => {
  const basis = { personen: [persoon('a')], detenties: [detentie('d1', 'a', '2015-01-01', '2015-03-01')] };
  const zonder = await tel(basis);
  assert.equal(zonder.some((r) => r.indicator.startsWith('zorg_')), false);
  const met = await tel({ ...basis, zorg: [{ persoon_id: 'a', soort: 'ggz', begin: '2015-03-15', einde: null }] });
  assert.deepEqual(cel(met, 'zorg_ggz', '1m_na'), { teller: 1, noemer: 1 });
  assert.deepEqual(cel(met, 'zorg_verslavingszorg', '1m_na'), { teller: 0, noemer: 1 });
});

test('cohort and group totals add up over their parts', async () => {
  const rows = await tel({
    personen: [persoon('a'), persoon('b'), persoon('c')],
    detenties: [
      detentie('d1', 'a', '2013-01-01', '2013-01-05'),
      detentie('d2', 'b', '2014-01-01', '2014-05-01'),
      detentie('d3', 'c', '2016-01-01', '2016-05-01', { id_bij_uitstroom: 'onbekend' }),
    ],
  });
  assert.deepEqual(cel(rows, 'id_onbekend', 'uitstroom', 'totaal', 'rik'), { teller: 1, noemer: 2 });
  assert.deepEqual(cel(rows, 'id_onbekend', 'uitstroom', 'totaal', 'kv'), { teller: 0, noemer: 1 });
  assert.deepEqual(cel(rows, 'id_onbekend', 'uitstroom', '2016', 'totaal'), { teller: 1, noemer: 1 });
  assert.deepEqual(cel(rows, 'id_onbekend', 'uitstroom'), { teller: 1, noemer: 3 });
});
