/**
 * The PDFs' accessibility, read back from the tag tree: each monitor and Kamerbrief of the
 * builds of both editions from the committed data is read with pdf.js and Poppler
 * (tests/helpers/pdf-structure.ts) and held against the Markdown chapters of the same build.
 *
 * - every figure is one Figure element whose /Alt is the figure's text alternative, its text
 *   (the chart's labels) still text;
 * - every table is a Table whose first row holds TH header cells;
 * - the catalog asks viewers to show the title, which is the document's, in Dutch;
 * - the headings in the tag tree come in the order of the chapters' headings, and the running
 *   header and page numbers stay out of the tree.
 *
 * The builds are the shared ones with PDFs (tests/helpers/gedeeld.ts, gedeeldeBouw): this file
 * only reads what a build of the committed data contains, and every check holds a PDF against
 * the Markdown of the same build. The 7th meting's shared build compares with the 6th's
 * published results in out/ (its predecessor as `npm run report` reads it), which a build of the
 * 6th meting reproduces byte for byte.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gedeeldeBouw } from '../helpers/gedeeld.ts';
import { readStructure, walk, type PageElement, type PdfStructure, type StructElement } from '../helpers/pdf-structure.ts';

const EDITIONS = [
  { slug: '6e-meting', title: 'Monitor nazorg ex-gedetineerden, 6e meting' },
  { slug: '7e-meting', title: 'Monitor nazorg ex-gedetineerden, 7e meting' },
] as const;

interface Document {
  readonly name: string;
  readonly pdf: PdfStructure;
  /** the Markdown the PDF was made from, chapters in order */
  readonly markdown: string;
  /** the title the PDF must show */
  readonly title: RegExp;
  readonly kind: 'monitor' | 'kamerbrief';
}

const documents: Document[] = [];
for (const { slug, title } of EDITIONS) {
  const dir = (await gedeeldeBouw(slug)).out;
  const chapters = readdirSync(join(dir, 'monitor')).filter((f) => f.endsWith('.md')).sort();
  documents.push({
    name: `${slug}/monitor`,
    pdf: await readStructure(join(dir, 'pdf', `monitor-nazorg-${slug}.pdf`)),
    markdown: chapters.map((f) => readFileSync(join(dir, 'monitor', f), 'utf8')).join('\n'),
    title: new RegExp(`^${title}$`),
    kind: 'monitor',
  });
  documents.push({
    name: `${slug}/kamerbrief`,
    pdf: await readStructure(join(dir, 'pdf', `kamerbrief-monitor-nazorg-${slug}.pdf`)),
    markdown: readFileSync(join(dir, 'kamerbrief', 'kamerbrief.md'), 'utf8'),
    // "Brief van de minister voor rechtsbescherming: Monitor ..., 6e meting"
    title: new RegExp(`^Brief van de [^:]+: ${title}$`),
    kind: 'kamerbrief',
  });
}

const squeeze = (s: string) => s.replace(/\s+/g, '');
/** Markdown inline text as a reader sees it: no emphasis marks, links as their text, escapes undone. */
const plain = (s: string) =>
  s
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/\\(.)/g, '$1')
    .trim();

/** Images in the Markdown, in order: their alt text (the text alternative). */
function markdownFigures(markdown: string): string[] {
  return [...markdown.matchAll(/^!\[((?:\\.|[^\]\\])*)\]\([^)]*\)\s*$/gm)].map((m) => plain(m[1]!));
}

/** Headings in the Markdown, in order, outside fenced code. */
function markdownHeadings(markdown: string): { level: number; text: string }[] {
  const out: { level: number; text: string }[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const m = !fenced && /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (m) out.push({ level: m[1]!.length, text: plain(m[2]!) });
  }
  return out;
}

/** GFM tables in the Markdown: one delimiter row each. */
function markdownTableCount(markdown: string): number {
  return [...markdown.matchAll(/^\|(\s*:?-+:?\s*\|)+\s*$/gm)].length;
}

const figuresOf = (pdf: PdfStructure): PageElement[] => pdf.pages.flat().filter((e) => e.role === 'Figure');
/**
 * The headings with their text, in order. A heading that a page break pushed to the next page
 * leaves an empty piece of itself at the foot of the page before (the same element: Poppler
 * counts it once); pdf.js shows that piece on its page, and it is left out here.
 */
const headingsOf = (pdf: PdfStructure) =>
  pdf.pages
    .flat()
    .filter((e) => /^H[1-6]$/.test(e.role) && e.text !== '')
    .map((e) => ({ level: Number(e.role.slice(1)), text: e.text }));

