/**
 * The web edition of both editions in a real browser (the Chromium that prints the PDFs):
 * WCAG 2.1 AA with axe-core, a phone's width without sideways scrolling, every link and
 * fragment resolving, the keyboard reaching every link and summary in order with a visible
 * focus, and no request leaving the web folder. One browser and one tab for the whole file.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import axe from 'axe-core';
import type { Page } from 'puppeteer-core';
import { findBrowser, launchBrowser, type LaunchedBrowser } from '../../src/pdf/browser.ts';
import { bouwWeb, type GebouwdeEditie } from './bouw.ts';

const { edities } = await bouwWeb();
const alle = edities.flatMap((e) => e.paginas.map((p) => ({ e, p, waar: `${e.slug}/web/${p}` })));

let chrome: LaunchedBrowser;
let page: Page;
/** Requests for anything outside the web folder of the page being looked at (aborted). */
const buiten: string[] = [];
/** Files of the web folder the browser asked for. */
const binnen = new Set<string>();
let webRoot = '';

before(async () => {
  const found = findBrowser();
  assert.ok(found, 'no Chrome/Chromium found: run `npx tsx src/pdf/install-browser.ts` or set MONITOR_CHROME');
  chrome = await launchBrowser(found.executablePath);
  page = await chrome.browser.newPage();
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

test('axe-core finds no WCAG 2.1 A or AA violation on any page', async () => {
  const fouten: string[] = [];
  for (const { e, p, waar } of alle) {
    await open(e, p, 1280);
    await page.evaluate(axe.source);
    const r = await page.evaluate(() =>
      (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'], resultTypes: ['violations'] }).then((x) =>
        x.violations.map((v) => `${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`),
      ),
    );
    fouten.push(...r.map((v) => `${waar}: ${v}`));
  }
  assert.deepEqual(fouten, []);
});

test('at 375 px wide no page scrolls sideways', async () => {
  const breed: string[] = [];
  for (const { e, p, waar } of alle) {
    await open(e, p, 375);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w > 375) breed.push(`${waar}: ${w} px`);
  }
  assert.deepEqual(breed, []);
});

test('every link resolves: local files exist, every #fragment is on its page, the PDFs are ../pdf/', async () => {
  const idsVan = new Map<string, Set<string>>();
  const links: { waar: string; href: string }[] = [];
  for (const { e, p, waar } of alle) {
    await open(e, p, 1280);
    const r = await page.evaluate(() => ({
      ids: Array.from(document.querySelectorAll('[id]'), (x) => x.id),
      hrefs: Array.from(document.querySelectorAll('a[href]'), (a) => (a as HTMLAnchorElement).href),
    }));
    idsVan.set(fileURLToPath(new URL(p, webRoot)), new Set(r.ids));
    links.push(...r.hrefs.map((href) => ({ waar, href })));
  }
  const kapot: string[] = [];
  for (const { waar, href } of links) {
    const url = new URL(href);
    if (url.protocol !== 'file:') {
      kapot.push(`${waar}: ${href} leaves the folder`);
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
  const fouten: string[] = [];
  for (const { e, p, waar } of alle) {
    await open(e, p, 1280);
    const verwacht = await page.evaluate(() => {
      const lijst = Array.from(document.querySelectorAll('a[href], summary, [tabindex]:not([tabindex="-1"]), button, input, select, textarea')).filter((x) => x.checkVisibility());
      lijst.forEach((x, i) => x.setAttribute('data-tabvolgorde', String(i)));
      return lijst.length;
    });
    for (let i = 0; i < verwacht; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        const s = a ? getComputedStyle(a) : undefined;
        const zichtbaar = !!s && ((s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) >= 2) || (s.boxShadow !== 'none' && s.boxShadow !== ''));
        return { nr: a?.getAttribute('data-tabvolgorde'), tekst: a?.textContent?.trim().slice(0, 40) ?? '', zichtbaar };
      });
      if (f.nr !== String(i)) {
        fouten.push(`${waar}: Tab ${i + 1} lands on '${f.tekst}' (${f.nr ?? 'not in the list'}), expected element ${i}`);
        break;
      }
      if (!f.zichtbaar) {
        fouten.push(`${waar}: '${f.tekst}' has no visible focus`);
        break;
      }
    }
  }
  assert.deepEqual(fouten, []);
});

test('no page asks for anything outside its web folder, and the fonts come from it', async () => {
  buiten.length = 0;
  binnen.clear();
  for (const { e, p } of alle) await open(e, p, 1280);
  assert.deepEqual(buiten, []);
  assert.ok([...binnen].some((f) => /^fonts\/source-serif-4-.*\.woff2$/.test(f)), `fonts loaded: ${[...binnen].join(', ')}`);
  assert.ok(binnen.has('web.css') && binnen.has('fonts.css'));
});
