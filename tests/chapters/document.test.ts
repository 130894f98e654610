/**
 * The generated chapters go through the HTML stage on the fixture edition: every cross-reference
 * resolves to a number, every table caption and figure is numbered, appendices are appendices.
 */
import { Sjablonen } from '../../src/edition/templates.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { vulHoofdstukken } from '../../src/chapters/render.ts';
import { figuren } from '../../src/charts/catalogue.ts';
import { renderDocument } from '../../src/html/document.ts';
import { fixtureResultaten } from './fixture.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

/** The monitor's HTML from the chapters (the charts are not rendered; any SVG will do). */
function printHtml(r: ReturnType<typeof fixtureResultaten>, hoofdstukken: ReturnType<typeof vulHoofdstukken>): string {
  return renderDocument(
    {
      title: r.editie.titel,
      lang: 'nl',
      kind: 'monitor',
      chapters: hoofdstukken.map((h) => ({ file: join('/fixture/monitor', h.bestand), markdown: h.markdown, kind: h.soort })),
      meta: { date: r.editie.brief.datum, authors: r.editie.auteurs },
    },
    { readAsset: () => '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>' },
  );
}

/**
 * The fixture edition's chapters, filled once for this file: two tests read the same chapters
 * (neither changes them), and filling them is most of their time.
 */
let fixtureHoofdstukken: { r: ReturnType<typeof fixtureResultaten>; hoofdstukken: ReturnType<typeof vulHoofdstukken> } | undefined;
function gevuld() {
  if (!fixtureHoofdstukken) {
    const r = fixtureResultaten();
    fixtureHoofdstukken = { r, hoofdstukken: vulHoofdstukken(new Sjablonen(join(ROOT, 'templates')), r, figuren(r)) };
  }
  return fixtureHoofdstukken;
}

test('every cross-reference of the monitor resolves and every figure and table is numbered', () => {
  const { r, hoofdstukken } = gevuld();
  const html = printHtml(r, hoofdstukken);
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
  const processor = unified().use(remarkParse).use(remarkGfm);
  for (const h of gevuld().hoofdstukken) {
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

test('an unknown cross-reference in a chapter names the template and its line, not the generated Markdown', async () => {
  const { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { monitorHtml } = await import('../../src/pipeline/monitor.ts');
  const { InputError } = await import('../../src/util/errors.ts');
  const dir = mkdtempSync(join(tmpdir(), 'xref-test-'));
  try {
    cpSync(join(ROOT, 'templates', 'monitor'), join(dir, 'monitor'), { recursive: true });
    // The glossary and the shared references belong to the templates too.
    for (const f of ['afkortingen.json', 'literatuur.json']) cpSync(join(ROOT, 'templates', f), join(dir, f));
    const pad = join(dir, 'monitor', '75-conclusie.md.hbs');
    const lines = readFileSync(pad, 'utf8').split('\n');
    lines.splice(2, 0, 'Zie [@fig:km-per-cohortt].');
    writeFileSync(pad, lines.join('\n'));
    const r = fixtureResultaten();
    const hoofdstukken = vulHoofdstukken(new Sjablonen(dir), r, figuren(r));
    let messages: readonly string[] = [];
    try {
      monitorHtml(join(dir, 'build-tmp'), r, hoofdstukken, 'x');
    } catch (e) {
      assert.ok(e instanceof InputError, String(e));
      messages = e.messages;
    }
    const xref = messages.filter((m) => m.includes('km-per-cohortt'));
    assert.equal(xref.length, 1, messages.join('\n'));
    assert.match(xref[0]!, new RegExp(`^${pad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:5: verwijzing \\[@fig:km-per-cohortt\\] naar een figuur die niet bestaat; bedoelt u 'fig:km-per-cohort'\\? \\(bestaande figuren: km-per-cohort, `));
    assert.ok(!xref[0]!.includes('build-tmp'), xref[0]);
    // The figures are not made here: those messages name the template line of {{figuur "..."}}.
    assert.match(messages[0]!, /50-basisvoorwaarden\.md\.hbs:\d+:\d+: figuur '\.\.\/figuren\/[a-z-]+\.svg' niet gevonden/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the print follows a Cahier: Voorwoord before the contents, then Afkortingen; Literatuur unnumbered; the committee is Bijlage 1', () => {
  const r = fixtureResultaten();
  const hoofdstukken = vulHoofdstukken(new Sjablonen(join(ROOT, 'templates'), join(ROOT, 'editions', '6e-meting', 'templates')), r, figuren(r));
  const html = printHtml(r, hoofdstukken);
  const waar = (re: RegExp) => {
    const m = re.exec(html);
    assert.ok(m, String(re));
    return m.index;
  };
  const voorwoord = waar(/<section class="voorwerk"[^>]*>\s*<h1[^>]*id="sec-voorwoord"/);
  const inhoud = waar(/<nav class="inhoud"/);
  const afkortingen = waar(/<h1[^>]*id="sec-afkortingen"/);
  const samenvatting = waar(/<h1[^>]*>Samenvatting/);
  const literatuur = waar(/<h1[^>]*id="sec-literatuur"/);
  const commissie = waar(/<h1[^>]*id="sec-bijlage-commissie"/);
  assert.ok(voorwoord < inhoud && inhoud < afkortingen && afkortingen < samenvatting && samenvatting < literatuur && literatuur < commissie);
  const toc = html.slice(inhoud, html.indexOf('</nav>', inhoud));
  assert.doesNotMatch(toc, /Voorwoord/);
  assert.match(toc, /<span class="toc-nummer"><\/span><span class="toc-titel">Afkortingen<\/span>/);
  assert.match(toc, /<span class="toc-nummer"><\/span><span class="toc-titel">Literatuur<\/span>/);
  assert.match(toc, /<span class="toc-nummer">Bijlage 1<\/span><span class="toc-titel">Begeleidingscommissie<\/span>/);
});