for (const doc of documents) {
  describe(doc.name, () => {
    it('shows its own title rather than the file name, and says it is Dutch', () => {
      assert.match(doc.pdf.title, doc.title);
      assert.equal(doc.pdf.displayDocTitle, true, '/ViewerPreferences /DisplayDocTitle true');
      assert.match(doc.pdf.lang ?? '', /^nl(-NL)?$/, 'the catalog names the language');
      assert.equal(doc.pdf.tree.role, 'Document');
    });

    it("tags every figure as one Figure whose /Alt is the figure's text alternative, with its labels kept as text", () => {
      const figures = figuresOf(doc.pdf);
      const expected = markdownFigures(doc.markdown);
      if (doc.kind === 'monitor') assert.ok(expected.length >= 10, `${expected.length} figures in the chapters`);
      assert.deepEqual(
        figures.map((f) => f.alt ?? '(geen /Alt)'),
        expected,
        'one Figure per figure of the chapters, in their order, each with the alt text as /Alt',
      );
      for (const f of figures) {
        assert.ok(!f.ancestors.includes('Figure'), `a Figure inside a Figure: ${f.alt}`);
        assert.match(f.text, /\d/, `the chart's labels are text in the PDF: ${f.alt}`);
      }
    });

    it('tags every table as a Table whose first row holds header cells (TH)', () => {
      const tables = [...walk(doc.pdf.tree)].filter((e) => e.role === 'Table');
      assert.equal(tables.length, markdownTableCount(doc.markdown), 'one Table per table of the chapters');
      if (doc.kind === 'monitor') assert.ok(tables.length >= 10, `${tables.length} tables`);
      const rows = (t: StructElement) => [...walk(t)].filter((e) => e.role === 'TR');
      const wrong = tables.filter((t) => {
        const first = rows(t)[0];
        return !first || first.children.length === 0 || first.children.some((c) => c.role !== 'TH');
      });
      assert.equal(wrong.length, 0, `${wrong.length} of ${tables.length} tables have no row of TH cells first`);
      for (const t of tables) {
        assert.ok(
          rows(t).slice(1).every((r) => r.children.some((c) => c.role === 'TD')),
          'the other rows hold data cells',
        );
      }
    });

    it("has its headings in the tag tree in the order of the chapters' headings", () => {
      let expected = markdownHeadings(doc.markdown);
      let found = headingsOf(doc.pdf);
      if (doc.kind === 'kamerbrief') {
        // The letter's title is not printed as a heading: the header block (dossier number and
        // title, the letter's H1) takes its place.
        assert.equal(expected[0]?.level, 1);
        expected = expected.slice(1);
        assert.equal(found[0]?.level, 1);
        found = found.slice(1);
      } else {
        // Before the chapters: the cover's title and the colophon; the table of contents follows
        // the Voorwoord (front matter that is a chapter), so it is taken out where it stands.
        assert.deepEqual(found.slice(0, 2).map((h) => h.text), ['Monitor nazorg ex-gedetineerden', 'Colofon']);
        found = found.slice(2);
        const inhoud = found.findIndex((h) => h.text === 'Inhoud');
        assert.ok(inhoud >= 0 && inhoud <= 2, `the table of contents among the front matter: ${JSON.stringify(found.slice(0, 4))}`);
        found = found.filter((_, i) => i !== inhoud);
      }
      assert.ok(expected.length >= 5);
      const show = (hs: { level: number; text: string }[]) => hs.map((h) => `H${h.level} ${squeeze(h.text)}`);
      assert.deepEqual(show(found), show(expected));
      // The whole tree in one piece (Poppler) has the same headings, levels in the same order.
      const levels = [...walk(doc.pdf.tree)].filter((e) => /^H[1-6]$/.test(e.role)).map((e) => e.role);
      assert.deepEqual(levels.slice(levels.length - expected.length), expected.map((h) => `H${h.level}`));
      assert.equal(levels.length, expected.length + (doc.kind === 'monitor' ? 3 : 1), 'no other headings');
    });

    it('keeps the running header and the page numbers out of the tag tree', () => {
      // "pagina 3 van 61", "page 6 of 61" (the English Summary), or the synthetic-data label
      // beside the number ("PROEFVERSIE – SYNTHETISCHE GEGEVENS · 2 van 3", the letter).
      const pageNumber = (line: string) => /(^|· )((pagina|page) )?\d+ (van|of) \d+$/.test(line.trim());
      const tagged = doc.pdf.pages.flat().filter((e) => pageNumber(e.text));
      assert.deepEqual(tagged.map((e) => `${e.role}: ${e.text}`), [], 'no page number inside a structure element');
      const pages = doc.pdf.untagged;
      // A running header repeats on several pages, or is a chapter's title on its only page.
      const seen = new Map<string, number>();
      for (const loose of pages) for (const t of new Set(loose)) seen.set(t.trim(), (seen.get(t.trim()) ?? 0) + 1);
      const headings = new Set(headingsOf(doc.pdf).map((h) => squeeze(h.text)));
      for (const [i, loose] of pages.entries()) {
        if (i > 0) assert.ok(loose.some(pageNumber), `page ${i + 1} has its number outside the tree: ${JSON.stringify(loose)}`);
        const other = loose.filter((t) => !pageNumber(t) && (seen.get(t.trim()) ?? 0) < 2 && !headings.has(squeeze(t)));
        assert.deepEqual(other, [], `page ${i + 1}: text outside the tag tree that is no running header or page number`);
      }
      // And the running header is not in the tree as a heading: each heading is tagged once.
      const texts = headingsOf(doc.pdf).map((h) => h.text);
      assert.equal(new Set(texts).size, texts.length, 'no heading tagged twice');
    });
  });
}
