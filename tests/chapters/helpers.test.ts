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

test('a helper called wrongly says so at the template line, in the words of the catalogue', () => {
  const fout = (bron: string): string => {
    try {
      vul(bron);
    } catch (e) {
      if (e instanceof InputError) return e.messages.join('\n');
      throw e;
    }
    throw new Error(`expected an InputError from ${bron}`);
  };
  const at = (tekst: string) => `test.md.hbs:1: ${tekst}`;
  assert.equal(fout('{{pct 3}}'), at(`'pct' verwacht een indicatorrij, bijvoorbeeld (ind "werk" "totaal" "rik" "1m_na")`));
  assert.equal(fout('{{pct (ind "xx" "totaal" "rik" "1m_na")}}'), at("indicator 'xx' bestaat niet voor cohort totaal, groep rik, moment 1m_na"));
  assert.equal(fout('{{aantal "x"}}'), at("'aantal' verwacht een getal, kreeg x"));
  assert.equal(fout('{{beide "a" "b" a="x"}}'), at(`'beide' heeft geen tekst voor 'b' (en geen anders="...")`));
  assert.equal(fout('{{telwoord "x"}}'), at("'telwoord' verwacht een getal"));
  assert.equal(fout('{{lijst 3}}'), at("'lijst' verwacht een lijst"));
  assert.equal(fout('{{reekstabel id="t" titel="T" reeksen="werk"}}'), at("reeks 'werk' moet indicator@moment zijn"));
  assert.equal(fout('{{kmtabel id="t" titel="T" maanden="a"}}'), at(`'kmtabel' verwacht maanden="6 12 24"`));
  assert.equal(fout('{{momententabel id="t" groep="rik" indicatoren="werk"}}'), at('ontbrekend argument titel="..."'));
  assert.match(fout('{{bestandtabel id="t" titel="T" bestand="x.csv"}}'), /^test\.md\.hbs:1: 'bestandtabel': onbekend bestand 'x\.csv' \(verwacht: .*indicatoren\.csv/);
  assert.match(fout('{{bestandtabel id="t" titel="T" bestand="indicatoren.csv" lijst="x"}}'), /^test\.md\.hbs:1: 'bestandtabel': indicatoren\.csv heeft geen codelijst 'x' \(verwacht: /);
  assert.equal(fout('{{hr "geen_model" "a"}}'), at("model 'geen_model' is niet geschat"));
  assert.equal(fout('{{modeltabel id="t" titel="T" model="geen_model"}}'), at("model 'geen_model' is niet geschat; zet de tabel binnen {{#if modellen.geen_model.geschat}}"));
  assert.equal(fout('{{phtabel id="t" titel="T" model="geen_model"}}'), at("'phtabel': model 'geen_model' is geen geschat Cox-model; zet dit binnen {{#if modellen.geen_model.geschat}}"));
  assert.equal(fout('{{phzin "geen_model" "a" tabel="t"}}'), at("'phzin': model 'geen_model' is geen geschat Cox-model"));
  assert.equal(fout('{{phzin "cox_basis" "geen_kenmerk" tabel="t"}}'), at("'phzin': geen_kenmerk is geen kenmerk van cox_basis"));
  assert.equal(fout('{{kmpct "a" "b" "c" "d" 1}}'), at('geen Kaplan–Meierpunt a/b/c/d/1'));
});
