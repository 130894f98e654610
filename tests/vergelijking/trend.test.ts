/**
 * The trend rule and its words, branch by branch: a segment's direction, the outcome of two
 * segments, the table words, the sentence on a series and the overview sentence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Publicatie } from '../../src/indicators/disclosure.ts';
import { percentage } from '../../src/indicators/disclosure.ts';
import { oordeel, oordeelKort, overviewSentence, overzichtZin, segment, verloopZin, type Segment } from '../../src/vergelijking/trend.ts';

const rij = (teller: number, noemer = 1000): Publicatie => ({
  indicator: 'werk', cohort: 'x', groep: 'rik', moment: '1m_na', teller, noemer, percentage: percentage(teller, noemer), onderdrukt: false,
});
const weg: Publicatie = { indicator: 'werk', cohort: 'x', groep: 'rik', moment: '1m_na', teller: null, noemer: null, percentage: null, onderdrukt: true };

/** A segment from two shares in per mille (on a noemer of 10.000), cohorts a and b. */
const seg = (a: number, b: number, ca = 2013, cb = 2016): Segment =>
  segment([{ cohort: ca, rij: rij(10 * a, 10000) }, { cohort: cb, rij: rij(10 * b, 10000) }]);
const ONBEKEND: Segment = { richting: 'onbekend', onderdrukt: false };
const ONDERDRUKT: Segment = { richting: 'onbekend', onderdrukt: true };

test('a segment runs from its first to its last published cohort and uses the report\'s own test', () => {
  assert.equal(seg(200, 300).richting, 'stijgt');
  assert.equal(seg(300, 200).richting, 'daalt');
  // 20% -> 21% on 10.000 each: the interval includes zero, so the share stays level
  assert.equal(seg(200, 205).richting, 'gelijk');
  // 20% -> 22% is a rise on 10.000 each, but not on 1.000 each
  assert.equal(seg(200, 220).richting, 'stijgt');
  assert.equal(segment([{ cohort: 2013, rij: rij(200) }, { cohort: 2014, rij: rij(220) }]).richting, 'gelijk');
  const s = segment([
    { cohort: 2013, rij: weg },
    { cohort: 2014, rij: rij(200) },
    { cohort: 2015, rij: undefined },
    { cohort: 2016, rij: rij(400) },
    { cohort: 2017, rij: weg },
  ]);
  assert.ok(s.richting === 'stijgt', s.richting);
  assert.deepEqual([s.van.cohort, s.naar.cohort], [2014, 2016]);
});

test('a segment with fewer than two published cohorts has no direction, and says whether suppression is why', () => {
  assert.deepEqual(segment([{ cohort: 2013, rij: rij(200) }, { cohort: 2014, rij: weg }]), { richting: 'onbekend', onderdrukt: true });
  assert.deepEqual(segment([{ cohort: 2017, rij: rij(200) }]), { richting: 'onbekend', onderdrukt: false });
  assert.deepEqual(segment([{ cohort: 2017, rij: undefined }, { cohort: 2018, rij: rij(1) }]), { richting: 'onbekend', onderdrukt: false });
});

test('the outcome of every pair of directions', () => {
  const verwacht = {
    'stijgt stijgt': 'doorgezet',
    'daalt daalt': 'doorgezet',
    'gelijk gelijk': 'doorgezet',
    'stijgt gelijk': 'afgevlakt',
    'daalt gelijk': 'afgevlakt',
    'gelijk stijgt': 'nieuw',
    'gelijk daalt': 'nieuw',
    'stijgt daalt': 'omgekeerd',
    'daalt stijgt': 'omgekeerd',
    'onbekend stijgt': 'onbekend',
    'daalt onbekend': 'onbekend',
    'onbekend onbekend': 'onbekend',
  } as const;
  for (const [paar, o] of Object.entries(verwacht)) {
    const [a, b] = paar.split(' ') as [Segment['richting'], Segment['richting']];
    assert.equal(oordeel(a, b), o, paar);
  }
});

test('the table words for every outcome', () => {
  assert.equal(oordeelKort('stijgt', 'stijgt'), 'stijging zet door');
  assert.equal(oordeelKort('daalt', 'daalt'), 'daling zet door');
  assert.equal(oordeelKort('gelijk', 'gelijk'), 'blijft gelijk');
  assert.equal(oordeelKort('stijgt', 'gelijk'), 'stijging vlakt af');
  assert.equal(oordeelKort('daalt', 'gelijk'), 'daling vlakt af');
  assert.equal(oordeelKort('gelijk', 'stijgt'), 'nieuwe stijging');
  assert.equal(oordeelKort('gelijk', 'daalt'), 'nieuwe daling');
  assert.equal(oordeelKort('stijgt', 'daalt'), 'stijging wordt daling');
  assert.equal(oordeelKort('daalt', 'stijgt'), 'daling wordt stijging');
  assert.equal(oordeelKort('onbekend', 'daalt'), 'niet te bepalen');
});

