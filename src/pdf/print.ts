/**
 * Print an HTML document (from renderDocument) to a PDF with Chromium.
 *
 *   1. write the HTML to a private temp folder and open it as a file:// page, so the stylesheet,
 *      fonts and images load from the project by file URL (a page from setContent may not)
 *   2. refuse every request that is not a data: URI, a file inside the allowed folders (the
 *      build's own temporary folder), a print stylesheet or a shipped font: a document that
 *      reaches for anything else (data/, the network, a redirect) is a broken template, and the
 *      print fails with the references it made (a print must never depend on, or leak, any other
 *      file, nor touch the network)
 *   3. wait for the fonts; a font that failed is reported
 *   4. table of contents: print once, read on which page each heading landed from the PDF's
 *      bookmarks, fill in `[data-page-of]`, print again (until the numbers are stable)
 *   5. final print: A4, tagged, with bookmarks; afterwards the bookmarks Chromium garbled are
 *      retitled, the catalog gets the language and DisplayDocTitle where the browser left them
 *      out, and the information dictionary (title, author, subject, keywords, dates from the
 *      document rather than the clock) is set
 *   6. write to a temp file beside `outFile` and rename it into place only on success
 *
 * A watchdog gives each step its own deadline (`deadlines`): starting the browser, loading the
 * page, printing. A browser that hangs in one of them gives a Dutch error naming that step; one
 * that crashes gives an error too; either way no partial PDF is left and the browser is always
 * closed (killed when it does not close), so the process can exit.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Frame, HTTPRequest, Page } from 'puppeteer-core';
import { ISO_DATE } from '../util/dates.ts';
import { InputError } from '../util/errors.ts';
import { launchBrowser, PRINT_NAME, resolveBrowser, sweepStaleBrowsers, type LaunchedBrowser } from './browser.ts';
import { PROJECT_ROOT } from '../util/paths.ts';
import { removeOnExit, tempPrefix } from '../util/cleanup.ts';
import { normaliseNodeIds, pageCount, readOutline, setCatalog, setInfo, setOutlineTitles, type OutlineEntry } from './pdf-file.ts';

export interface PrintOptions {
  /** the complete HTML document */
  readonly html: string;
  readonly outFile: string;
  /** relative URLs in the document resolve against this folder; files in it may be loaded */
  readonly baseDir: string;
  /**
   * folders whose files the page may load; default: baseDir. Besides these only the print
   * stylesheets and the shipped fonts (`shippedAsset`) and data: URIs load.
   */
  readonly allowedRoots?: readonly string[];
  /** the browser; default: found (or installed) by resolveBrowser */
  readonly executablePath?: string;
  /** upper bound in milliseconds for each of the steps in `deadlines` at once (for tests) */
  readonly timeout?: number;
  /** upper bound in milliseconds per step; default: start 30 000, laden 60 000, printen 120 000 */
  readonly deadlines?: Partial<Deadlines>;
  /** overrides what the document's <head> says (title, author, description, keywords, dcterms.created) */
  readonly metadata?: Partial<PrintMetadata>;
  /** called with each warning (blocked requests, failed fonts); default: stderr */
  readonly onWarning?: (message: string) => void;
  /**
   * A browser already started with startPrintBrowser, shared between prints: it is used instead
   * of launching one and is not closed here, unless it missed a deadline or crashed (then it is
   * killed, which fails the other prints on it too). The 'start' deadline covers waiting for it.
   */
  readonly browser?: Promise<LaunchedBrowser>;
  /** launches the browser; for tests */
  readonly launch?: (executablePath: string, options: { timeout: number; protocolTimeout?: number; signal?: AbortSignal }) => Promise<LaunchedBrowser>;
}

/** The watchdog's steps, each with its own deadline. */
export interface Deadlines {
  /** the browser starts and answers */
  readonly start: number;
  /** the page, its stylesheet, fonts and images load */
  readonly laden: number;
  /** every print pass (with a table of contents two or more) */
  readonly printen: number;
}

const DEFAULT_DEADLINES: Deadlines = { start: 30_000, laden: 60_000, printen: 120_000 };

