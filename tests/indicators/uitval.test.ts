/**
 * Uitval in steps of at least k (src/indicators/sql/04-uitval.sql; indicators.md, "Uitval in
 * steps of at least k"), on hand-made cells whose drops are worked out by hand: which population
 * is published at each moment, which counts follow, and what the audit says (never a count).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detentie, persoon, tabellen, type Rij, type Tabellen } from '../helpers/tables.ts';
import { computeIndicators } from '../../src/indicators/compute.ts';
import type { Telling } from '../../src/indicators/disclosure.ts';
import { UITVAL_INDICATOR, type Onderdrukking } from '../../src/indicators/disclosure.ts';
import { onderdrukkingCsv } from '../../src/indicators/write.ts';
import { leesEditie } from '../../src/edition/edition.ts';

const edition = await leesEditie(new URL('../../editions/6e-meting/editie.json', import.meta.url).pathname);
const PEILDATUM = '2019-06-30';
assert.equal(edition.drempel, 10, 'these cells are drawn for k = 10');

interface Uitkomst {
  tellingen: Telling[];
  uitval: Onderdrukking[];
  /** Per position 0..6 of the chain of cohort 2015, rik: the position whose observable records are published there. */
  vanaf: number[];
}

async function bereken(data: Tabellen): Promise<Uitkomst> {
  const { conn, close } = await tabellen(data);
  try {
    const { tellingen, uitval } = await computeIndicators(conn, edition, PEILDATUM, false);
    const r = await conn.runAndReadAll("SELECT vanaf FROM uitval_stap WHERE cohort = 2015 AND groep = 'rik' ORDER BY positie");
    return { tellingen, uitval, vanaf: r.getRowObjectsJS().map((x) => Number(x['vanaf'])) };
  } finally {
    close();
  }
}

/** n persons of cohort 2015, rik (the standard detention: instroom 2015-01-10, uitstroom 2015-03-10). */
function cel(n: number, prefix: string, extra: (i: number) => Rij = () => ({})): { personen: Rij[]; detenties: Rij[] } {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  return { personen: ids.map((p, i) => persoon(p, extra(i))), detenties: ids.map((p) => detentie(p)) };
}

const noemer = (t: Telling[], indicator: string, moment: string) =>
  t.find((x) => x.indicator === indicator && x.moment === moment && x.cohort === '2015' && x.groep === 'rik')?.noemer;
const STATUS = ['6m_voor', '1m_voor', '1m_na', '6m_na', '12m_na', '24m_na'];

test('a drop of 3 between 1m_na and 6m_na is shown earlier: every moment before 6m_na publishes the population of 6m_na', async () => {
  // 20 records; 3 die on 2015-06-01, after 1m_na (2015-04-10) and before 6m_na (2015-09-10).
  const u = await bereken(cel(20, 'p', (i) => (i < 3 ? { datum_overlijden: '2015-06-01' } : {})));
  // Positions: 0 population, 1 6m_voor, 2 1m_voor, 3 1m_na, 4 6m_na, 5 12m_na, 6 24m_na. The drop
  // at 3 -> 4 is unsafe, so 3 publishes O_4; then 2, 1 and 0 face the same 3 and follow.
  assert.deepEqual(u.vanaf, [4, 4, 4, 4, 4, 5, 6]);
  assert.deepEqual(STATUS.map((m) => noemer(u.tellingen, 'werk', m)), [17, 17, 17, 17, 17, 17]);
  assert.equal(noemer(u.tellingen, 'populatie', 'uitstroom'), 17);
  assert.equal(noemer(u.tellingen, 'id_onbekend', 'instroom'), 17);
  assert.equal(noemer(u.tellingen, 'recidive_2j', '24m_na'), 17);
  // The audit names every moment whose noemer does not step to the next one (here all of them),
  // not only the one where somebody left, and never a count.
  assert.deepEqual(
    u.uitval.map((o) => `${o.indicator} ${o.cohort} ${o.groep} ${o.moment} ${o.regel}`),
    ['uitstroom', '6m_voor', '1m_voor', '1m_na', '6m_na', '12m_na'].map((m) => `${UITVAL_INDICATOR} 2015 rik ${m} uitval_vervroegd`),
  );
  const csv = onderdrukkingCsv(u.uitval);
  assert.match(csv, /^indicatoren\.csv,\(noemer\),2015,rik,1m_na,uitval_vervroegd,"[^"\d]+"$/m);
  assert.doesNotMatch(csv.split('\n').slice(1).join('\n'), /\b(3|17|20)\b/);
});

