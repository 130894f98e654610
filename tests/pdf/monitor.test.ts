/**
 * The real monitor, read back with Poppler: built once from the committed data (and a second
 * time from the first build's cache, to compare bytes), then checked the way a reader or a
 * PDF checker would see it: table of contents against the pages, fonts, tags, metadata,
 * bookmarks, colophon and cover.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { buildReport } from '../../src/pipeline/build.ts';
import { PROJECT_ROOT } from '../../src/util/paths.ts';
import { readOutline } from '../../src/pdf/pdf-file.ts';
import { synthetischLabel } from '../../src/results/synthetisch.ts';

const label = synthetischLabel('synthetisch')!;
import { GEDEELDE_CACHE, gedeeldeBouw } from '../helpers/gedeeld.ts';

const DATA = join(PROJECT_ROOT, 'data', '6e-meting');
const EDITION = join(PROJECT_ROOT, 'editions', '6e-meting', 'editie.json');
const MONITOR = 'pdf/monitor-nazorg-6e-meting.pdf';
const BRIEF = 'pdf/kamerbrief-monitor-nazorg-6e-meting.pdf';
const stil = { log: () => {}, now: () => 0 };

const werk = mkdtempSync(join(tmpdir(), 'monitor-pdf-'));
after(() => rmSync(werk, { recursive: true, force: true }));
// The first build is the one other test files read too (tests/helpers/gedeeld.ts), made with the
// shared result cache; the second takes steps 1–5 from that cache: what it prints is the same.
const a = (await gedeeldeBouw('6e-meting')).out;
await buildReport({ data: DATA, out: join(werk, 'b'), edition: EDITION, cache: GEDEELDE_CACHE }, stil);

const pdfPath = join(a, MONITOR);
const poppler = (tool: string, ...args: string[]) =>
  execFileSync(tool, tool === 'pdftotext' ? [...args, pdfPath, '-'] : [...args, pdfPath], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
const pageTotal = Number(/^Pages:\s+(\d+)/m.exec(poppler('pdfinfo'))![1]);
/**
 * Every page as pdftotext -layout prints it (`-f N -l N`, which ends a page with a form feed);
 * index 0 is page 1. One run for the whole document gives the same pages, each ended by a form
 * feed, at a fraction of the cost of one run per page.
 */
const pages = poppler('pdftotext', '-layout').split('\f').slice(0, pageTotal).map((p) => `${p}\f`);
assert.equal(pages.length, pageTotal, 'pdftotext printed every page');
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
/** A page's text without its running header (the first non-empty line). */
const bodyOf = (page: string) => norm(page.replace(/^\s*\n*[^\n]*\n/, ''));

/** The table of contents as printed: "3.1   Identiteitsbewijs   13". */
interface TocEntry {
  heading: string;
  page: number;
}
function tableOfContents(): { entries: TocEntry[]; tocPages: number[] } {
  const tocPages = pages.map((p, i) => ({ p, n: i + 1 })).filter(({ p }) => /^\s*\S.*\bInhoud\s*$/m.test(p.split('\n')[0] ?? '')).map(({ n }) => n);
  const entries: TocEntry[] = [];
  for (const n of tocPages) {
    for (const line of pages[n - 1]!.split('\n').slice(1)) {
      const m = /^\s*(.+?)\s{2,}(\d+)\s*$/.exec(line);
      if (m && !/^pagina \d+ van \d+$/.test(norm(line))) entries.push({ heading: norm(m[1]!), page: Number(m[2]) });
    }
  }
  return { entries, tocPages };
}

test('the table of contents lists every chapter and appendix, and each page number is the page its heading is on', () => {
  const { entries, tocPages } = tableOfContents();
  assert.ok(tocPages.length >= 1, 'there are pages headed "Inhoud"');
  for (const needed of ['Samenvatting', 'Summary', 'The basic conditions', '1 Inleiding', '2 Methoden', 'Bijlage 1 Begeleidingscommissie', 'Bijlage 2 Tabellen per meetmoment, groep en cohort', 'B2.1 Identiteitsbewijs', 'Afkortingen', 'Literatuur']) {
    assert.ok(entries.some((e) => e.heading === needed), `"${needed}" is in the table of contents`);
  }
  assert.ok(entries.length >= 40, `${entries.length} entries`);
  const firstBody = Math.max(...tocPages) + 1;
  let previous = firstBody;
  const wrong: string[] = [];
  for (const e of entries) {
    assert.ok(e.page >= previous && e.page <= pageTotal, `"${e.heading}" on page ${e.page}: in order and inside the document`);
    // The first page, from the previous entry's page on, whose text (header left out) has the heading.
    let found = 0;
    for (let n = previous; n <= pageTotal && !found; n++) if (bodyOf(pages[n - 1]!).includes(e.heading)) found = n;
    if (found !== e.page) wrong.push(`${e.heading}: inhoud zegt ${e.page}, kop staat op ${found || 'geen pagina'}`);
    previous = e.page;
  }
  assert.deepEqual(wrong, []);
});

test('every bookmark of a table-of-contents entry points to the page the contents give', () => {
  const outline = readOutline(readFileSync(pdfPath));
  const byTitle = new Map(outline.map((o) => [norm(o.title), o.page]));
  assert.equal(byTitle.get('Colofon'), 2, 'the colophon has a bookmark on page 2');
  const { entries } = tableOfContents();
  const missing = entries.filter((e) => byTitle.get(e.heading) !== e.page).map((e) => `${e.heading} (${e.page} / ${byTitle.get(e.heading)})`);
  assert.deepEqual(missing, []);
  assert.ok(byTitle.has('Summary'), 'the English Summary has a bookmark');
});