const STAP: Record<keyof Deadlines, { wat: string; tip: string }> = {
  start: {
    wat: 'het starten van de browser',
    tip: 'De browser start niet of antwoordt niet. Controleer of hij werkt (bijvoorbeeld met --version), of wijs met MONITOR_CHROME een andere aan.',
  },
  laden: {
    wat: 'het laden van het document in de browser',
    tip: 'De browser bleef hangen bij het openen van het document, de stijl of de lettertypen. Probeer het opnieuw; gebeurt het steeds, wijs dan met MONITOR_CHROME een andere browser aan.',
  },
  printen: {
    wat: 'het printen',
    tip: 'Een erg groot document of een haperende browser. Probeer het opnieuw; gebeurt het steeds, wijs dan met MONITOR_CHROME een andere browser aan.',
  },
};

const duur = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

interface PrintMetadata {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: string;
  /** JJJJ-MM-DD: the PDF's creation and modification date */
  readonly date: string;
}

export interface PrintResult {
  readonly outFile: string;
  readonly pages: number;
  readonly bytes: number;
  /** every request that was refused, in order (a print with any fails; kept for the record) */
  readonly blocked: readonly string[];
  /** how many times the document was printed (2 or more with a table of contents) */
  readonly passes: number;
  readonly warnings: readonly string[];
}

export const PDF_OPTIONS = {
  format: 'a4',
  printBackground: true,
  preferCSSPageSize: true,
  displayHeaderFooter: false,
  outline: true,
  tagged: true,
} as const;

const MAX_TOC_PASSES = 4;

