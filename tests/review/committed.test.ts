/**
 * The committed Markdown as a code host shows it: every chapter of every edition and every
 * Kamerbrief, rendered with a plain GFM renderer (tests/review/gfm.ts), has no project syntax
 * left, and every internal link lands on an anchor that exists.
 *
 * By default the test reads the committed out/: `npm run report -- --check` (CI runs it first)
 * guarantees that it is exactly what the pipeline writes now. With REVIEW_MARKDOWN_DIR=build it
 * builds every edition (without PDFs) into a temporary folder first, for a check of a working
 * tree whose out/ is not regenerated yet.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brokenLinks, duplicateAnchors, projectSyntax, renderGfm, type Rendered } from './gfm.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('committed Markdown on a code host', () => {
  let out = '';
  let temporary: string | undefined;
  const editions = new Map<string, Map<string, Rendered>>();
  const sources = new Map<string, string>();

  before(() => {
    if (process.env.REVIEW_MARKDOWN_DIR !== 'build') {
      out = resolve(ROOT, process.env.REVIEW_MARKDOWN_DIR ?? 'out');
    } else {
      temporary = mkdtempSync(join(tmpdir(), 'review-md-'));
      out = join(temporary, 'out');
      const run = spawnSync(process.execPath, ['bin/report.mjs', '--no-pdf', '--no-cache', '--out', out], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
    }
    for (const edition of readdirSync(out).filter((d) => existsSync(join(out, d, 'monitor')))) {
      const pages = new Map<string, Rendered>();
      const files = [...readdirSync(join(out, edition, 'monitor')).filter((f) => f.endsWith('.md')).map((f) => `monitor/${f}`), 'kamerbrief/kamerbrief.md'];
      for (const file of files) {
        const markdown = readFileSync(join(out, edition, file), 'utf8');
        sources.set(`${edition}/${file}`, markdown);
        pages.set(file, renderGfm(markdown));
      }
      editions.set(edition, pages);
    }
  });
  after(() => {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  });

  it('finds both editions, each with chapters and a letter', () => {
    assert.deepEqual([...editions.keys()].sort(), ['6e-meting', '7e-meting']);
    for (const pages of editions.values()) {
      assert.ok(pages.size >= 10);
      assert.ok(pages.has('kamerbrief/kamerbrief.md'));
    }
  });

  it('leaves no project syntax: no [@…], no {#…}, no Tabel: lines', () => {
    const found = [...sources].flatMap(([file, markdown]) => projectSyntax(markdown).map((f) => `${file}: ${f}`));
    assert.deepEqual(found, []);
  });

  it('links every reference: each internal link lands on an anchor of the rendered page', () => {
    let internal = 0;
    let crossFile = 0;
    for (const [edition, pages] of editions) {
      assert.deepEqual(brokenLinks(join(out, edition), pages), [], edition);
      for (const page of pages.values()) {
        internal += page.links.filter((l) => l.includes('#')).length;
        crossFile += page.links.filter((l) => /\.md#/.test(l)).length;
      }
    }
    // The chapters refer to each other's figures, tables and sections: the check saw them.
    assert.ok(internal > 100, `only ${internal} internal links`);
    assert.ok(crossFile > 10, `only ${crossFile} links to another chapter`);
  });

  it('numbers figures and tables in captions, each with its own anchor, and headings', () => {
    for (const [edition, pages] of editions) {
      const samenhang = [...pages].find(([f]) => f.includes('samenhang'))![1];
      assert.match(samenhang.html, /<em>Figuur \d+\.\d+ [^<]/, `${edition}: figure caption`);
      assert.match(samenhang.html, /<em>Tabel \d+\.\d+ [^<]/, `${edition}: table caption`);
      assert.match(samenhang.html, /<h1>\d+ /, `${edition}: numbered chapter heading`);
      for (const [file, page] of pages) assert.deepEqual(duplicateAnchors(page), [], `${edition}/${file}`);
    }
  });

  it('writes a paragraph one sentence per line', () => {
    // Two sentences on one line: a point after a word, number or parenthesis, then a capital
    // (tables and image descriptions aside).
    const long = [...sources].flatMap(([file, markdown]) =>
      markdown
        .split('\n')
        .filter((l) => !/^\s*(\||!\[)/.test(l))
        // a heading's or list item's own number ("## 1. Inleiding", "3. In hoeverre") is no sentence
        .filter((l) => /[\p{Ll}\d%)]\.\*{0,2} \*{0,2}\[?\p{Lu}\p{Ll}/u.test(l.replace(/^\s*(#+\s+)?([\da-z]{1,2}\.\s+)?/, '')))
        .map((l) => `${file}: ${l}`),
    );
    assert.deepEqual(long, []);
  });
});
