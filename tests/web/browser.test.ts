/**
 * The web edition of both editions in a real browser (the Chromium that prints the PDFs):
 * WCAG 2.1 AA with axe-core, a phone's width without sideways scrolling, every link and
 * fragment resolving, the keyboard reaching every link and summary in order with a visible
 * focus, no request leaving the web folder, and the same from a plain static web server on the
 * loopback address. One browser and one tab for the whole file.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import axe from 'axe-core';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findBrowser } from '../../src/pdf/browser.ts';
import { LAUNCH_ARGS } from '../../src/pdf/launch.ts';
import { bouwWeb, type GebouwdeEditie } from './bouw.ts';

const { edities } = await bouwWeb();
const alle = edities.flatMap((e) => e.paginas.map((p) => ({ e, p, waar: `${e.slug}/web/${p}` })));

let chrome: Browser;
let page: Page;
/** Requests for anything outside the web folder of the page being looked at (aborted). */
const buiten: string[] = [];
/** Files of the web folder the browser asked for. */
const binnen = new Set<string>();
let webRoot = '';

before(async () => {
  const found = findBrowser();
  assert.ok(found, 'no Chrome/Chromium found: run `npx tsx src/pdf/install-browser.ts` or set MONITOR_CHROME');
  // The print's browser with the print's switches, except that it may reach the loopback
  // address, where the last test serves the site; every other host stays unresolvable.
  const args = LAUNCH_ARGS.map((a) => (a.startsWith('--host-resolver-rules=') ? `${a}, EXCLUDE 127.0.0.1` : a));
  chrome = await puppeteer.launch({ executablePath: found.executablePath, headless: true, args });
  page = await chrome.newPage();
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith(webRoot)) {
      binnen.add(url.slice(webRoot.length));
      void req.continue();
    } else {
      buiten.push(url);
      void req.abort();
    }
  });
});
after(async () => {
  await chrome?.close();
});

