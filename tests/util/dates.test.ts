/** The one module for dates: the ISO form, the calendar check and the Dutch form. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { datumTekst, ISO_DATE, isIsoDate, MAANDEN } from '../../src/util/dates.ts';
import { InternalError } from '../../src/util/errors.ts';

test('ISO_DATE is the shape JJJJ-MM-DD only', () => {
  assert.ok(ISO_DATE.test('2019-06-30'));
  assert.ok(ISO_DATE.test('2019-02-30'), 'the shape says nothing about the calendar');
  for (const s of ['2019-6-30', '30-06-2019', ' 2019-06-30', '2019-06-30T00:00', '2019/06/30']) assert.ok(!ISO_DATE.test(s), s);
});

test('isIsoDate also wants a day that exists', () => {
  assert.ok(isIsoDate('2016-02-29'));
  assert.ok(!isIsoDate('2015-02-29'));
  assert.ok(!isIsoDate('2019-13-01'));
  assert.ok(!isIsoDate('2015-2-28'));
  assert.ok(!isIsoDate('28-02-2015'));
});

test('datumTekst writes a date the Dutch way', () => {
  assert.equal(MAANDEN.length, 12);
  assert.equal(datumTekst('2019-06-30'), '30 juni 2019');
  assert.equal(datumTekst('2021-03-08'), '8 maart 2021');
  assert.equal(datumTekst('2016-12-31'), '31 december 2016');
  assert.throws(() => datumTekst('30-06-2019'), InternalError);
});
