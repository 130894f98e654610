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
 *   4. table of contents: a layout pass (a print with nothing painted, no tags, no bookmarks)
 *      says on which page each heading lands; fill in `[data-page-of]`, print, and check the
 *      numbers against that print's bookmarks (print again with those until they hold)
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
import { writeFileSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { ISO_DATE } from '../util/dates.ts';
import { InputError } from '../util/errors.ts';
import { BROWSER, STAP } from './messages.ts';
import { resolveBrowser } from './browser.ts';
import { launchBrowser, PRINT_NAME, sweepStaleBrowsers, type LaunchedBrowser } from './launch.ts';
import { tempFolder } from '../util/cleanup.ts';
import { gate, refused, refuseRedirect, withBase, type Blocked } from './gate.ts';
import { fillPageNumbers, headMetadata, matchHeadings, pagesOf, repairOutline, tocHolds, tocIds, type HeadingMatch, type PrintMetadata } from './page.ts';
import { normaliseNodeIds, pageCount, readDestinations, readOutline, setCatalog, setInfo } from './pdf-file.ts';

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

const duur = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

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

/** The layout pass and at most four full prints. */
const MAX_TOC_PASSES = 5;

/**
 * The watchdog: each step runs under its deadline from its begin() to the next; when it passes,
 * `expired` rejects with the step's name (and a launch in progress is aborted).
 */
class Watchdog {
  private timer: NodeJS.Timeout | undefined;
  private onExpire: ((e: InputError) => void) | undefined;
  readonly expired = new Promise<never>((_, reject) => (this.onExpire = reject));
  readonly abortLaunch = new AbortController();

  constructor(
    private readonly deadlines: Deadlines,
    private readonly outFile: string,
  ) {
    this.expired.catch(() => undefined); // observed by the race in printPdf
  }

  begin(naam: keyof Deadlines): void {
    clearTimeout(this.timer);
    const ms = this.deadlines[naam];
    this.timer = setTimeout(() => {
      if (naam === 'start') this.abortLaunch.abort();
      this.onExpire!(new InputError([BROWSER.teLaat(this.outFile, STAP[naam].wat, duur(ms), STAP[naam].tip)]));
    }, ms);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

/** One print: what it was asked, where it works, and what happened so far. */
interface PrintJob {
  readonly options: PrintOptions;
  readonly outFile: string;
  /** the HTML as the page opens it, in the print's private temp folder */
  readonly documentPath: string;
  /** the temp file beside outFile that is renamed into place */
  readonly partial: string;
  readonly allowed: readonly string[];
  readonly blocked: Blocked;
  readonly deadlines: Deadlines;
  readonly watchdog: Watchdog;
  readonly warnings: string[];
  readonly warn: (message: string) => void;
  /** the deadline passed or the print failed: write nothing more */
  settled: boolean;
  launching?: Promise<LaunchedBrowser>;
}

/** Print `html` to `outFile` (see the module comment for the steps). */
export async function printPdf(options: PrintOptions): Promise<PrintResult> {
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
  const { path: work, release: releaseWork } = tempFolder(PRINT_NAME);
  const documentPath = join(work, 'document.html');
  writeFileSync(documentPath, withBase(options.html, options.baseDir));
  const job: PrintJob = {
    options,
    outFile,
    documentPath,
    partial: join(dirname(outFile), `.${basename(outFile)}.${process.pid}.tmp`),
    allowed: (options.allowedRoots ?? [options.baseDir]).map((r) => resolve(r)),
    blocked: { urls: [], redirects: new Set(), opened: false },
    deadlines,
    watchdog: new Watchdog(deadlines, outFile),
    warnings,
    warn,
    settled: false,
  };
  const running = runJob(job, executablePath);
  running.catch(() => undefined); // after a deadline it fails on its own, unobserved
  try {
    return await Promise.race([running, job.watchdog.expired]);
  } catch (e) {
    job.settled = true;
    await unlink(job.partial).catch(() => undefined);
    throw e;
  } finally {
    job.watchdog.stop();
    // Also when the deadline struck during the launch: the launch was aborted, so this settles
    // at once; close (or kill) what it started.
    // A browser that missed a deadline or crashed is killed rather than asked to close.
    const launched = await job.launching?.catch(() => undefined);
    if (!options.browser || job.settled) await launched?.close({ kill: job.settled });
    releaseWork();
  }
}

/** Start (or take) the browser, print, and write the PDF into place unless the print was settled meanwhile. */
async function runJob(job: PrintJob, executablePath: string): Promise<PrintResult> {
  const { options, deadlines, outFile } = job;
  job.watchdog.begin('start');
  // The protocol timeout only backs up the watchdog: a step that hangs is stopped by its deadline.
  const protocolTimeout = Math.max(deadlines.laden, deadlines.printen) + 10_000;
  job.launching = options.browser ?? (options.launch ?? launchBrowser)(executablePath, { timeout: deadlines.start, protocolTimeout, signal: job.watchdog.abortLaunch.signal });
  const { browser } = await job.launching;
  const crashError = () =>
    new InputError([BROWSER.gestopt(outFile)]);
  const crashed = new Promise<never>((_, reject) => {
    if (!browser.connected) reject(crashError());
    browser.once('disconnected', () => reject(crashError()));
  });
  crashed.catch(() => undefined); // observed by the race below; never an unhandled rejection
  const { pdf, passes } = await Promise.race([
    printOnPage(job, browser).catch((e: unknown) => {
      // A dead browser makes puppeteer fail with "Target closed" and the like; say what happened.
      throw browser.connected || e instanceof InputError ? e : crashError();
    }),
    crashed,
  ]);
  if (job.settled) throw new Error('print cancelled'); // the deadline passed meanwhile: write nothing
  await writeFile(job.partial, pdf);
  if (job.settled) {
    await unlink(job.partial).catch(() => undefined);
    throw new Error('print cancelled');
  }
  await rename(job.partial, outFile);
  return { outFile, pages: pageCount(pdf), bytes: pdf.length, blocked: [...job.blocked.urls], passes, warnings: job.warnings };
}

/** Load the document in `page`, print it (with its table of contents filled in) and finish the PDF. */
async function printOnPage(job: PrintJob, browser: Browser): Promise<{ pdf: Uint8Array; passes: number }> {
  const { options, blocked } = job;
  const page = await browser.newPage();
  page.on('error', () => undefined); // a page crash also disconnects or fails the next call
  // Static documents: no script may change what is printed (or print the clock).
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (request) => gate(request, job.allowed, job.documentPath, blocked, page.mainFrame()));
  const refuseBlocked = () => {
    if (blocked.urls.length > 0) throw refused(blocked, options.html, options.baseDir, job.outFile);
  };
  job.watchdog.begin('laden');
  await page.goto(pathToFileURL(job.documentPath).href, { waitUntil: 'load', timeout: 0 });
  const failedFonts = await page.evaluate(async () => {
    await document.fonts.ready;
    return Array.from(document.fonts as unknown as Iterable<FontFace>)
      .filter((f) => f.status === 'error')
      .map((f) => `${f.family} ${f.weight} ${f.style}`);
  });
  refuseBlocked();
  for (const font of failedFonts) job.warn(`lettertype niet geladen: ${font}`);
  const meta = { ...(await headMetadata(page)), ...options.metadata };
  job.watchdog.begin('printen');
  const { pdf, passes, matches } = await printPasses(page, job.warn);
  refuseBlocked(); // something the print itself asked for
  const repaired = repairOutline(pdf, matches);
  job.watchdog.stop();
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
}

/**
 * Print once; with a table of contents, find where its headings land (layoutPass), fill in those
 * pages and print, again with the pages that print's bookmarks give, until the numbers shown are
 * the pages the headings are on (at most MAX_TOC_PASSES prints in all). Every print returned
 * with a table of contents was checked against its own bookmarks, so a wrong guess of the layout
 * pass costs a print, never a wrong page number.
 */
async function printPasses(page: Page, warn: (message: string) => void): Promise<{ pdf: Uint8Array; passes: number; matches: HeadingMatch[] }> {
  const print = async () => {
    const pdf = await page.pdf({ ...PDF_OPTIONS, timeout: 0 });
    return { pdf, matches: await matchHeadings(page, readOutline(pdf)) };
  };
  const ids = await tocIds(page);
  if (ids.length === 0) return { ...(await print()), passes: 1 };
  await fillPageNumbers(page, null);
  let numbers = await layoutPass(page);
  for (let passes = 2; ; passes++) {
    await fillPageNumbers(page, numbers);
    const printed = await print();
    const landed = pagesOf(printed.matches);
    if (tocHolds(ids, numbers, landed)) return { ...printed, passes };
    if (passes >= MAX_TOC_PASSES) {
      warn('paginanummers in de inhoudsopgave werden niet stabiel; controleer de inhoudsopgave');
      return { ...printed, passes };
    }
    numbers = landed;
  }
}

/** Nothing is painted: visibility changes no box, line or page break, only what is drawn. */
const UNPAINTED = '* { visibility: hidden !important; }';

/**
 * The layout pass: the document printed as it stands, but with nothing painted and without tags
 * or bookmarks, which costs little more than the layout itself. Its named destinations (Chromium
 * writes one for every target of a link, so for every entry of the table of contents) say on
 * which page each landed: id -> page.
 */
async function layoutPass(page: Page): Promise<Record<string, number>> {
  // A constructed stylesheet adds no node to the document, and is taken away again.
  const sheet = await page.evaluateHandle((css) => {
    const s = new CSSStyleSheet();
    s.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, s];
    return s;
  }, UNPAINTED);
  try {
    return Object.fromEntries(readDestinations(await page.pdf({ ...PDF_OPTIONS, tagged: false, outline: false, timeout: 0 })));
  } finally {
    await page.evaluate((s) => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((x) => x !== s);
    }, sheet);
    await sheet.dispose();
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

function documentDate(iso: string): Date {
  const date = new Date(`${iso}T00:00:00Z`);
  if (!ISO_DATE.test(iso) || Number.isNaN(date.getTime())) {
    throw new InputError([BROWSER.documentdatum(iso)]);
  }
  return date;
}
