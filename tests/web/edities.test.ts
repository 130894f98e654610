/**
 * The web edition of both real editions, read as HTML without a browser: every page's
 * landmarks, heading and title; every table's caption and header cells; under every chart a
 * table with exactly the numbers of its Vega-Lite spec; links across pages; the same bytes from
 * a second build; and web/ kept out of the manifest and the check, like pdf/.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport } from '../../src/pipeline/build.ts';
import { PROJECT_ROOT } from '../../src/util/paths.ts';
import { compareFolders } from '../../src/pipeline/check.ts';
import { listFiles } from '../../src/pipeline/hash.ts';
import { bouwWeb } from './bouw.ts';

// The shared web build (./bouw.ts); this file's own second build goes into a folder of its own.
const { cache, edities } = await bouwWeb();
const eigen = mkdtempSync(join(tmpdir(), 'monitor-web-tweede-'));
after(() => rmSync(eigen, { recursive: true, force: true }));
const lees = (pad: string) => readFileSync(pad, 'utf8');

/** A cell's text: tags removed, entities the stringifier writes decoded. */
const celtekst = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#x26;|&amp;/g, '&').replace(/&#x3C;|&lt;/g, '<').trim();

/** Rows of a table as [tag, attributes, text] per cell. */
function rijen(tabel: string): { tag: string; attrs: string; tekst: string }[][] {
  return [...tabel.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<(th|td)([^>]*)>([\s\S]*?)<\/\1>/g)].map((c) => ({ tag: c[1]!, attrs: c[2]!, tekst: celtekst(c[3]!) })));
}

/** "15,3%" -> 0.153 with its rounding step; "1,18" -> 1.18; "–" -> null. */
function getal(tekst: string): { waarde: number | null; stap: number } {
  if (tekst === '–') return { waarde: null, stap: 0 };
  const procent = tekst.endsWith('%');
  const kaal = tekst.replace(/%$/, '').replace(/\./g, '').replace(',', '.').replace('−', '-');
  const decimalen = kaal.includes('.') ? kaal.split('.')[1]!.length : 0;
  const n = Number(kaal);
  assert.ok(Number.isFinite(n), `'${tekst}' is not a number`);
  return procent ? { waarde: n / 100, stap: 10 ** -decimalen / 100 } : { waarde: n, stap: 10 ** -decimalen };
}

test('every page has lang="nl", a title of its own, header, navigation, main and footer, and one h1', () => {
  for (const e of edities) {
    const titels = new Set<string>();
    for (const p of e.paginas) {
      const html = lees(join(e.web, p));
      const waar = `${e.slug}/web/${p}`;
      assert.match(html, /^<!doctype html>\n<html lang="nl">/, waar);
      const titel = /<title>([^<]+)<\/title>/.exec(html)?.[1] ?? assert.fail(`${waar}: no title`);
      assert.ok(titel.length > 20 && !titels.has(titel), `${waar}: title '${titel}'`);
      titels.add(titel);
      for (const tag of ['header', 'main', 'footer']) assert.equal(html.match(new RegExp(`<${tag}[ >]`, 'g'))?.length, 1, `${waar}: one <${tag}>`);
      assert.ok((html.match(/<nav[ >]/g)?.length ?? 0) >= 2, `${waar}: previous/next and all pages`);
      assert.equal(html.match(/<h1[ >]/g)?.length, 1, `${waar}: one h1`);
      assert.match(html, /<main id="hoofdtekst"/, waar);
    }
    assert.ok(e.paginas.includes('index.html') && e.paginas.includes('kamerbrief.html') && e.paginas.includes('colofon.html'), e.slug);
    const hoofdstukken = readdirSync(join(e.out, 'monitor')).map((f) => f.replace(/\.md$/, '.html'));
    for (const h of hoofdstukken) assert.ok(e.paginas.includes(h), `${e.slug}: a page for ${h}`);
  }
});

test('the English Summary says so: its <main> has lang="en", every other page none (the site around it is Dutch)', () => {
  for (const e of edities) {
    for (const p of e.paginas) {
      const main = /<main [^>]*>/.exec(lees(join(e.web, p)))![0];
      if (/^\d\d-summary\.html$/.test(p)) assert.match(main, / lang="en"/, `${e.slug}/web/${p}`);
      else assert.doesNotMatch(main, / lang=/, `${e.slug}/web/${p}`);
    }
    assert.ok(e.paginas.some((p) => p.endsWith('-summary.html')), `${e.slug}: a Summary page`);
  }
});

test('every table has a caption and every header cell a scope', () => {
  for (const e of edities) {
    for (const p of e.paginas) {
      const html = lees(join(e.web, p));
      for (const tabel of html.match(/<table[\s\S]*?<\/table>/g) ?? []) {
        const kop = /<caption>([\s\S]*?)<\/caption>/.exec(tabel)?.[1];
        assert.ok(kop && celtekst(kop).length > 5, `${e.slug}/web/${p}: a table without caption: ${tabel.slice(0, 120)}`);
        for (const th of tabel.match(/<th[ >][^>]*>?/g) ?? []) assert.match(th, /scope="(col|row)"/, `${e.slug}/web/${p}: ${th} in '${celtekst(kop)}'`);
      }
    }
  }
});

