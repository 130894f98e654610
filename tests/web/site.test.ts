/**
 * The web edition from a small fixture document, without a browser: pages and their names,
 * links across pages, the numbers table under a chart, table scopes, the notice on synthetic
 * data, and the strict shell.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderDocument, type DocumentInput } from '../../src/html/document.ts';
import { renderWebEdition, type WebDocument } from '../../src/web/site.ts';
import { celTekst, figuurCijfers } from '../../src/web/figuurtabel.ts';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><rect width="40" height="20"/></svg>';
const SPEC = {
  data: { values: [
    { reeks: 'a', x: '1 mnd na', volgorde: 0, aandeel: 0.144 },
    { reeks: 'b', x: '1 mnd na', volgorde: 1, aandeel: null },
  ] },
  mark: 'line',
  encoding: {
    x: { field: 'x', type: 'ordinal', title: 'Meetmoment' },
    y: { field: 'aandeel', type: 'quantitative', title: 'Aandeel', axis: { format: '.0%' } },
    color: { field: 'reeks', type: 'nominal', title: null },
    order: { field: 'volgorde' },
  },
};

function verwerk(input: DocumentInput): WebDocument {
  let doc: WebDocument | undefined;
  renderDocument(input, { readAsset: () => SVG, onChapters: (chapters, register) => (doc = { input, chapters, register }) });
  return doc!;
}

function fixture(bron = 'synthetisch') {
  const monitor = verwerk({
    title: 'Monitor nazorg ex-gedetineerden',
    lang: 'nl',
    kind: 'monitor',
    chapters: [
      { file: '/x/monitor/01-inleiding.md', markdown: '# Inleiding\n\n## Achtergrond\n\nZie [@fig:werk] en [@tab:kenmerken].[^1]\n\n[^1]: Een noot.\n' },
      {
        file: '/x/monitor/02-werk.md',
        markdown: '# Werk\n\n![Lijn van het aandeel met werk](../figuren/werk.svg "Werk per meetmoment {#fig:werk}")\n\nTabel: Kenmerken {#tab:kenmerken}\n\n| groep | 2013 |\n|---|--:|\n| kortverblijvenden | 12 |\n',
      },
    ],
    meta: { date: '2021-03-08', authors: ['WODC'], subtitle: '6e meting', publisher: 'WODC', colophon: { edition: '6e meting', bron, peildatum: '2020-12-31', buildId: 'abc123' } },
  });
  const brief = verwerk({
    title: 'Kamerbrief bij de 6e monitor',
    lang: 'nl',
    kind: 'kamerbrief',
    chapters: [{ file: '/x/kamerbrief/kamerbrief.md', markdown: '# Kamerbrief\n\n## 1. Inleiding\n\nTekst.\n' }],
    meta: {
      date: '2021-03-08',
      authors: ['S. Dekker'],
      letter: { datum: '2021-03-08', dossier: { nummer: '24 587', titel: 'Justitiële Inrichtingen' }, nr: 796, briefhoofd: 'BRIEF VAN DE MINISTER', geadresseerde: 'Aan de Voorzitter', plaats: 'Den Haag', ondertekenaar: { functie: 'De Minister', naam: 'S. Dekker' } } as never,
    },
  });
  return renderWebEdition({ monitor, brief, specs: new Map([['werk', SPEC]]), pdf: { monitor: 'm.pdf', brief: 'b.pdf' } });
}

const tekst = (b: string | Uint8Array | undefined) => (typeof b === 'string' ? b : assert.fail('expected a text file'));

test('a page per chapter named as its Markdown, plus contents, letter, colophon, style sheet and fonts', () => {
  const site = fixture();
  for (const naam of ['index.html', '01-inleiding.html', '02-werk.html', 'kamerbrief.html', 'colofon.html', 'web.css', 'fonts.css']) assert.ok(site[naam], naam);
  const fonts = Object.keys(site).filter((n) => n.startsWith('fonts/'));
  assert.ok(fonts.length > 0 && fonts.every((n) => n.endsWith('.woff2')));
  for (const f of fonts) assert.match(tekst(site['fonts.css']), new RegExp(`url\\(${f.replace('.', '\\.')}\\)`));
  assert.doesNotMatch(tekst(site['fonts.css']), /node_modules|https?:/);
});

test('a reference to a figure or table on another page links to that page', () => {
  const html = tekst(fixture()['01-inleiding.html']);
  assert.match(html, /<a href="02-werk\.html#fig-werk">2\.1<\/a>/);
  assert.match(html, /<a href="02-werk\.html#tab-kenmerken">2\.1<\/a>/);
  // The footnote is on the same page and stays a fragment.
  assert.match(html, /href="#h1-fn-1"/);
});

test('under the chart its numbers open as a table with caption and header cells; a missing value is a dash', () => {
  const html = tekst(fixture()['02-werk.html']);
  const details = /<details class="cijfers">[\s\S]*?<\/details>/.exec(html)?.[0] ?? assert.fail('no details');
  assert.match(details, /<summary>Cijfers bij figuur 2\.1 \(tabel\)<\/summary>/);
  assert.match(details, /<caption>Cijfers bij figuur 2\.1: Werk per meetmoment<\/caption>/);
  assert.match(details, /<th scope="col" data-veld="x">Meetmoment<\/th>/);
  assert.match(details, /<th scope="row">a<\/th><td>1 mnd na<\/td><td class="getal">14,4%<\/td>/);
  assert.match(details, /<td class="getal">–<\/td>/);
  assert.doesNotMatch(details, /volgorde/);
  assert.match(html, /role="img" aria-label="Lijn van het aandeel met werk"/);
});

test('a chapter table gets scopes, a row header and a named scroll box', () => {
  const html = tekst(fixture()['02-werk.html']);
  assert.match(html, /<div class="tabelvak" role="region" aria-label="Tabel 2\.1 Kenmerken" tabindex="0"><table id="tab-kenmerken">/);
  assert.match(html, /<th scope="col">groep<\/th>/);
  assert.match(html, /<th scope="row">kortverblijvenden<\/th>/);
});

test('each page: Dutch, its own title, landmarks, one h1, previous/next, the PDFs relative', () => {
  const site = fixture();
  const titels = new Set<string>();
  for (const naam of ['index.html', '01-inleiding.html', '02-werk.html', 'kamerbrief.html', 'colofon.html']) {
    const html = tekst(site[naam]);
    assert.match(html, /<html lang="nl">/);
    const titel = /<title>([^<]+)<\/title>/.exec(html)![1]!;
    assert.ok(!titels.has(titel), `${naam}: title '${titel}' is not unique`);
    titels.add(titel);
    for (const tag of ['header', 'main', 'footer']) assert.equal(html.match(new RegExp(`<${tag}[ >]`, 'g'))?.length, 1, `${naam}: one <${tag}>`);
    assert.equal(html.match(/<h1[ >]/g)?.length, 1, `${naam}: one h1`);
    assert.match(html, /<a class="naar-tekst" href="#hoofdtekst">/);
    assert.match(html, /href="\.\.\/pdf\/m\.pdf"/);
  }
  assert.match(tekst(site['01-inleiding.html']), /<a href="index\.html" rel="prev">[\s\S]*<a href="02-werk\.html" rel="next">/);
  assert.match(tekst(site['01-inleiding.html']), /<title>1 Inleiding – Monitor nazorg ex-gedetineerden, 6e meting<\/title>/);
});

test('the notice on synthetic data is on every page when the data are synthetic, and on none otherwise', () => {
  const synthetisch = fixture('synthetisch');
  const echt = fixture('CBS, microdata');
  for (const naam of ['index.html', '02-werk.html', 'kamerbrief.html']) {
    assert.match(tekst(synthetisch[naam]), /class="melding"/, naam);
    assert.doesNotMatch(tekst(echt[naam]), /synthetisch/i, naam);
  }
  assert.match(tekst(synthetisch['colofon.html']), /class="synthetisch-colofon"/);
  assert.doesNotMatch(tekst(synthetisch['colofon.html']), /class="melding"/, 'the colophon has its own notice');
  assert.match(tekst(echt['colofon.html']), /<dt>Gegevensbron<\/dt><dd>CBS, microdata<\/dd>/);
});

test('the same input gives the same bytes', () => {
  const a = fixture();
  const b = fixture();
  assert.deepEqual(Object.keys(a), Object.keys(b));
  for (const k of Object.keys(a)) assert.ok(Buffer.from(a[k]!).equals(Buffer.from(b[k]!)), k);
});

test('interval bounds, untitled fields and the scale in an axis title get headers of their own', () => {
  const c = figuurCijfers({
    data: { values: [{ term: 'Cohort: 2014', ratio: 1.18133, laag: 1.04803, hoog: 1.33158 }] },
    layer: [
      { mark: 'rule', data: { values: [{ een: 1 }] }, encoding: { x: { field: 'een', type: 'quantitative' } } },
      { mark: 'rule', encoding: { x: { field: 'laag', type: 'quantitative', title: 'Hazard ratio (logaritmische schaal)' }, x2: { field: 'hoog' }, y: { field: 'term', type: 'nominal', title: null } } },
      { mark: 'point', encoding: { x: { field: 'ratio', type: 'quantitative' }, y: { field: 'term', type: 'nominal' } } },
    ],
  } as never);
  assert.deepEqual(c.kolommen.map((k) => [k.veld, k.kop]), [
    ['term', 'Kenmerk'],
    ['ratio', 'Hazard ratio'],
    ['laag', 'Ondergrens betrouwbaarheidsinterval'],
    ['hoog', 'Bovengrens betrouwbaarheidsinterval'],
  ]);
  assert.equal(celTekst(1.18133, 'getal'), '1,18');
  assert.equal(celTekst(2013, 'geheel'), '2013');
});
