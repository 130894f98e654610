/**
 * The English wording helpers of the Summary, held to the same cases as the Dutch ones
 * (wording.test.ts), and to the same decisions: for every whole percent and for changes on
 * either side of the thresholds, the English words say what the Dutch words say.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { breuk, veranderingTekst } from '../../src/text/wording.ts';
import { capitalise, changeText, changeWord, fraction, intervalNumber, list, numberWord, ordinal } from '../../src/text/wording-en.ts';
import { decimalNumber, wholeNumber } from '../../src/text/format.ts';

test('a proportion close to a common fraction is named by it', () => {
  assert.equal(fraction(2, 3), 'two thirds');
  assert.equal(fraction(25, 100), 'a quarter');
  assert.equal(fraction(50, 100), 'half');
  assert.equal(fraction(66, 100), 'two thirds');
});

test('a proportion a little above or below a fraction is "just over" or "almost" that fraction', () => {
  assert.equal(fraction(28, 100), 'just over a quarter');
  assert.equal(fraction(47, 100), 'almost half');
  assert.equal(fraction(53, 100), 'just over half');
  assert.equal(fraction(63, 100), 'almost two thirds');
});

test('fractions follow the printed whole percent, not the raw ratio', () => {
  assert.equal(fraction(246, 1000), 'a quarter');
});

test('very small and very large proportions fall back to the percentage', () => {
  assert.equal(fraction(5, 100), '5%');
  assert.equal(fraction(95, 100), '95%');
});

test('between a third and a half, the nearer one is qualified', () => {
  assert.equal(fraction(38, 100), 'just over a third');
  assert.equal(fraction(45, 100), 'almost half');
});

/** The Dutch fraction words and their English counterparts. */
const VERTALING: Record<string, string> = {
  'een tiende': 'a tenth',
  'een vijfde': 'a fifth',
  'een kwart': 'a quarter',
  'een derde': 'a third',
  'de helft': 'half',
  'twee derde': 'two thirds',
  'drie kwart': 'three quarters',
  'vier vijfde': 'four fifths',
  'negen tiende': 'nine tenths',
};

test('for every whole percent the English fraction is the Dutch one, with the same qualifier', () => {
  for (let pct = 0; pct <= 100; pct++) {
    const nl = breuk(pct, 100);
    const en = fraction(pct, 100);
    if (nl.endsWith('%')) {
      assert.equal(en, nl, `${pct}%`);
      continue;
    }
    const m = /^(ruim |bijna )?(.+)$/.exec(nl)!;
    const qualifier = m[1] === 'ruim ' ? 'just over ' : m[1] === 'bijna ' ? 'almost ' : '';
    assert.equal(en, `${qualifier}${VERTALING[m[2]!]}`, `${pct}%: ${nl}`);
  }
});

test('a change is worded with its size in percentage points, in present or past tense', () => {
  assert.equal(changeText({ teller: 250, noemer: 1000 }, { teller: 350, noemer: 1000 }), 'rises by 10 percentage points');
  assert.equal(changeText({ teller: 350, noemer: 1000 }, { teller: 250, noemer: 1000 }, 'vt'), 'fell by 10 percentage points');
  assert.equal(changeText({ teller: 25, noemer: 100 }, { teller: 26, noemer: 100 }, 'vt'), 'remained level');
  assert.equal(changeWord('stijgt', 'zn'), 'a rise');
  assert.equal(changeWord('daalt', 'zn'), 'a fall');
});

test('one percentage point is singular', () => {
  assert.equal(changeText({ teller: 20000, noemer: 100000 }, { teller: 21000, noemer: 100000 }), 'rises by 1 percentage point');
});

test('a rise, a fall or no change in English exactly where the Dutch says so, with the same size', () => {
  const woord = { stijgt: 'rises', daalt: 'falls', blijft: 'remains' } as const;
  // From 30% on 400 people to every share on 400, 4,000 and 40 people: both sides of every threshold.
  for (const noemer of [40, 400, 4000])
    for (let teller = 0; teller <= noemer; teller += noemer / 40) {
      const a = { teller: 120, noemer: 400 };
      const b = { teller, noemer };
      const nl = veranderingTekst(a, b);
      const en = changeText(a, b);
      const [werkwoord, ...rest] = nl.split(' ');
      assert.ok(en.startsWith(woord[werkwoord as keyof typeof woord]), `${teller}/${noemer}: ${nl} / ${en}`);
      assert.equal(en.match(/\d+/)?.[0], rest.join(' ').match(/\d+/)?.[0], `${teller}/${noemer}: ${nl} / ${en}`);
    }
});

test('numbers are written the English way: thousands comma, decimal point', () => {
  assert.equal(wholeNumber(12954), '12,954');
  assert.equal(wholeNumber(128000), '128,000');
  assert.equal(wholeNumber(-1234), '−1,234');
  assert.equal(decimalNumber(34.45, 1), '34.5');
  assert.equal(decimalNumber(1234.5, 1), '1,234.5');
  assert.equal(intervalNumber(1.07, 1.333), '1.07–1.33');
});

test('lists are joined the British way, without a serial comma', () => {
  assert.equal(list([]), '');
  assert.equal(list(['a']), 'a');
  assert.equal(list(['a', 'b']), 'a and b');
  assert.equal(list(['2013', '2014', '2015']), '2013, 2014 and 2015');
  assert.equal(list(['a', 'b'], 'or'), 'a or b');
});

test('small numbers are written as words, ordinals in digits, capitals only where asked', () => {
  assert.equal(numberWord(4), 'four');
  assert.equal(numberWord(14), '14');
  assert.equal(capitalise('two thirds'), 'Two thirds');
  assert.deepEqual([1, 2, 3, 4, 6, 7, 11, 12, 13, 21, 22, 101].map(ordinal), ['1st', '2nd', '3rd', '4th', '6th', '7th', '11th', '12th', '13th', '21st', '22nd', '101st']);
});
