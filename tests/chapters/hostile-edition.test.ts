/**
 * Hostile values in the edition file (issue 18): a title and parliamentary references full of
 * Markdown and HTML (`<script>`, `*`, `|`, `[`) reach the chapters' source lines and the letter's
 * footnotes as text: escaped in the Markdown (util/markdown.ts), literal in the HTML, never markup.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Sjablonen } from '../../src/edition/templates.ts';
import { figuren } from '../../src/charts/figures.ts';
import { renderChapters } from '../../src/chapters/render.ts';
import { renderLetter } from '../../src/letter/render.ts';
import { renderDocument } from '../../src/html/document.ts';
import { briefHtml } from '../../src/letter/stage.ts';
import { mdTekst } from '../../src/util/markdown.ts';
import { PROJECT_ROOT } from '../helpers/root.ts';
import { fixtureResultaten } from './fixture.ts';

const VIJANDIG = '<script>alert(1)</script> *vet* | cel | [klik](https://example.org) _x_ `c` &amp; ~~weg~~';
const TEMPLATES = new Sjablonen(join(PROJECT_ROOT, 'templates'));

function resultaten() {
  const r = fixtureResultaten();
  const referenties = Object.fromEntries(Object.keys(r.editie.brief.referenties).map((k) => [k, `${VIJANDIG} ${k}`]));
  return { ...r, editie: { ...r.editie, titel: `Monitor ${VIJANDIG}`, brief: { ...r.editie.brief, referenties } } };
}

/** The visible text of some HTML (tags dropped, the entities the stringifier writes decoded). */
const ENTITEIT: Record<string, string> = { '&#x3C;': '<', '&lt;': '<', '&gt;': '>', '&#x26;': '&', '&amp;': '&', '&#x22;': '"', '&quot;': '"' };
const tekst = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&(#x[0-9A-F]+|[a-z]+);/gi, (e) => ENTITEIT[e] ?? e);

test('mdTekst: markup characters escaped, block starts escaped, line breaks joined, plain text unchanged', () => {
  assert.equal(mdTekst('Bron: Monitor nazorg ex-gedetineerden, 6e meting (synthetische gegevens); bewerking van x'), 'Bron: Monitor nazorg ex-gedetineerden, 6e meting (synthetische gegevens); bewerking van x');
  assert.equal(mdTekst('<b>*a*|[b]</b>'), '\\<b\\>\\*a\\*\\|\\[b\\]\\</b\\>');
  assert.equal(mdTekst('# kop\n- lijst'), '\\# kop - lijst');
  assert.equal(mdTekst('1. eerste'), '\\1. eerste');
});

test('a hostile edition title in every chapter\'s source lines stays text', () => {
  const r = resultaten();
  const hoofdstukken = renderChapters(TEMPLATES, r, figuren(r));
  const bronregels = hoofdstukken.flatMap((h) => h.markdown.split('\n').filter((l) => l.startsWith('*Bron:')));
  assert.ok(bronregels.length > 5, `source lines: ${bronregels.length}`);
  for (const regel of bronregels) {
    assert.ok(regel.includes('\\<script\\>alert(1)\\</script\\>'), regel);
    assert.ok(!regel.includes('<script>'), regel);
  }
  // The source lines through the HTML step (the figures above them are not rendered here).
  const html = renderDocument({
    title: 't',
    lang: 'nl',
    kind: 'monitor',
    chapters: [{ file: join(PROJECT_ROOT, 'out', 'x', 'monitor', '01-x.md'), markdown: `# Bronnen\n\n${bronregels.join('\n\n')}\n` }],
    meta: { date: '2021-03-08', authors: ['WODC'], subtitle: 'x' },
  });
  assert.ok(!/<script/i.test(html), 'no script element');
  assert.ok(!html.includes('>klik</a>'), 'no Markdown link made from the title');
  assert.ok(!/<(strong|del)>/.test(html.slice(html.indexOf('Bron:'))), 'no emphasis or strike-through made from the title');
  assert.ok(tekst(html).includes(`Bron: Monitor ${VIJANDIG}`), 'the title is shown literally');
});

test('hostile parliamentary references in the letter\'s footnotes stay text', () => {
  const r = resultaten();
  const brief = renderLetter(TEMPLATES, r, { root: PROJECT_ROOT });
  const noten = brief.markdown.split('\n').filter((l) => /^\[\^[a-z_]+\]: /.test(l) && l.includes('alert'));
  assert.ok(noten.length >= 1, brief.markdown.slice(-800));
  for (const n of noten) assert.ok(n.includes('\\<script\\>') && n.includes('\\[klik\\]') && n.includes('\\|'), n);
  const html = briefHtml(join(PROJECT_ROOT, 'out', 'x'), r, brief.markdown);
  assert.ok(!/<script/i.test(html));
  assert.ok(!html.includes('>klik</a>'));
  assert.ok(tekst(html).includes(VIJANDIG));
});
