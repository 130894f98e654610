/**
 * The generated chapters go through the HTML stage on the fixture edition: every cross-reference
 * resolves to a number, every table caption and figure is numbered, appendices are appendices.
 */
import { Sjablonen } from '../../src/edition/templates.ts';
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
  const hoofdstukken = renderChapters(new Sjablonen(join(ROOT, 'templates')), r, figs);
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

test('read as GFM, every caption sits above a table and every figure is an image of an SVG beside out/monitor', async () => {
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { default: remarkGfm } = await import('remark-gfm');
  const r = fixtureResultaten();
  const processor = unified().use(remarkParse).use(remarkGfm);
  for (const h of renderChapters(new Sjablonen(join(ROOT, 'templates')), r, figuren(r))) {
    const boom = processor.parse(h.markdown) as { children: { type: string; children?: { type: string; value?: string; url?: string }[] }[] };
    const blokken = boom.children;
    blokken.forEach((b, i) => {
      const eerste = b.children?.[0];
      if (b.type === 'paragraph' && eerste?.type === 'text' && eerste.value?.startsWith('Tabel:')) assert.equal(blokken[i + 1]?.type, 'table', `${h.bestand}: ${eerste.value}`);
      if (b.type === 'paragraph' && eerste?.type === 'image') assert.match(eerste.url ?? '', /^\.\.\/figuren\/[a-z0-9-]+\.svg$/);
    });
    const bijschriften = (h.markdown.match(/^Tabel: /gm) ?? []).length;
    assert.equal(blokken.filter((b) => b.type === 'table').length, bijschriften, h.bestand);
  }
});
