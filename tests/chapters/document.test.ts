/**
 * The generated chapters go through the HTML stage on the fixture edition: every cross-reference
 * resolves to a number, every table caption and figure is numbered, appendices are appendices.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { renderChapters } from '../../src/chapters/render.ts';
import { figuren } from '../../src/charts/figures.ts';
import { renderDocument } from '../../src/html/document.ts';
import { fixtureResultaten } from './fixture.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

test('every cross-reference of the monitor resolves and every figure and table is numbered', () => {
  const r = fixtureResultaten();
  const figs = figuren(r);
  const hoofdstukken = renderChapters(join(ROOT, 'templates', 'monitor'), r, figs);
  const html = renderDocument(
    {
      title: r.editie.titel,
      lang: 'nl',
      kind: 'monitor',
      chapters: hoofdstukken.map((h) => ({ file: join('/fixture/monitor', h.bestand), markdown: h.markdown, kind: h.soort })),
      meta: { date: r.editie.brief.datum, authors: r.editie.auteurs },
    },
    { readAsset: () => '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>' },
  );
  assert.doesNotMatch(html, /\[@(fig|tab|sec|Fig|Tab|Sec):/);
  assert.match(html, /Figuur 3\.1/);
  assert.match(html, /Tabel 2\.1/);
  assert.match(html, /Bijlage 1/);
  const verwijzingen = hoofdstukken.reduce((n, h) => n + (h.markdown.match(/\[@/g)?.length ?? 0), 0);
  assert.ok(verwijzingen > 30);
});