const zin = (eerder: Segment, nieuw: Segment, groep: 'rik' | 'kv' | 'totaal' = 'rik') =>
  verloopZin({ groep, eerder, nieuw, vorige: '6e meting', huidige: '7e meting', markering: '[^x]' });

test('the sentence when the newer cohorts continue the trend', () => {
  assert.deepEqual(zin(seg(400, 350), seg(340, 300, 2017, 2019)), {
    tekst:
      'Bij de re-integratiekandidaten daalde het aandeel in de 6e meting met 5 procentpunten (van 40% in cohort 2013 naar 35% in cohort 2016); ' +
      'in de 7e meting zet die daling door, met 4 procentpunten (van 34% in cohort 2017 naar 30% in cohort 2019).',
    onderdrukt: false,
  });
  assert.equal(
    zin(seg(200, 300), seg(310, 420, 2017, 2019), 'kv').tekst,
    'Bij de kortverblijvenden steeg het aandeel in de 6e meting met 10 procentpunten (van 20% in cohort 2013 naar 30% in cohort 2016); ' +
      'in de 7e meting zet die stijging door, met 11 procentpunten (van 31% in cohort 2017 naar 42% in cohort 2019).',
  );
  assert.equal(
    zin(seg(200, 210), seg(205, 200, 2017, 2019), 'totaal').tekst,
    'Over beide groepen samen bleef het aandeel in de 6e meting ongeveer gelijk (20% in cohort 2013, 21% in cohort 2016); ' +
      'ook in de 7e meting blijft het ongeveer gelijk (21% in cohort 2017, 20% in cohort 2019).',
  );
});

test('the sentence when a trend levels off, begins, or reverses', () => {
  assert.equal(
    zin(seg(400, 300), seg(300, 301, 2017, 2019)).tekst,
    'Bij de re-integratiekandidaten daalde het aandeel in de 6e meting met 10 procentpunten (van 40% in cohort 2013 naar 30% in cohort 2016); ' +
      'in de 7e meting komt die daling tot stilstand (30% in cohort 2017, 30% in cohort 2019).',
  );
  assert.equal(
    zin(seg(300, 300), seg(300, 401, 2017, 2019)).tekst,
    'Bij de re-integratiekandidaten bleef het aandeel in de 6e meting ongeveer gelijk (30% in cohort 2013, 30% in cohort 2016); ' +
      'in de 7e meting zet een stijging van 10 procentpunten in (van 30% in cohort 2017 naar 40% in cohort 2019).',
  );
  assert.equal(
    zin(seg(200, 300), seg(300, 200, 2017, 2019)).tekst,
    'Bij de re-integratiekandidaten steeg het aandeel in de 6e meting met 10 procentpunten (van 20% in cohort 2013 naar 30% in cohort 2016); ' +
      'in de 7e meting slaat die stijging om in een daling van 10 procentpunten (van 30% in cohort 2017 naar 20% in cohort 2019).',
  );
  assert.match(zin(seg(300, 200), seg(200, 300, 2017, 2019)).tekst, /slaat die daling om in een stijging van 10 procentpunten/);
  assert.match(zin(seg(300, 300), seg(300, 200, 2017, 2019)).tekst, /zet een daling van 10 procentpunten in/);
  assert.match(zin(seg(200, 300), seg(300, 300, 2017, 2019)).tekst, /komt die stijging tot stilstand/);
});

test('the sentence when a direction cannot be told, with the footnote marker only for suppression', () => {
  assert.deepEqual(zin(ONDERDRUKT, seg(300, 200, 2017, 2019)), {
    tekst:
      'Bij de re-integratiekandidaten is de ontwikkeling in de 6e meting niet te bepalen, omdat er minder dan twee cohorten met een gepubliceerd cijfer zijn[^x]; ' +
      'in de 7e meting daalt het aandeel met 10 procentpunten (van 30% in cohort 2017 naar 20% in cohort 2019).',
    onderdrukt: true,
  });
  assert.equal(
    zin(ONBEKEND, seg(300, 300, 2017, 2019)).tekst,
    'Bij de re-integratiekandidaten is de ontwikkeling in de 6e meting niet te bepalen, omdat er minder dan twee cohorten met een gepubliceerd cijfer zijn; ' +
      'in de 7e meting blijft het aandeel ongeveer gelijk (30% in cohort 2017, 30% in cohort 2019).',
  );
  assert.deepEqual(zin(seg(200, 300), ONBEKEND), {
    tekst:
      'Bij de re-integratiekandidaten steeg het aandeel in de 6e meting met 10 procentpunten (van 20% in cohort 2013 naar 30% in cohort 2016); ' +
      'of die ontwikkeling in de 7e meting doorzet, is niet te bepalen, omdat er minder dan twee cohorten met een gepubliceerd cijfer zijn.',
    onderdrukt: false,
  });
  assert.equal(zin(ONBEKEND, ONDERDRUKT).tekst, 'Bij de re-integratiekandidaten is de ontwikkeling in geen van beide metingen te bepalen, omdat er minder dan twee cohorten met een gepubliceerd cijfer zijn[^x].');
  assert.equal(zin(ONBEKEND, ONDERDRUKT).onderdrukt, true);
  assert.equal(zin(ONBEKEND, ONBEKEND).onderdrukt, false);
});

