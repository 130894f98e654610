/**
 * Browser tests: these print real PDFs with Chromium and read them back with Poppler
 * (pdftotext, pdfinfo, pdffonts). They need both; without them they fail with a message saying
 * what to install rather than pass silently. Kept in this one file so they can run alone:
 *   node --import tsx --test tests/pdf/print.test.ts
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { renderDocument } from '../../src/html/document.ts';
import { findBrowser } from '../../src/pdf/browser.ts';
import { launchBrowser } from '../../src/pdf/launch.ts';
import { readOutline } from '../../src/pdf/pdf-file.ts';
import { printPdf, type PrintResult } from '../../src/pdf/print.ts';
import { InputError } from '../../src/util/errors.ts';

const fixtures = new URL('../html/fixtures/', import.meta.url);
const out = mkdtempSync(join(tmpdir(), 'print-test-'));
after(() => rmSync(out, { recursive: true, force: true }));

let chrome = '';
before(() => {
  const found = findBrowser();
  assert.ok(found, 'no Chrome/Chromium found: run `npx tsx src/pdf/install-browser.ts` or set MONITOR_CHROME');
  chrome = found.executablePath;
  for (const tool of ['pdftotext', 'pdfinfo', 'pdffonts']) {
    try {
      execFileSync(tool, ['-v'], { stdio: 'ignore' });
    } catch {
      assert.fail(`${tool} missing: install poppler-utils (apt-get install poppler-utils)`);
    }
  }
});

const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
const quiet = () => undefined;

function monitorHtml(): string {
  const chapter = (name: string) => {
    const file = new URL(`monitor/${name}`, fixtures);
    return { file: file.pathname, markdown: readFileSync(file, 'utf8') };
  };
  return renderDocument({
    title: 'Monitor nazorg ex-gedetineerden',
    lang: 'nl',
    kind: 'monitor',
    chapters: [{ ...chapter('01-samenvatting.md'), kind: 'ongenummerd' }, chapter('02-methoden.md')],
    meta: { date: '2021-03-08', authors: ['WODC'], subtitle: '6e meting', keywords: ['nazorg', 'recidive'] },
  });
}

const tiny = (body: string, head = '') =>
  `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Klein</title>${head}</head><body><h1>Klein</h1><p>Een korte tekst.</p>${body}</body></html>`;

describe('printPdf', () => {
  const outFile = join(out, 'monitor.pdf');
  let result: PrintResult;
  before(async () => {
    result = await printPdf({ html: monitorHtml(), outFile, baseDir: fileURLPath(fixtures), executablePath: chrome, onWarning: quiet });
  });

  it('prints the monitor to a tagged A4 PDF with its text, embedded project fonts, metadata, bookmarks and a table of contents with the right pages', () => {
    assert.equal(result.pages, 4);
    assert.ok(result.passes >= 2, 'a document with a table of contents is printed at least twice');
    assert.deepEqual(result.blocked, []);

    const info = poppler('pdfinfo', outFile);
    assert.match(info, /Page size:\s+594\.96 x 841\.92 pts \(A4\)/);
    assert.match(info, /Tagged:\s+yes/);
    assert.match(info, /Title:\s+Monitor nazorg ex-gedetineerden/);
    assert.match(info, /Author:\s+WODC/);
    assert.match(info, /Subject:\s+6e meting/);
    assert.match(info, /Keywords:\s+nazorg, recidive/);
    assert.match(info, /CreationDate:\s+Mon Mar\s+8 00:00:00 2021 UTC/);
    assert.match(readFileSync(outFile).toString('latin1'), /\/Lang \(nl\)/);

    const fonts = poppler('pdffonts', outFile).trim().split('\n').slice(2);
    assert.ok(fonts.length >= 2);
    for (const line of fonts) {
      assert.match(line, /SourceSerif4|SourceSans3/, `only the project's fonts: ${line}`);
      assert.match(line, /\s+yes\s+yes\s+yes\s+/, `embedded: ${line}`);
    }

    const pages = poppler('pdftotext', '-layout', outFile, '-').split('\f');
    assert.match(pages[0]!, /Monitor nazorg ex-gedetineerden/);
    assert.match(pages[3]!, /1\s+Methoden/);
    assert.match(pages[3]!, /Tabel 1\.1\s+Kenmerken van de uitstroom per cohort/);
    assert.match(pages[3]!, /Figuur 1\.1\s+Aandeel met werk per meetmoment/);
    assert.match(pages[3]!, /24 maanden na/, 'the chart text is text (a vector), not pixels');
    assert.match(pages[3]!, /pagina 4 van 4/);
    assert.match(pages[3]!, /1 Methoden/, 'running header with the chapter title');
    assert.match(pages[1]!, /Samenvatting\s+3\n/);
    assert.match(pages[1]!, /1\s+Methoden\s+4\n/);
    assert.match(pages[1]!, /1\.2\s+Werk en inkomen\s+4\n/);

    const outline = readOutline(readFileSync(outFile)).map((o) => `${o.page} ${o.title}`);
    assert.ok(outline.includes('2 Inhoud'), outline.join(' | '));
    assert.ok(outline.includes('4 1.1 Populatie'), outline.join(' | '));
  });

  it('prints the same bytes twice for the same document', async () => {
    const again = join(out, 'again.pdf');
    await printPdf({ html: monitorHtml(), outFile: again, baseDir: fileURLPath(fixtures), executablePath: chrome, onWarning: quiet });
    assert.ok(readFileSync(again).equals(readFileSync(outFile)), 'byte-identical');
  });

  it('fills in a table of contents from the layout pass and checks it against the print; entries that are no links are found from the bookmarks', async () => {
    const toc = (link: boolean) =>
      tiny(
        ['een', 'twee'].map((id) => `<p>${link ? `<a href="#${id}">${id}</a>` : id} <span data-page-of="${id}">000</span></p>`).join('') +
          '<h2 id="een" style="break-before: page">Een</h2><h2 id="twee" style="break-before: page">Twee</h2><p>Tekst.</p>',
      );
    for (const link of [true, false]) {
      const outFile = join(out, `toc-${link}.pdf`);
      const result = await printPdf({ html: toc(link), outFile, baseDir: out, executablePath: chrome, onWarning: quiet });
      const first = poppler('pdftotext', '-layout', '-f', '1', '-l', '1', outFile, '-');
      assert.match(first, /een 2\s*\n[\s\S]*twee 3\s*\n/, `links: ${link}`);
      // With links the layout pass places every entry and the one print after it is right; without,
      // that print is wrong and its bookmarks give the numbers for the next.
      assert.equal(result.passes, link ? 2 : 3, `links: ${link}`);
    }
  });

  it('refuses a document that loads anything but its own folder, the print style and the fonts (tests/pdf/allow-list.test.ts has every kind)', async () => {
    const outFile = join(out, 'blocked.pdf');
    const html = tiny(
      '<img src="https://example.org/x.png"><img src="file:///etc/hostname"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
      '<link rel="stylesheet" href="https://example.org/style.css">',
    );
    await assert.rejects(printPdf({ html, outFile, baseDir: out, executablePath: chrome, onWarning: quiet }), (e: unknown) =>
      e instanceof InputError && ['file:///etc/hostname', 'https://example.org/style.css', 'https://example.org/x.png'].every((u) => e.message.includes(`'${u}'`)) && !e.message.includes('data:image'),
    );
    assert.equal(existsSync(outFile), false);
  });

  it('gives up after the timeout with a clear error, keeps an older PDF and leaves no partial file', async () => {
    const outFile = join(out, 'traag.pdf');
    writeFileSync(outFile, 'vorige versie');
    await assert.rejects(
      printPdf({ html: tiny(''), outFile, baseDir: out, executablePath: chrome, timeout: 300, onWarning: quiet }),
      (e: unknown) => e instanceof InputError && /langer dan/.test(e.message) && /geen PDF geschreven/.test(e.message),
    );
    assert.equal(readFileSync(outFile, 'utf8'), 'vorige versie');
    assert.deepEqual(readdirSync(out).filter((f) => f.endsWith('.tmp')), []);
  });

  it('reports a browser that dies during the print, and writes no PDF', async () => {
    const outFile = join(out, 'crash.pdf');
    await assert.rejects(
      printPdf({
        html: tiny(''),
        outFile,
        baseDir: out,
        executablePath: chrome,
        onWarning: quiet,
        launch: async (path, options) => {
          const launched = await launchBrowser(path, options);
          launched.browser.process()?.kill('SIGKILL');
          return launched;
        },
      }),
      (e: unknown) => e instanceof InputError && /de browser is onverwacht gestopt/.test(e.message),
    );
    assert.equal(existsSync(outFile), false);
    assert.deepEqual(readdirSync(out).filter((f) => f.endsWith('.tmp')), []);
  });
});

function fileURLPath(url: URL): string {
  return decodeURIComponent(url.pathname);
}