async function open(e: GebouwdeEditie, p: string, breedte: number): Promise<void> {
  webRoot = `${pathToFileURL(e.web).href}/`;
  await page.setViewport({ width: breedte, height: 800 });
  await page.goto(webRoot + p, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** What one visit of a page at 1280 px finds: axe's violations, its ids and links, and where Tab goes; then its width at 375 px. */
interface Bezoek {
  waar: string;
  pad: string;
  axe: string[];
  ids: string[];
  hrefs: string[];
  /** The first Tab that lands wrong or without a visible focus, if any. */
  tabFout?: string;
  /** The document's width (scrollWidth) with the window made 375 px wide. */
  breedte375: number;
}

/**
 * Every page visited once at 1280 px, for the tests that read it (axe, links, keyboard,
 * requests), and then narrowed to a phone's 375 px (the width test): loading each page once per
 * test made this file the most expensive of the suite. The page has no script, so narrowing
 * the window lays it out as loading it at 375 px does (the same media queries, the same
 * widths). Made by the first test that asks; the requests of these visits are what the request
 * test reads.
 */
let bezocht: Promise<Bezoek[]> | undefined;
const bezoeken = () => (bezocht ??= bezoekAlle());

async function bezoekAlle(): Promise<Bezoek[]> {
  buiten.length = 0;
  binnen.clear();
  const uit: Bezoek[] = [];
  for (const { e, p, waar } of alle) {
    await open(e, p, 1280);
    const pad = fileURLToPath(new URL(p, webRoot));
    await page.evaluate(axe.source);
    const violations = await page.evaluate(() =>
      (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'], resultTypes: ['violations'] }).then((x) =>
        x.violations.map((v) => `${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`),
      ),
    );
    const r = await page.evaluate(() => ({
      ids: Array.from(document.querySelectorAll('[id]'), (x) => x.id),
      hrefs: Array.from(document.querySelectorAll('a[href]'), (a) => (a as HTMLAnchorElement).href),
    }));
    const fout = await tabFout(waar);
    await page.setViewport({ width: 375, height: 800 });
    const breedte375 = await page.evaluate(() => document.documentElement.scrollWidth);
    uit.push({ waar, pad, axe: violations, ...r, ...(fout ? { tabFout: fout } : {}), breedte375 });
  }
  return uit;
}

/**
 * Tab from the top of the open page through every focusable element: each press must land on the
 * next one in document order, with a visible focus. A focusin listener notes where each press
 * lands and how the focus shows (so the presses need no round trip each to ask). The presses
 * (key down, key up, in that order, as puppeteer's press sends them) all go out at once: the
 * browser handles them one after the other as before, without the file waiting for each; on
 * this machine the walk over the ~1,600 focusable elements of both editions took 17 s pressed
 * one by one and under 4 s this way. Tried: a link without a visible focus and a tabindex that
 * breaks the order are still found.
 */
async function tabFout(waar: string): Promise<string | undefined> {
  const verwacht = await page.evaluate(() => {
    const lijst = Array.from(document.querySelectorAll('a[href], summary, [tabindex]:not([tabindex="-1"]), button, input, select, textarea')).filter((x) => x.checkVisibility());
    lijst.forEach((x, i) => x.setAttribute('data-tabvolgorde', String(i)));
    const gezien: { nr: string | null; tekst: string; zichtbaar: boolean }[] = [];
    (window as unknown as { gezien: typeof gezien }).gezien = gezien;
    document.addEventListener('focusin', () => {
      const a = document.activeElement as HTMLElement | null;
      const s = a ? getComputedStyle(a) : undefined;
      const zichtbaar = !!s && ((s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) >= 2) || (s.boxShadow !== 'none' && s.boxShadow !== ''));
      gezien.push({ nr: a?.getAttribute('data-tabvolgorde') ?? null, tekst: a?.textContent?.trim().slice(0, 40) ?? '', zichtbaar });
    });
    return lijst.length;
  });
  const toetsen: Promise<void>[] = [];
  for (let i = 0; i < verwacht; i++) toetsen.push(page.keyboard.down('Tab'), page.keyboard.up('Tab'));
  await Promise.all(toetsen);
  const gezien = await page.evaluate(() => (window as unknown as { gezien: { nr: string | null; tekst: string; zichtbaar: boolean }[] }).gezien);
  for (let i = 0; i < verwacht; i++) {
    const f = gezien[i];
    if (f?.nr !== String(i)) return `${waar}: Tab ${i + 1} lands on '${f?.tekst ?? '(focus did not move)'}' (${f?.nr ?? 'not in the list'}), expected element ${i}`;
    if (!f.zichtbaar) return `${waar}: '${f.tekst}' has no visible focus`;
  }
  return undefined;
}

test('axe-core finds no WCAG 2.1 A or AA violation on any page', async () => {
  assert.deepEqual((await bezoeken()).flatMap((b) => b.axe.map((v) => `${b.waar}: ${v}`)), []);
});

test('at 375 px wide no page scrolls sideways', async () => {
  const b = await bezoeken();
  assert.equal(b.length, alle.length);
  assert.deepEqual(b.filter((x) => x.breedte375 > 375).map((x) => `${x.waar}: ${x.breedte375} px`), []);
});

test('every link resolves: local files exist, every #fragment is on its page, the PDFs are ../pdf/', async () => {
  const b = await bezoeken();
  const idsVan = new Map(b.map((x) => [x.pad, new Set(x.ids)]));
  const links = b.flatMap((x) => x.hrefs.map((href) => ({ waar: x.waar, href })));
  const kapot: string[] = [];
  for (const { waar, href } of links) {
    const url = new URL(href);
    if (url.protocol !== 'file:') {
      // A reference's DOI in the Literatuur is a link a reader may follow, not a request the page
      // makes (the request test below holds that); any other address outside the folder is wrong.
      if (!(url.protocol === 'https:' && url.host === 'doi.org' && /-literatuur\.html$/.test(waar))) kapot.push(`${waar}: ${href} leaves the folder`);
      continue;
    }
    const pad = fileURLToPath(url);
    const editie = edities.find((e) => pad.startsWith(`${e.out}/`));
    if (!editie) kapot.push(`${waar}: ${href} is outside the edition`);
    else if (pad.startsWith(join(editie.out, 'pdf') + '/')) {
      const n = editie.slug.replace('e-meting', '');
      if (![`monitor-nazorg-${n}e-meting.pdf`, `kamerbrief-monitor-nazorg-${n}e-meting.pdf`].includes(pad.slice(pad.lastIndexOf('/') + 1))) kapot.push(`${waar}: ${href} is no PDF of the edition`);
    } else if (!pad.startsWith(`${editie.web}/`) || !existsSync(pad)) kapot.push(`${waar}: ${href} does not exist in web/`);
    else if (url.hash && !idsVan.get(pad)?.has(decodeURIComponent(url.hash.slice(1)))) kapot.push(`${waar}: ${href}: no such id on that page`);
  }
  assert.ok(links.length > 500, `${links.length} links`);
  assert.deepEqual(kapot, []);
});

test('Tab from the top reaches every link, summary and scroll box in document order, each with a visible focus', async () => {
  assert.deepEqual((await bezoeken()).flatMap((b) => (b.tabFout ? [b.tabFout] : [])), []);
});

test('no page asks for anything outside its web folder, and the fonts come from it', async () => {
  await bezoeken();
  assert.deepEqual(buiten, []);
  assert.ok([...binnen].some((f) => /^fonts\/source-serif-4-.*\.woff2$/.test(f)), `fonts loaded: ${[...binnen].join(', ')}`);
  assert.ok(binnen.has('web.css') && binnen.has('fonts.css'));
});

test('served by a plain static web server, every page loads with all it needs from that server alone', async () => {
  const e = edities[0]!;
  const soorten: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.woff2': 'font/woff2' };
  // A static server on the loopback address: files of web/, nothing else.
  const server = createServer((req, res) => {
    const rel = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '') || 'index.html';
    const pad = join(e.web, rel);
    if (!pad.startsWith(`${e.web}/`) || !existsSync(pad)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': soorten[extname(pad)] ?? 'application/octet-stream' }).end(readFileSync(pad));
  });
  await new Promise<void>((klaar) => server.listen(0, '127.0.0.1', klaar));
  const mislukt: string[] = [];
  const opAntwoord = (r: { status: () => number; url: () => string }) => {
    // Over http the browser asks for /favicon.ico by itself; no page links one.
    if (r.status() !== 200 && !r.url().endsWith('/favicon.ico')) mislukt.push(`${r.status()} ${r.url()}`);
  };
  page.on('response', opAntwoord);
  try {
    buiten.length = 0;
    binnen.clear();
    webRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await page.setViewport({ width: 1280, height: 800 });
    for (const p of e.paginas) {
      await page.goto(webRoot + p, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
    }
  } finally {
    page.off('response', opAntwoord);
    await new Promise((klaar) => server.close(klaar));
  }
  assert.deepEqual(buiten, []);
  assert.deepEqual(mislukt, []);
  assert.ok([...binnen].some((f) => /^fonts\/.*\.woff2$/.test(f)) && binnen.has('web.css'), [...binnen].join(', '));
});