/** Print `html` to `outFile` (see the module comment for the steps). */
export async function printPdf(options: PrintOptions): Promise<PrintResult> {
  const timeout = options.timeout ?? 120_000;
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    (options.onWarning ?? ((m: string) => process.stderr.write(`waarschuwing: ${m}\n`)))(message);
  };
  const executablePath = options.executablePath ?? (await resolveBrowser()).executablePath;
  const outFile = resolve(options.outFile);
  const t = options.timeout;
  const deadlines: Deadlines = { ...DEFAULT_DEADLINES, ...(t === undefined ? {} : { start: t, laden: t, printen: t }), ...options.deadlines };
  refuseRedirect(options.html, outFile);
  sweepStaleBrowsers();
  const work = mkdtempSync(join(tmpdir(), tempPrefix(PRINT_NAME)));
  const releaseWork = removeOnExit(work);
  const documentPath = join(work, 'document.html');
  writeFileSync(documentPath, withBase(options.html, options.baseDir));
  const allowed = (options.allowedRoots ?? [options.baseDir]).map((r) => resolve(r));
  const blocked: Blocked = { urls: [], redirects: new Set(), opened: false };
  const partial = join(dirname(outFile), `.${basename(outFile)}.${process.pid}.tmp`);

  // The watchdog: each step runs under its deadline from its begin() to the next; when it passes,
  // `expired` rejects with the step's name (and a launch in progress is aborted).
  let timer: NodeJS.Timeout | undefined;
  let onExpire: ((e: InputError) => void) | undefined;
  const expired = new Promise<never>((_, reject) => (onExpire = reject));
  expired.catch(() => undefined); // observed by the race below
  const abortLaunch = new AbortController();
  const begin = (naam: keyof Deadlines): void => {
    clearTimeout(timer);
    const ms = deadlines[naam];
    timer = setTimeout(() => {
      if (naam === 'start') abortLaunch.abort();
      onExpire!(
        new InputError([`${outFile}: ${STAP[naam].wat} duurde langer dan ${duur(ms)} en is afgebroken; er is geen PDF geschreven`], STAP[naam].tip),
      );
    }, ms);
  };

  let launching: Promise<LaunchedBrowser> | undefined;
  const job = async (): Promise<PrintResult> => {
    begin('start');
    // The protocol timeout only backs up the watchdog: a step that hangs is stopped by its deadline.
    const protocolTimeout = Math.max(deadlines.laden, deadlines.printen) + 10_000;
    launching = options.browser ?? (options.launch ?? launchBrowser)(executablePath, { timeout: deadlines.start, protocolTimeout, signal: abortLaunch.signal });
    const { browser } = await launching;
    const crashError = () =>
      new InputError([`${outFile}: de browser is onverwacht gestopt tijdens het printen; er is geen PDF geschreven`],
        'Probeer het opnieuw; gebeurt het steeds, controleer dan de browser (MONITOR_CHROME) en het vrije geheugen.');
    const crashed = new Promise<never>((_, reject) => {
      if (!browser.connected) reject(crashError());
      browser.once('disconnected', () => reject(crashError()));
    });
    crashed.catch(() => undefined); // observed by the race below; never an unhandled rejection
    const run = async () => {
      const page = await browser.newPage();
      page.on('error', () => undefined); // a page crash also disconnects or fails the next call
      // Static documents: no script may change what is printed (or print the clock).
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      const documentUrl = pathToFileURL(documentPath).href;
      page.on('request', (request) => gate(request, allowed, documentPath, blocked, page.mainFrame()));
      const refuseBlocked = () => {
        if (blocked.urls.length > 0) throw refused(blocked, options.html, options.baseDir, outFile);
      };
      begin('laden');
      await page.goto(documentUrl, { waitUntil: 'load', timeout: 0 });
      const failedFonts = await page.evaluate(async () => {
        await document.fonts.ready;
        return Array.from(document.fonts as unknown as Iterable<FontFace>)
          .filter((f) => f.status === 'error')
          .map((f) => `${f.family} ${f.weight} ${f.style}`);
      });
      refuseBlocked();
      for (const font of failedFonts) warn(`lettertype niet geladen: ${font}`);
      const meta = { ...(await headMetadata(page)), ...options.metadata };

      let passes = 0;
      let pdf: Uint8Array;
      begin('printen');
      if (await page.$('[data-page-of]')) {
        let previous = '';
        await fillPageNumbers(page, null);
        for (;;) {
          pdf = await page.pdf({ ...PDF_OPTIONS, timeout: 0 });
          passes++;
          const numbers = pagesOf(await matchHeadings(page, readOutline(pdf)));
          const key = JSON.stringify(numbers);
          if (key === previous) break;
          if (passes >= MAX_TOC_PASSES) {
            warn('paginanummers in de inhoudsopgave werden niet stabiel; controleer de inhoudsopgave');
            break;
          }
          await fillPageNumbers(page, numbers);
          previous = key;
        }
      } else {
        pdf = await page.pdf({ ...PDF_OPTIONS, timeout: 0 });
        passes = 1;
      }

      refuseBlocked(); // something the print itself asked for
      const repaired = repairOutline(pdf, await matchHeadings(page, readOutline(pdf)));
      clearTimeout(timer);
      // A viewer shows the title, not the file name; the language is the document's (Chromium
      // writes both itself; this only fills in what a browser left out).
      const catalogued = setCatalog(repaired, { lang: (await page.evaluate(() => document.documentElement.lang)) || undefined, displayDocTitle: true });
      const finished = normaliseNodeIds(setInfo(catalogued, {
        title: meta.title || undefined,
        author: meta.author || undefined,
        subject: meta.subject || undefined,
        keywords: meta.keywords || undefined,
        creationDate: meta.date ? documentDate(meta.date) : undefined,
      }));
      return { pdf: finished, passes };
    };

    const { pdf, passes } = await Promise.race([
      run().catch((e: unknown) => {
        // A dead browser makes puppeteer fail with "Target closed" and the like; say what happened.
        throw browser.connected || e instanceof InputError ? e : crashError();
      }),
      crashed,
    ]);
    if (settled) throw new Error('print cancelled'); // the deadline passed meanwhile: write nothing
    await writeFile(partial, pdf);
    if (settled) {
      await unlink(partial).catch(() => undefined);
      throw new Error('print cancelled');
    }
    await rename(partial, outFile);
    return { outFile, pages: pageCount(pdf), bytes: pdf.length, blocked: [...blocked.urls], passes, warnings };
  };

  let settled = false;
  const running = job();
  running.catch(() => undefined); // after a deadline it fails on its own, unobserved
  try {
    return await Promise.race([running, expired]);
  } catch (e) {
    settled = true;
    await unlink(partial).catch(() => undefined);
    throw e;
  } finally {
    clearTimeout(timer);
    // Also when the deadline struck during the launch: the launch was aborted, so this settles
    // at once; close (or kill) what it started.
    // A browser that missed a deadline or crashed is killed rather than asked to close.
    const launched = await launching?.catch(() => undefined);
    if (!options.browser || settled) await launched?.close({ kill: settled });
    releaseWork();
  }
}

/**
 * Start one browser for several prints (printPdf's `browser`), with the same launch deadline and
 * protocol timeout a print of its own would use. The caller closes it.
 */
export function startPrintBrowser(executablePath: string, deadlines: Partial<Deadlines> = {}): Promise<LaunchedBrowser> {
  const d = { ...DEFAULT_DEADLINES, ...deadlines };
  const launched = launchBrowser(executablePath, { timeout: d.start, protocolTimeout: Math.max(d.laden, d.printen) + 10_000 });
  launched.catch(() => undefined); // the print that awaits it reports the failure
  return launched;
}

