/**
 * The print's allow-list (issue 18): the browser may load the build's own temporary folder, the
 * print stylesheets and the shipped fonts, and nothing else. A template that reaches into data/
 * (with an image, an iframe, a stylesheet link or a CSS url()), or redirects the page, is a
 * broken template: the print fails with a Dutch message naming the reference as written, no PDF
 * is written, and the browser never shows the file. Needs Chromium (MONITOR_CHROME or a standard
 * location):
 *   node --import tsx --test tests/pdf/allow-list.test.ts
 *
 * npm test: eigen proces (tests/run.ts): a refused print must leave no temp folder of this
 * process, which a file sharing the process could add to.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { PROJECT_ROOT } from '../../src/util/paths.ts';
import { findBrowser } from '../../src/pdf/browser.ts';
import { printPdf } from '../../src/pdf/print.ts';
import { references, shippedAsset } from '../../src/pdf/gate.ts';
import { InputError } from '../../src/util/errors.ts';
import { tempResten } from '../helpers/processen.ts';

const werk = mkdtempSync(join(tmpdir(), 'toegestaan-test-'));
after(() => rmSync(werk, { recursive: true, force: true }));
// A build's temporary folder as the build lays it out: the HTML's base is its monitor/ folder.
const bouw = join(werk, '6e-meting.tmp-1');
const basis = join(bouw, 'monitor');
mkdirSync(join(bouw, 'figuren'), { recursive: true });
mkdirSync(basis);
writeFileSync(join(bouw, 'figuren', 'eigen.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');

// A file in the repository's data/ folder, as a template would name it: relative to the chapter.
const geheim = join(PROJECT_ROOT, 'data', '6e-meting', 'extractie.json');
const relatief = relative(basis, geheim);
const absoluut = pathToFileURL(geheim).href;

let chrome = '';
before(() => {
  const found = findBrowser();
  assert.ok(found, 'no Chrome/Chromium found: set MONITOR_CHROME');
  chrome = found.executablePath;
});

const css = pathToFileURL(join(PROJECT_ROOT, 'templates', 'print', 'monitor.css')).href;
const pagina = (body: string, head = '') =>
  `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Klein</title><link rel="stylesheet" href="${css}">${head}</head><body><h1>Klein</h1><p>Een korte tekst.</p>${body}</body></html>`;

/** Print `html` from the build folder; the error it must end in, and how long that took. */
async function geweigerd(html: string): Promise<{ fout: InputError; ms: number }> {
  const outFile = join(bouw, 'uit.pdf');
  // What another test file in this process (npm test packs cheap files together) left open is not this print's.
  const voor = new Set(tempResten(process.pid));
  const t = performance.now();
  let fout: unknown;
  try {
    await printPdf({ html, outFile, baseDir: basis, allowedRoots: [bouw], executablePath: chrome, onWarning: () => undefined });
  } catch (e) {
    fout = e;
  }
  const ms = Math.round(performance.now() - t);
  assert.ok(fout instanceof InputError, `an InputError, not ${String(fout)}`);
  assert.equal(existsSync(outFile), false, 'no PDF');
  assert.deepEqual(readdirSync(bouw).filter((f) => f.endsWith('.tmp')), [], 'no partial PDF');
  assert.deepEqual(tempResten(process.pid).filter((n) => !voor.has(n)), [], 'no profile or print folder left');
  return { fout, ms };
}

