/**
 * Citations and the Literatuur list (src/chapters/literatuur.ts): pandoc's syntax resolved to
 * APA with Dutch words, unknown keys at the template's line, works nobody cites as warnings, and
 * the reviewers' Markdown without any citation syntax left.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { citeer, combineer, leesLiteratuur, zoekCitaten, type Literatuur, type Werk } from '../../src/chapters/literatuur.ts';
import { vulHoofdstukken } from '../../src/chapters/render.ts';
import { figuren } from '../../src/charts/catalogue.ts';
import { Sjablonen } from '../../src/edition/templates.ts';
import type { DocumentRegister } from '../../src/html/context.ts';
import { InputError } from '../../src/util/errors.ts';
import { fixtureResultaten } from './fixture.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

function literatuur(werken: Werk[], bestand = 'test.json'): Literatuur {
  return { bestand, werken, plaats: new Map(werken.map((w, i) => [w.id, { file: bestand, line: i + 1 }])) };
}

const KAPLAN: Werk = {
  id: 'kaplan1958',
  type: 'article-journal',
  author: [{ family: 'Kaplan', given: 'E. L.' }, { family: 'Meier', given: 'Paul' }],
  title: 'Nonparametric estimation from incomplete observations',
  'container-title': 'Journal of the American Statistical Association',
  volume: '53',
  issue: '282',
  page: '457-481',
  issued: { 'date-parts': [[1958]] },
};
const COX: Werk = { id: 'cox1972', type: 'article-journal', author: [{ family: 'Cox', given: 'D. R.' }], title: 'Regression models and life-tables', 'container-title': 'Journal of the Royal Statistical Society: Series B (Methodological)', volume: '34', issue: '2', page: '187-220', issued: { 'date-parts': [[1972]] } };
// Test data only (not cited anywhere in the monitor): a chapter in an edited book and an undated web page.
const HOOFDSTUK: Werk = { id: 'jansen2020', type: 'chapter', author: [{ family: 'Jansen', given: 'A.' }], editor: [{ family: 'Pietersen', given: 'B.' }], title: 'Een hoofdstuk', 'container-title': 'Een bundel', publisher: 'Uitgeverij', page: '10-20', issued: { 'date-parts': [[2020]] } };
const WEBPAGINA: Werk = { id: 'site', type: 'webpage', author: [{ literal: 'Voorbeeldinstituut' }], title: 'Een pagina', URL: 'https://example.org/pagina', accessed: { 'date-parts': [[2024, 3, 1]] } };

const een = (markdown: string, l: Literatuur) => citeer([{ markdown, bronnen: [{ name: 'sjabloon.md.hbs', text: markdown }] }], l);

test('a citation reads as APA with Dutch words: "&" in parentheses, "en" in the running text, the year alone, a page', () => {
  const l = literatuur([KAPLAN, COX]);
  const uit = een('A [@kaplan1958]. B [@kaplan1958, p. 460]. C [@kaplan1958; @cox1972]. D @kaplan1958 schatten. E [-@cox1972].', l).markdown[0];
  assert.equal(uit, 'A (Kaplan & Meier, 1958). B (Kaplan & Meier, 1958, p. 460). C (Cox, 1972; Kaplan & Meier, 1958). D Kaplan en Meier (1958) schatten. E (1972).');
});

test('the Literatuur lists the cited works only, sorted as APA sorts them, in Markdown with italics', () => {
  const g = een('[@kaplan1958] en [@cox1972]', literatuur([KAPLAN, COX, HOOFDSTUK]));
  assert.deepEqual(g.lijst, [
    'Cox, D. R. (1972). Regression models and life-tables. *Journal of the Royal Statistical Society: Series B (Methodological)*, *34*(2), 187–220.',
    'Kaplan, E. L., & Meier, P. (1958). Nonparametric estimation from incomplete observations. *Journal of the American Statistical Association*, *53*(282), 457–481.',
  ]);
  assert.deepEqual(g.ongebruikt, ['jansen2020']);
});

test('the Dutch locale supplies the words of the reference list: "In", "(Red.)", "geraadpleegd"', () => {
  const g = een('[@jansen2020; @site]', literatuur([HOOFDSTUK, WEBPAGINA]));
  assert.match(g.lijst[0]!, /^Jansen, A\. \(2020\)\. Een hoofdstuk\. In B\. Pietersen \(Red\.\), \*Een bundel\* \(pp\. 10–20\)\. Uitgeverij\.$/);
  assert.match(g.lijst[1]!, /^Voorbeeldinstituut\. \(z\.d\.\)\. \*Een pagina\*\. Geraadpleegd 1 maart 2024, van <https:\/\/example\.org\/pagina>$/);
});

test('with a cache folder citeproc runs once per set of works and citations: the same text after, read from the cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'citaten-'));
  try {
    const tekst = 'A [@kaplan1958]. D @kaplan1958 schatten. [@cox1972]';
    const l = literatuur([KAPLAN, COX]);
    const zonder = citeer([{ markdown: tekst, bronnen: [{ name: 's.md.hbs', text: tekst }] }], l);
    const met = () => citeer([{ markdown: tekst, bronnen: [{ name: 's.md.hbs', text: tekst }] }], l, dir);
    assert.deepEqual(met(), zonder, 'the first run, with the cache, gives what a run without gives');
    const [bestand, ...meer] = readdirSync(dir);
    assert.equal(meer.length, 0, 'one entry for the run');
    assert.deepEqual(met(), zonder, 'taken from the cache: the same');
    // The cache is what the second run read: an entry changed by hand shows in its text.
    const pad = join(dir, bestand!);
    writeFileSync(pad, readFileSync(pad, 'utf8').replace('Kaplan &#38; Meier, 1958', 'Uit de cache, 1958'));
    assert.equal(met().markdown[0], 'A (Uit de cache, 1958). D Kaplan en Meier (1958) schatten. (Cox, 1972)');
    // An unreadable entry is run again, and other works or other citations are another entry.
    writeFileSync(pad, '{niet af');
    assert.deepEqual(met(), zonder);
    const anders = citeer([{ markdown: tekst, bronnen: [{ name: 's.md.hbs', text: tekst }] }], literatuur([KAPLAN, { ...COX, title: 'Een andere titel' }]), dir);
    assert.match(anders.lijst[0]!, /Een andere titel/);
    citeer([{ markdown: '[@cox1972]', bronnen: [{ name: 's.md.hbs', text: '[@cox1972]' }] }], l, dir);
    assert.equal(readdirSync(dir).length, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cross-references, footnotes, link texts, e-mail addresses and code are no citations', () => {
  const md = 'Zie [@fig:werk], [@Tab:a; @sec:b] en noot[^1]. Mail naar info@wodc.nl. `[@cox1972]` en [tekst @x](https://example.org).\n\n```\n@cox1972\n```\n';
  assert.deepEqual(zoekCitaten(md).citaten, []);
});

test('an unknown key is an error that names the template and the line where the citation stands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'citaat-test-'));
  try {
    cpSync(join(ROOT, 'templates'), dir, { recursive: true });
    const pad = join(dir, 'monitor', '40-methoden.md.hbs');
    const regels = readFileSync(pad, 'utf8').split('\n');
    regels.splice(2, 0, 'Zoals eerder beschreven [@cox1972; @onbekend2020, p. 3].');
    writeFileSync(pad, regels.join('\n'));
    const r = fixtureResultaten();
    assert.throws(
      () => vulHoofdstukken(new Sjablonen(dir), r, figuren(r), { root: dir }),
      (e: unknown) => {
        assert.ok(e instanceof InputError, String(e));
        assert.deepEqual(e.messages, [`monitor/40-methoden.md.hbs:3: citaat [@cox1972; @onbekend2020, p. 3]: bron 'onbekend2020' staat niet in literatuur.json`]);
        assert.match(e.hint ?? '', /\[@sleutel, p\. 12\]/);
        return true;
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a work that no chapter cites is a warning naming its file and line', () => {
  const r = fixtureResultaten();
  const eigen = literatuur([{ id: 'ongeciteerd2000', type: 'book', title: 'Niemand citeert dit', issued: { 'date-parts': [[2000]] } }], 'editions/x/literatuur.json');
  const meldingen: string[] = [];
  vulHoofdstukken(new Sjablonen(join(ROOT, 'templates')), r, figuren(r), { literatuur: eigen, waarschuw: (w) => meldingen.push(w) });
  assert.deepEqual(meldingen, ["editions/x/literatuur.json:1: bron 'ongeciteerd2000' wordt nergens geciteerd en staat dus niet in de Literatuur"]);
});

test('a key has one home: the same key in the shared and the edition file is an error naming both', () => {
  const gedeeld = leesLiteratuur(join(ROOT, 'templates', 'literatuur.json'), 'templates/literatuur.json');
  assert.throws(
    () => combineer(gedeeld, literatuur([KAPLAN], 'editions/x/literatuur.json')),
    (e: unknown) => e instanceof InputError && /^editions\/x\/literatuur\.json:1: de sleutel 'kaplan1958' bestaat al \(templates\/literatuur\.json:\d+\)/.test(e.messages[0]!),
  );
});

test('a literatuur.json with a bad key or a missing type says where', () => {
  const dir = mkdtempSync(join(tmpdir(), 'literatuur-test-'));
  try {
    const pad = join(dir, 'literatuur.json');
    writeFileSync(pad, '[\n  { "id": "goed2000", "type": "book" },\n  { "id": "fout 2000" }\n]\n');
    assert.throws(
      () => leesLiteratuur(pad, 'literatuur.json'),
      (e: unknown) => e instanceof InputError && e.messages.some((m) => m.startsWith('literatuur.json:3')) && e.messages.some((m) => /type/.test(m)),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the reviewers\' Markdown of both editions\' templates has every citation resolved and the Literatuur filled', async () => {
  const { monitorHtml } = await import('../../src/pipeline/monitor.ts');
  const { reviewMarkdown } = await import('../../src/review/markdown.ts');
  const r = fixtureResultaten();
  const hoofdstukken = vulHoofdstukken(new Sjablonen(join(ROOT, 'templates'), join(ROOT, 'editions', '6e-meting', 'templates')), r, figuren(r));
  let register: DocumentRegister | undefined;
  monitorHtml('/fixture', r, hoofdstukken, 'x', { readAsset: () => '<svg xmlns="http://www.w3.org/2000/svg"/>', onRegister: (reg) => (register = reg) });
  const leesbaar = reviewMarkdown(hoofdstukken.map((h) => ({ path: `monitor/${h.bestand}`, markdown: h.markdown })), register!);
  for (const [i, md] of leesbaar.entries()) assert.doesNotMatch(md, /\[-?@(?!fig:|tab:|sec:)|(?<![\p{L}\p{N}])@[a-z]+\d{4}/u, hoofdstukken[i]!.bestand);
  const methoden = leesbaar[hoofdstukken.findIndex((h) => h.bestand.endsWith('-methoden.md'))]!;
  assert.match(methoden, /methode van Kaplan en Meier \(1958\)/);
  const lijst = leesbaar[hoofdstukken.findIndex((h) => h.bestand.endsWith('-literatuur.md'))]!;
  assert.match(lijst, /^# Literatuur\n/);
  assert.ok(lijst.indexOf('Cox, D. R.') < lijst.indexOf('Kaplan, E. L.'), lijst);
});