test('a drop of k between 1m_na and 6m_na is published as it is', async () => {
  const u = await bereken(cel(25, 'p', (i) => (i < 10 ? { datum_overlijden: '2015-06-01' } : {})));
  assert.deepEqual(u.vanaf, [0, 1, 2, 3, 4, 5, 6]);
  assert.deepEqual(STATUS.map((m) => noemer(u.tellingen, 'werk', m)), [25, 25, 25, 15, 15, 15]);
  assert.equal(noemer(u.tellingen, 'populatie', 'uitstroom'), 25);
  // No step from the population to 6m_voor, 6m_voor to 1m_voor, 1m_voor to 1m_na, 6m_na to 12m_na
  // or 12m_na to 24m_na; the step at 1m_na is a real one.
  assert.deepEqual(u.uitval.map((o) => o.moment), ['uitstroom', '6m_voor', '1m_voor', '6m_na', '12m_na']);
});

test('a sub-population published on both sides of a step holds it back too: 3 of 12 who leave worked at 1m_voor', async () => {
  // 30 records; 12 die on 2015-03-20, between 1m_voor (2014-12-10) and 1m_na (2015-04-10); 3 of
  // those 12 and 10 of the others worked at 1m_voor. |D| = 12 is safe, D among werk_1m_voor (3) not:
  // werk's teller at 1m_voor minus baan_behouden's noemer would be 3.
  const data = cel(30, 'p', (i) => (i < 12 ? { datum_overlijden: '2015-03-20' } : {}));
  const werkers = [0, 1, 2, ...Array.from({ length: 10 }, (_, i) => 12 + i)];
  const banen = werkers.map((i) => ({ persoon_id: `p${i}`, baan_id: `b${i}`, soort: 'werknemer', begin: '2014-12-01', einde: '2014-12-31' }));
  const u = await bereken({ ...data, banen });
  assert.deepEqual(u.vanaf, [0, 1, 3, 3, 4, 5, 6]);
  assert.deepEqual(STATUS.map((m) => noemer(u.tellingen, 'werk', m)), [30, 18, 18, 18, 18, 18]);
  const werk1mVoor = u.tellingen.find((x) => x.indicator === 'werk' && x.moment === '1m_voor' && x.cohort === '2015' && x.groep === 'rik')!;
  assert.equal(werk1mVoor.teller, 10);
  assert.equal(noemer(u.tellingen, 'baan_behouden', '1m_voor-1m_na'), 10);
  assert.equal(noemer(u.tellingen, 'baan_gevonden', '1m_voor-1m_na'), 8);
  // Without the worker among those who leave, the same drop of 12 is published where it happens.
  const zonder = await bereken({ ...data, banen: banen.slice(3) });
  assert.deepEqual(zonder.vanaf, [0, 1, 2, 3, 4, 5, 6]);
  assert.deepEqual(STATUS.map((m) => noemer(zonder.tellingen, 'werk', m)), [30, 30, 18, 18, 18, 18]);
});

test('totals are unions of cells: their steps are sums of steps of 0 or at least k', async () => {
  // Two cells: 2015 rik with a drop of 3 (held back) and 2016 rik with a drop of 10 (published).
  const a = cel(20, 'a', (i) => (i < 3 ? { datum_overlijden: '2015-06-01' } : {}));
  const b = cel(25, 'b', (i) => (i < 10 ? { datum_overlijden: '2016-06-01' } : {}));
  const b2016 = b.detenties.map((d) => ({ ...d, datum_instroom: '2016-01-10', datum_uitstroom: '2016-03-10' }));
  const u = await bereken({ personen: [...a.personen, ...b.personen], detenties: [...a.detenties, ...b2016] });
  const totaal = (m: string) => u.tellingen.find((x) => x.indicator === 'werk' && x.moment === m && x.cohort === 'totaal' && x.groep === 'totaal')!.noemer;
  assert.deepEqual(STATUS.map(totaal), [42, 42, 42, 32, 32, 32]);
});