/** The print stylesheets (templates/print/*.css) and the fonts they name (@fontsource). */
const PRINT_STYLES = join(PROJECT_ROOT, 'templates', 'print');
const FONTS = join(PROJECT_ROOT, 'node_modules', '@fontsource');

/** Whether `path` is a file the project ships for every print: a print stylesheet or a font. */
export function shippedAsset(path: string): boolean {
  if (dirname(path) === PRINT_STYLES) return path.endsWith('.css');
  const rel = relative(FONTS, path).split(sep);
  return rel.length === 3 && rel[0] !== '..' && rel[1] === 'files' && /\.woff2?$/.test(rel[2]!);
}

/**
 * Let through data: URIs, the document itself (once: a second navigation of the page is a
 * redirect), files inside the allowed folders and the shipped assets; abort and record anything
 * else.
 */
function gate(request: HTTPRequest, allowed: readonly string[], documentPath: string, blocked: Blocked, main: Frame): void {
  if (request.isInterceptResolutionHandled()) return;
  const url = request.url();
  let ok = url.startsWith('data:');
  if (url.startsWith('file:')) {
    let path: string;
    try {
      path = fileURLToPath(url);
    } catch {
      path = '';
    }
    if (request.isNavigationRequest() && request.frame() === main) {
      ok = path === documentPath && !blocked.opened;
      blocked.opened = true;
      if (!ok) blocked.redirects.add(url);
    } else {
      ok = path !== '' && (allowed.some((root) => isInside(path, root)) || shippedAsset(path));
    }
  } else if (request.isNavigationRequest() && request.frame() === main) {
    blocked.redirects.add(url);
  }
  if (ok) {
    void request.continue();
    return;
  }
  blocked.urls.push(url);
  void request.abort('blockedbyclient');
}

/** What the gate refused: every URL in order, and which of them were navigations of the page itself. */
interface Blocked {
  readonly urls: string[];
  readonly redirects: Set<string>;
  /** the page has made its one navigation (to the document) */
  opened: boolean;
}

/** Every URL-valued reference in the HTML as written, by the URL it resolves to. */
export function references(html: string, base: string): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /\b(?:src|href|data|poster|background|action|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi,
    /url\(\s*(?:"([^"]*)"|'([^']*)'|&quot;(.*?)&quot;|([^)'"]*?))\s*\)/gi,
    /@import\s+(?:"([^"]*)"|'([^']*)')/gi,
  ];
  for (const pattern of patterns) {
    for (const m of html.matchAll(pattern)) {
      const written = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim();
      try {
        const url = new URL(written.replaceAll('&amp;', '&'), base).href;
        if (!found.has(url)) found.set(url, written);
      } catch {
        // not a URL: nothing the browser would load
      }
    }
  }
  return found;
}

/** The error for a document that reached outside what a print may load. */
function refused(blocked: Blocked, html: string, baseDir: string, outFile: string): InputError {
  const written = references(html, pathToFileURL(resolve(baseDir) + '/').href);
  const lines = [...new Set(blocked.urls)].map((url) => {
    const what = written.has(url) ? `'${written.get(url)}' (${url})` : url;
    return blocked.redirects.has(url)
      ? `${outFile}: het document verwijst de browser door naar ${what}; die doorverwijzing is niet gevolgd`
      : `${outFile}: het document laadt ${what}; een PDF mag alleen de eigen bestanden van de bouw, de printstijl en de meegeleverde lettertypen laden`;
  });
  return new InputError(lines,
    'Een sjabloon haalt iets binnen van buiten de bouw: een bestand in data/ of elders in het project, of een adres op internet. Neem figuren op met {{figuur "naam"}} en verwijder de verwijzing uit het sjabloon.');
}