test('the English Summary\'s pages carry its title in the running header and an English page number', () => {
  const summary = pages.map((p, i) => ({ p, n: i + 1 })).filter(({ p }) => /\bSummary\s*$/m.test(p.split('\n').find((l) => l.trim()) ?? ''));
  assert.ok(summary.length >= 1, 'a page is headed "Summary"');
  for (const { p, n } of summary) assert.match(norm(p), new RegExp(`page ${n} of ${pageTotal}$`), `pagina ${n}`);
  assert.match(norm(pages[summary[0]!.n - 2]!), /pagina \d+ van \d+$/, 'the Samenvatting before it keeps the Dutch page number');
});

test('every font is embedded, and they are the fonts the project ships', () => {
  const rows = poppler('pdffonts').split('\n').slice(2).filter((l) => l.trim());
  assert.ok(rows.length >= 3, 'sans and serif fonts are used');
  for (const row of rows) {
    const m = /^(\S+)\s+.*?\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(row);
    assert.ok(m, `pdffonts row: ${row}`);
    assert.equal(m[2], 'yes', `${m[1]} is embedded`);
    assert.match(m[1]!, /SourceS(ans|erif)/, `${m[1]} is one of the shipped fonts`);
  }
});

test('the PDF is tagged, in Dutch, with title, author, subject and the document date', () => {
  const info = poppler('pdfinfo');
  assert.match(info, /^Tagged:\s+yes$/m);
  assert.match(info, /^Title:\s+Monitor nazorg ex-gedetineerden, 6e meting$/m);
  assert.match(info, /^Author:\s+WODC$/m);
  assert.match(info, /^Subject:\s+6e meting: uitstroomcohorten 2013–2016$/m);
  assert.match(info, /^CreationDate:\s+Mon Mar {2}8 00:00:00 2021 UTC$/m);
  assert.match(info, /^Page size:\s+594\.96 x 841\.92 pts \(A4\)$/m);
  assert.match(readFileSync(pdfPath).toString('latin1'), /\/Lang \(nl\)/);
  // The structure tree has the document's headings as H1/H2 elements.
  const struct = poppler('pdfinfo', '-struct');
  assert.match(struct, /^\s*Document\b/m);
  assert.match(struct, /^\s*H1\b/m);
  assert.match(struct, /^\s*Table\b/m);
});

test('the cover says the figures are synthetic; the colophon says so too, with the peildatum, source and build identity', () => {
  const cover = norm(pages[0]!);
  assert.ok(cover.includes(`${label.kop}. ${label.tekst}`), cover);
  assert.match(cover, /Monitor nazorg ex-gedetineerden/);
  const colofon = norm(pages[1]!);
  assert.match(colofon, /^Colofon/, 'page 2 is the colophon, without running header');
  assert.match(colofon, /Synthetische gegevens\. De cijfers, tabellen en figuren in deze uitgave zijn berekend op synthetische extracten/);
  assert.match(colofon, /Peildatum 30 juni 2019/);
  assert.match(colofon, /Gegevensbron synthetisch/);
  assert.match(colofon, /Editie 6e meting, verschenen 8 maart 2021/);
  assert.match(colofon, /minder dan 10 personen/);
  const id = /Bouwidentiteit ([0-9a-f]{12})\b/.exec(colofon);
  assert.ok(id, 'a build identity of 12 hex digits');
  // It is derived from the manifest's inputs (src/pipeline/monitor.ts, bouwIdentiteit).
  const manifest = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8')) as { invoer: unknown };
  const expected = execFileSync('sha256sum', { input: JSON.stringify(manifest.invoer), encoding: 'utf8' }).slice(0, 12);
  // (Editing src/, templates/ or data/ while this file runs changes the inputs between the steps.)
  assert.equal(id[1], expected);
});

test('a table that runs over a page break repeats its header row; no page opens with a bare data row', () => {
  const { tocPages } = tableOfContents();
  /** A data row as pdftotext -layout prints it: columns apart by two or more spaces, a figure last. */
  const dataRow = /\S\s{2,}\S.*\s{2,}(?:[<>]?\d[\d.,]*(?: \([\d.]+\))?|[\d,]+–[\d,]+|–)\s*$/;
  const headerRow = /^\s*(Meetmoment|Kenmerk|Indicator|Groep|Cohort)\s{2,}/;
  let continued = 0;
  const bare: string[] = [];
  for (let n = Math.max(...tocPages) + 1; n <= pageTotal; n++) {
    const first = pages[n - 1]!.split('\n').slice(1).find((l) => l.trim()) ?? '';
    if (headerRow.test(first)) continued++;
    else if (dataRow.test(first)) bare.push(`pagina ${n}: ${first.trim()}`);
  }
  assert.deepEqual(bare, []);
  assert.ok(continued > 0, 'at least one table runs over a page break (the model tables in Bijlage 2 do)');
});

test('two builds of the same inputs give byte-identical PDFs', () => {
  for (const f of [MONITOR, BRIEF]) {
    const eerste = readFileSync(join(a, f));
    const tweede = readFileSync(join(werk, 'b', f));
    assert.ok(eerste.length > 10_000, `${f} is a real PDF`);
    assert.ok(eerste.equals(tweede), `${f}: both builds are byte-identical`);
  }
});
