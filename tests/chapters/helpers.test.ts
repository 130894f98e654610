import { test } from 'node:test';
import assert from 'node:assert/strict';
import Handlebars from 'handlebars';
import { registerHelpers, type HoofdstukStaat } from '../../src/chapters/helpers.ts';
import { InputError } from '../../src/util/errors.ts';
import { fixtureResultaten } from './fixture.ts';

function vul(bron: string, r = fixtureResultaten()): { tekst: string; staat: HoofdstukStaat } {
  const hb = Handlebars.create();
  const staat: HoofdstukStaat = { onderdrukt: false, samengevoegd: false };
  registerHelpers(hb, r, staat, 'test.md.hbs');
  return { tekst: hb.compile(bron, { strict: true, noEscape: true })({ lijstje: ['a', 'b', 'c'] }), staat };
}

test('kies picks the text for a value, or anders', () => {
  assert.equal(vul('{{kies "stijgt" stijgt="meer" daalt="minder"}}').tekst, 'meer');
  assert.equal(vul('{{kies "gelijk" stijgt="meer" anders="evenveel"}}').tekst, 'evenveel');
  assert.throws(() => vul('{{kies "gelijk" stijgt="meer"}}'), InputError);
});

test('beide says one word when two findings agree, and "respectievelijk" when they do not', () => {
  assert.equal(vul('{{beide "kleiner" "kleiner" kleiner="minder" groter="meer"}}').tekst, 'minder');
  assert.equal(vul('{{beide "kleiner" "groter" kleiner="minder" groter="meer"}}').tekst, 'respectievelijk minder en meer');
});

test('a change with a suppressed side is not compared and gets the footnote', () => {
  const { tekst, staat } = vul('{{verandering (ind "problemen_5" "totaal" "kv" "1m_na") (ind "problemen_5" "totaal" "rik" "1m_na")}}');
  assert.equal(tekst, 'is niet te vergelijken[^onderdrukt]');
  assert.equal(staat.onderdrukt, true);
  assert.equal(vul('{{richting (ind "problemen_5" "totaal" "kv" "1m_na") (ind "problemen_5" "totaal" "rik" "1m_na")}}').tekst, 'onbekend');
});

test('fractions, intervals and lists are printed from rows and arrays', () => {
  assert.match(vul('{{breuk (ind "werk" "totaal" "rik" "1m_na")}}').tekst, /^(ruim |bijna )?(een|de|twee|drie|vier|negen) |^\d+%$/);
  assert.match(vul('{{bi (ind "werk" "totaal" "rik" "1m_na")}}').tekst, /^\d+–\d+%$/);
  assert.equal(vul('{{lijst lijstje}}').tekst, 'a, b en c');
});

test('a model term that is not in the model prints a dash with the merge footnote', () => {
  const { tekst, staat } = vul('{{hr "cox_basis" "huisvesting:onbestaand"}}');
  assert.equal(tekst, '–[^samengevoegd]');
  assert.equal(staat.samengevoegd, true);
  assert.equal(vul('{{hr "cox_basis" "id:ongeldig"}}').tekst.includes(','), true);
});

test('a helper used on a model that was not estimated names the template line', () => {
  assert.throws(
    () => vul('\n\n{{hr "cox_landmark_6m" "zelfde_baan:ja"}}'),
    (e: unknown) => e instanceof InputError && /^test\.md\.hbs:3: model 'cox_landmark_6m' is niet geschat/.test(e.messages[0]!),
  );
});
