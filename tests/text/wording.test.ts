import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  breuk,
  hoofdletter,
  intervalProcent,
  lijst,
  ratioRichting,
  telwoord,
  verandering,
  veranderingTekst,
  veranderingWoord,
} from '../../src/text/wording.ts';

test('a proportion close to a common fraction is named by it', () => {
  assert.equal(breuk(2, 3), 'twee derde');
  assert.equal(breuk(25, 100), 'een kwart');
  assert.equal(breuk(50, 100), 'de helft');
  assert.equal(breuk(66, 100), 'twee derde');
});

test('a proportion a little above or below a fraction is "ruim" or "bijna" that fraction', () => {
  assert.equal(breuk(28, 100), 'ruim een kwart');
  assert.equal(breuk(47, 100), 'bijna de helft');
  assert.equal(breuk(53, 100), 'ruim de helft');
  assert.equal(breuk(63, 100), 'bijna twee derde');
});

test('fractions follow the printed whole percent, not the raw ratio', () => {
  // 24.6% prints as 25%: "een kwart", not "bijna een kwart".
  assert.equal(breuk(246, 1000), 'een kwart');
});

test('very small and very large proportions fall back to the percentage', () => {
  assert.equal(breuk(5, 100), '5%');
  assert.equal(breuk(95, 100), '95%');
});

test('a change is a rise or fall only when its 95% interval excludes zero', () => {
  assert.equal(verandering({ teller: 250, noemer: 1000 }, { teller: 350, noemer: 1000 }).richting, 'stijgt');
  assert.equal(verandering({ teller: 350, noemer: 1000 }, { teller: 250, noemer: 1000 }).richting, 'daalt');
  // 25% -> 28% on 100 each: well within sampling error.
  assert.equal(verandering({ teller: 25, noemer: 100 }, { teller: 28, noemer: 100 }).richting, 'gelijk');
});

test('a significant change that does not show in the rounded percentages stays level', () => {
  const v = verandering({ teller: 2500000, noemer: 10000000 }, { teller: 2504000, noemer: 10000000 });
  assert.equal(v.richting, 'gelijk');
});

test('a change is worded with its size in percentage points, in present or past tense', () => {
  assert.equal(veranderingTekst({ teller: 250, noemer: 1000 }, { teller: 350, noemer: 1000 }), 'stijgt met 10 procentpunten');
  assert.equal(veranderingTekst({ teller: 350, noemer: 1000 }, { teller: 250, noemer: 1000 }, 'vt'), 'daalde met 10 procentpunten');
  assert.equal(veranderingTekst({ teller: 25, noemer: 100 }, { teller: 26, noemer: 100 }, 'vt'), 'bleef gelijk');
  assert.equal(veranderingWoord('stijgt', 'zn'), 'een stijging');
});

test('one percentage point is singular', () => {
  assert.equal(veranderingTekst({ teller: 20000, noemer: 100000 }, { teller: 21000, noemer: 100000 }), 'stijgt met 1 procentpunt');
});

test('a 95% interval of a proportion is printed in whole percents with an en dash', () => {
  assert.equal(intervalProcent(360, 1000), '33–39%');
});

test('lists are joined the Dutch way', () => {
  assert.equal(lijst([]), '');
  assert.equal(lijst(['a']), 'a');
  assert.equal(lijst(['a', 'b']), 'a en b');
  assert.equal(lijst(['2013', '2014', '2015']), '2013, 2014 en 2015');
  assert.equal(lijst(['a', 'b'], 'of'), 'a of b');
});

test('small numbers are written as words, capitals only where asked', () => {
  assert.equal(telwoord(4), 'vier');
  assert.equal(telwoord(14), '14');
  assert.equal(hoofdletter('twee derde'), 'Twee derde');
});

test('a ratio is larger or smaller only when its interval excludes one', () => {
  assert.equal(ratioRichting(1.07, 1.33), 'groter');
  assert.equal(ratioRichting(0.6, 0.9), 'kleiner');
  assert.equal(ratioRichting(0.9, 1.1), 'gelijk');
});

test('between a third and a half, the nearer one is qualified', () => {
  assert.equal(breuk(38, 100), 'ruim een derde');
  assert.equal(breuk(45, 100), 'bijna de helft');
});