describe('the print loads only the build folder, the print style and the shipped fonts', () => {
  it('prints a document that uses its own figure, the print style and the fonts, refusing nothing', async (tc) => {
    const outFile = join(bouw, 'goed.pdf');
    const result = await printPdf({
      html: pagina('<p><img src="../figuren/eigen.svg" alt="eigen figuur"></p>'),
      outFile,
      baseDir: basis,
      allowedRoots: [bouw],
      executablePath: chrome,
      onWarning: (w) => assert.fail(`no warning expected: ${w}`),
    });
    assert.deepEqual(result.blocked, []);
    assert.equal(result.pages, 1);
    tc.diagnostic(`printed ${result.bytes} bytes`);
  });

  const gevallen: [string, string, string][] = [
    ['an image', `<p><img src="${relatief}" alt="x"></p>`, ''],
    ['an iframe', `<iframe src="${relatief}"></iframe>`, ''],
    ['a stylesheet link', '', `<link rel="stylesheet" href="${relatief}">`],
    ['a CSS url() in a style attribute', `<div style="background-image: url('${relatief}'); width: 5cm; height: 5cm"></div>`, ''],
    ['a CSS url() in a style element, as an absolute file URL', '<div class="achtergrond">x</div>', `<style>.achtergrond { background: url(${absoluut}); }</style>`],
    ['an object', `<object data="${relatief}" type="text/plain"></object>`, ''],
  ];
  for (const [wat, body, head] of gevallen) {
    it(`refuses ${wat} reaching into data/: a Dutch error naming the reference, no PDF`, async (tc) => {
      const { fout, ms } = await geweigerd(pagina(body, head));
      assert.match(fout.message, /het document laadt '.*data\/6e-meting\/extractie\.json' \(file:\/\/.*data\/6e-meting\/extractie\.json\); een PDF mag alleen de eigen bestanden van de bouw, de printstijl en de meegeleverde lettertypen laden/);
      assert.match(fout.hint ?? "", /Een sjabloon haalt iets binnen van buiten de bouw/);
      tc.diagnostic(`${ms} ms: ${fout.message.split('\n')[0]}`);
    });
  }

  it('refuses a page that redirects (<meta http-equiv="refresh">) before starting the browser', async (tc) => {
    for (const meta of [`<meta http-equiv="refresh" content="0; url=${relatief}">`, '<META HTTP-EQUIV=Refresh CONTENT="0">']) {
      const { fout, ms } = await geweigerd(pagina('', meta));
      assert.match(fout.message, /het document bevat een doorverwijzing \(<meta/i);
      assert.match(fout.hint ?? "", /een afdruk hoort niet door te verwijzen/);
      tc.diagnostic(`${ms} ms: ${fout.message.split('\n')[0]}`);
    }
  });

  it('refuses the network and other files of the machine too', async () => {
    const { fout } = await geweigerd(pagina('<img src="https://example.org/x.png"><img src="file:///etc/hostname">', '<link rel="stylesheet" href="https://example.org/style.css">'));
    for (const url of ['https://example.org/x.png', 'file:///etc/hostname', 'https://example.org/style.css']) {
      assert.ok(fout.message.includes(`'${url}'`), `${url} named in: ${fout.message}`);
    }
  });
});

describe('shippedAsset and references', () => {
  it('allows the print stylesheets and the fonts, nothing beside them', () => {
    assert.ok(shippedAsset(join(PROJECT_ROOT, 'templates', 'print', 'fonts.css')));
    assert.ok(shippedAsset(join(PROJECT_ROOT, 'node_modules', '@fontsource', 'source-serif-4', 'files', 'source-serif-4-latin-400-normal.woff2')));
    assert.ok(!shippedAsset(join(PROJECT_ROOT, 'templates', 'print', 'monitor.html')));
    assert.ok(!shippedAsset(join(PROJECT_ROOT, 'templates', 'monitor', 'x.css')));
    assert.ok(!shippedAsset(join(PROJECT_ROOT, 'node_modules', '@fontsource', 'source-serif-4', 'package.json')));
    assert.ok(!shippedAsset(join(PROJECT_ROOT, 'node_modules', 'puppeteer-core', 'files', 'x.woff2')));
    assert.ok(!shippedAsset(join(PROJECT_ROOT, 'data', '6e-meting', 'extractie.json')));
  });

  it('finds references as written in attributes, url() and @import, by the URL they resolve to', () => {
    const found = references(`<img src="../x.png"><a href='y.html'>y</a><div style="background: url( &quot;z.png&quot; )"></div><style>@import "s.css"; p { background: url(/abs.png) }</style>`, 'file:///b/m/');
    assert.equal(found.get('file:///b/x.png'), '../x.png');
    assert.equal(found.get('file:///b/m/y.html'), 'y.html');
    assert.equal(found.get('file:///b/m/s.css'), 's.css');
    assert.equal(found.get('file:///abs.png'), '/abs.png');
  });
});