test('one procentpunt is singular', () => {
  assert.match(zin(seg(200, 300), seg(300, 310, 2017, 2019)).tekst, /komt die stijging tot stilstand/);
  assert.match(zin(ONBEKEND, seg(300, 340, 2017, 2019)).tekst, /stijgt het aandeel met 4 procentpunten/);
  // 29,6% -> 30,5% on large counts: significant, one point apart once rounded
  const groot = (t: number) => rij(t, 100000);
  const s = segment([{ cohort: 2017, rij: groot(29600) }, { cohort: 2019, rij: groot(30500) }]);
  assert.match(zin(ONBEKEND, s).tekst, /stijgt het aandeel met 1 procentpunt \(/);
});

test('the overview names the series by outcome in a fixed order, introducing its subject once', () => {
  assert.equal(
    overzichtZin(
      'rik',
      [
        { naam: 'c', oordeel: 'omgekeerd' },
        { naam: 'a', oordeel: 'doorgezet' },
        { naam: 'b', oordeel: 'doorgezet' },
        { naam: 'd', oordeel: 'afgevlakt' },
        { naam: 'e', oordeel: 'nieuw' },
        { naam: 'f', oordeel: 'onbekend' },
      ],
      '6e meting',
    ),
    'Bij de re-integratiekandidaten zet de ontwikkeling uit de 6e meting door bij a en b, komt die tot stilstand bij d, keert die om bij c, ' +
      'zet na een stabiele periode een stijging of daling in bij e en is die niet te bepalen bij f.',
  );
  assert.equal(
    overzichtZin('kv', [{ naam: 'e', oordeel: 'nieuw' }, { naam: 'c', oordeel: 'omgekeerd' }], '6e meting'),
    'Bij de kortverblijvenden keert de ontwikkeling uit de 6e meting om bij c en zet na een stabiele periode een stijging of daling in bij e.',
  );
  assert.equal(overzichtZin('totaal', [{ naam: 'f', oordeel: 'onbekend' }], '6e meting'), 'Over beide groepen samen is de ontwikkeling uit de 6e meting niet te bepalen bij f.');
  assert.throws(() => overzichtZin('rik', [], '6e meting'));
});

test('the English overview (the Summary) names the same outcomes in the same order', () => {
  const reeksen = [
    { oordeel: 'omgekeerd', naam: 'c' },
    { oordeel: 'doorgezet', naam: 'a' },
    { oordeel: 'doorgezet', naam: 'b' },
    { oordeel: 'afgevlakt', naam: 'd' },
    { oordeel: 'nieuw', naam: 'e', nieuw: 'stijgt' },
    { oordeel: 'nieuw', naam: 'g', nieuw: 'daalt' },
    { oordeel: 'onbekend', naam: 'f' },
  ] as const;
  assert.equal(
    overviewSentence('rik', reeksen.map((r) => ({ ...r, name: r.naam })), '6th measurement'),
    'Among re-integration candidates, the trend from the 6th measurement continues for a and b; it levels off for d; it reverses for c; ' +
      'after a stable period a rise begins for e; after a stable period a fall begins for g; and it cannot be determined for f.',
  );
  // The same series in the same order as the Dutch sentence.
  const namen = reeksen.map((r) => ({ ...r, naam: `reeks-${r.naam}`, name: `reeks-${r.naam}` }));
  const volgorde = (z: string) => [...z.matchAll(/reeks-[a-g]/g)].map((m) => m[0]);
  assert.deepEqual(volgorde(overviewSentence('rik', namen, '6th measurement')), volgorde(overzichtZin('rik', namen, '6e meting')));
  assert.equal(overviewSentence('kv', [{ name: 'e', oordeel: 'nieuw' }], '6th measurement'), 'Among short-stay detainees, after a stable period a rise or fall begins for e.');
  assert.throws(() => overviewSentence('rik', [], '6th measurement'));
});