/** A document that redirects (<meta http-equiv="refresh">) would print something else, or nothing. */
function refuseRedirect(html: string, outFile: string): void {
  const m = /<meta\b[^>]*\bhttp-equiv\s*=\s*["']?\s*refresh\b[^>]*>/i.exec(html);
  if (m) {
    throw new InputError([`${outFile}: het document bevat een doorverwijzing (${m[0]}); die wordt niet gevolgd en er is geen PDF geschreven`],
      'Een sjabloon bevat een <meta http-equiv="refresh">: een afdruk hoort niet door te verwijzen. Verwijder die regel uit het sjabloon.');
  }
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Relative URLs must resolve against baseDir, not the temp folder the document is opened from. */
export function withBase(html: string, baseDir: string): string {
  if (/<base\s/i.test(html)) return html;
  const href = pathToFileURL(resolve(baseDir) + '/').href;
  return html.replace(/<head([^>]*)>/i, `<head$1>\n<base href="${href}">`);
}

/*
 * Functions given to page.evaluate run in the page. They must not declare named functions or
 * consts holding arrows: tsx (esbuild keepNames) wraps those in a `__name` helper that does not
 * exist in the page. And with JavaScript disabled, DOM methods may not call back into script
 * (NodeList.forEach fails): copy to an array first.
 */

async function headMetadata(page: Page): Promise<PrintMetadata> {
  const [title, author, subject, keywords, date] = await page.evaluate(() => [
    document.title,
    ...['author', 'description', 'keywords', 'dcterms.created'].map(
      (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '',
    ),
  ]);
  return { title: title ?? '', author: author ?? '', subject: subject ?? '', keywords: keywords ?? '', date: date ?? '' };
}

function documentDate(iso: string): Date {
  const date = new Date(`${iso}T00:00:00Z`);
  if (!ISO_DATE.test(iso) || Number.isNaN(date.getTime())) {
    throw new InputError([`documentdatum '${iso}' is geen datum als JJJJ-MM-DD`]);
  }
  return date;
}

export interface HeadingMatch {
  readonly id: string;
  /** the heading's text, whitespace collapsed */
  readonly text: string;
  readonly entry: OutlineEntry;
}

/**
 * Where each heading landed: Chromium makes a bookmark of every heading, in document order, so
 * the headings of the page and the bookmarks of the PDF are walked side by side, matching on
 * the text. A heading that a page break pushed on (break-after: avoid) gets a bookmark with its
 * text twice over ("2.42.4 Werk Werk", Chromium 156); that still matches, and is repaired in
 * `repairOutline`.
 */
async function matchHeadings(page: Page, outline: readonly OutlineEntry[]): Promise<HeadingMatch[]> {
  const headings = await page.evaluate(() =>
    Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map((h) => {
      const segments: string[] = [];
      const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) segments.push(n.nodeValue ?? '');
      return { id: h.id, segments };
    }),
  );
  return matchOutline(headings, outline);
}

/** The pure half of matchHeadings: headings as their text nodes, in document order. */
export function matchOutline(headings: readonly { id: string; segments: readonly string[] }[], outline: readonly OutlineEntry[]): HeadingMatch[] {
  const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  const matches: HeadingMatch[] = [];
  let o = 0;
  for (const heading of headings) {
    const variants = [1, 2, 3].map((k) => norm(heading.segments.map((s) => s.repeat(k)).join('')));
    let k = o;
    while (k < outline.length && !variants.includes(norm(outline[k]!.title))) k++;
    if (k === outline.length) continue; // not in the outline (hidden); keep looking for the next
    matches.push({ id: heading.id, text: heading.segments.join('').replace(/\s+/g, ' ').trim(), entry: outline[k]! });
    o = k + 1;
  }
  return matches;
}

/** heading id -> page, for the table of contents. */
function pagesOf(matches: readonly HeadingMatch[]): Record<string, number> {
  return Object.fromEntries(matches.filter((m) => m.id).map((m) => [m.id, m.entry.page]));
}

/** Give bookmarks whose title Chromium garbled the heading's own text. */
function repairOutline(pdf: Uint8Array, matches: readonly HeadingMatch[]): Uint8Array {
  // Whitespace collapsed, not removed: a number set as a block ("Bijlage 1" above the title)
  // loses its space in Chromium's bookmark ("Bijlage 1Tabellen"), which must be repaired too.
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const titles = new Map(matches.filter((m) => norm(m.entry.title) !== norm(m.text)).map((m) => [m.entry.object, m.text]));
  return setOutlineTitles(pdf, titles);
}

/** Fill every `[data-page-of=id]` with the page of #id; `null` fills placeholders of equal width. */
async function fillPageNumbers(page: Page, numbers: Record<string, number> | null): Promise<void> {
  await page.evaluate((numbers) => {
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-page-of]'))) {
      el.textContent = numbers ? String(numbers[el.dataset.pageOf ?? ''] ?? '?') : '000';
    }
  }, numbers);
}