test('under every chart, a details table with the numbers of its Vega-Lite data, row for row', () => {
  for (const e of edities) {
    let figuren = 0;
    for (const p of e.paginas) {
      const html = lees(join(e.web, p));
      for (const m of html.matchAll(/<figure id="fig-([^"]+)"[^>]*>([\s\S]*?)<\/figure>/g)) {
        const [, id, inhoud] = m as unknown as [string, string, string];
        const waar = `${e.slug}/web/${p}#fig-${id}`;
        figuren++;
        assert.match(inhoud, /<div class="grafiek"><svg role="img" aria-label="[^"]{20,}"/, `${waar}: the chart has a text alternative`);
        const details = /<details class="cijfers"><summary>Cijfers bij figuur [\dB.]+ \(tabel\)<\/summary>([\s\S]*?)<\/details>/.exec(inhoud)?.[1] ?? assert.fail(`${waar}: no numbers table`);
        assert.match(details, /<caption>Cijfers bij figuur /, waar);
        const spec = JSON.parse(lees(join(e.out, 'figuren', `${id}.vl.json`))) as { data?: { values: Record<string, unknown>[] }; layer?: { data?: { values: Record<string, unknown>[] } }[] };
        const data = spec.data?.values ?? spec.layer!.map((l) => l.data?.values ?? []).sort((a, b) => b.length - a.length)[0]!;
        const [kop, ...body] = rijen(details);
        const velden = kop!.map((c) => /data-veld="([^"]+)"/.exec(c.attrs)?.[1] ?? assert.fail(`${waar}: a header without its field`));
        assert.equal(body.length, data.length, `${waar}: a row per data point`);
        body.forEach((rij, i) => {
          assert.equal(rij[0]!.tag, 'th', `${waar}: the row's first cell is its header`);
          velden.forEach((veld, j) => {
            const waarde = data[i]![veld];
            const cel = rij[j]!.tekst;
            if (typeof waarde === 'number') {
              const g = getal(cel);
              assert.ok(g.waarde !== null && Math.abs(g.waarde - waarde) <= g.stap / 2 + 1e-9, `${waar} row ${i + 1} ${veld}: '${cel}' for ${waarde}`);
            } else if (waarde === null || waarde === undefined) assert.equal(cel, '–', `${waar} row ${i + 1} ${veld}`);
            else assert.equal(cel, String(waarde), `${waar} row ${i + 1} ${veld}`);
          });
        });
      }
    }
    assert.ok(figuren >= 20, `${e.slug}: ${figuren} figures`);
  }
});

test('references to a table or section on another page link to that page (figures: site.test.ts)', () => {
  const alle = edities.map((e) => e.paginas.map((p) => lees(join(e.web, p))).join('\n'));
  for (const [i, e] of edities.entries()) assert.match(alle[i]!, /<a href="\d\d-[a-z-]+\.html#sec-[^"]+">/, `${e.slug}: a section on another page`);
  assert.match(alle.join('\n'), /<a href="\d\d-[a-z-]+\.html#tab-[^"]+">B?\d/, 'a table on another page');
});

test('the contents page lists every chapter with its sections, and links the PDFs relatively', () => {
  for (const e of edities) {
    const index = lees(join(e.web, 'index.html'));
    const n = e.slug.replace('e-meting', '');
    assert.match(index, new RegExp(`href="\\.\\./pdf/monitor-nazorg-${n}e-meting\\.pdf"`));
    assert.match(index, new RegExp(`href="\\.\\./pdf/kamerbrief-monitor-nazorg-${n}e-meting\\.pdf"`));
    for (const p of e.paginas.filter((x) => /^\d\d-/.test(x))) assert.match(index, new RegExp(`<a href="${p}">`), `${e.slug}: ${p} in the contents`);
    assert.match(index, /<a href="\d\d-[a-z-]+\.html#[^"]+">/, `${e.slug}: sections in the contents`);
    // Both editions are built from synthetic extracts: the notice is on every page (the colophon's own).
    for (const p of e.paginas) assert.match(lees(join(e.web, p)), p === 'colofon.html' ? /class="synthetisch-colofon"/ : /class="melding" role="note"/, `${e.slug}/web/${p}`);
  }
});

test('a second build of the same inputs writes the same bytes into web/', async () => {
  const e = edities[0]!;
  const tweede = join(eigen, e.slug);
  // From a copy of the first build's cache, as a rebuild would start: the shared one is read only.
  cpSync(cache, join(eigen, 'cache'), { recursive: true });
  await buildReport(
    { data: '', fromResults: join(PROJECT_ROOT, 'out', e.slug), edition: join(PROJECT_ROOT, 'editions', e.slug, 'editie.json'), out: tweede, pdf: false, cache: join(eigen, 'cache') },
    { log: () => {}, now: () => 0 },
  );
  const a = await listFiles(e.web);
  assert.deepEqual(await listFiles(join(tweede, 'web')), a);
  for (const f of a) assert.ok(readFileSync(join(e.web, f)).equals(readFileSync(join(tweede, 'web', f))), f);
});

test('web/ is a build product: not in manifest.json and not compared by --check', async () => {
  for (const e of edities) {
    const manifest = JSON.parse(lees(join(e.out, 'manifest.json'))) as { uitvoer: Record<string, string> };
    assert.ok(Object.keys(manifest.uitvoer).length > 0);
    assert.deepEqual(Object.keys(manifest.uitvoer).filter((k) => k.startsWith('web')), []);
    const verschillen = await compareFolders(e.out, join(PROJECT_ROOT, 'out', e.slug));
    assert.deepEqual(verschillen.filter((v) => v.pad.startsWith('web')), []);
  }
  assert.match(readFileSync(join(PROJECT_ROOT, '.gitignore'), 'utf8'), /^\/out\/\*\/web\/$/m);
});
