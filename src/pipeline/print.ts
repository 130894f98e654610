/**
 * The print stages of the build (./build.ts): the monitor and the letter printed side by side
 * with one browser, and the letter in Word beside its PDF.
 */
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BRIEF_MAP } from '../letter/document.ts';
import { printPdf, startPrintBrowser } from '../pdf/print.ts';
import type { LaunchedBrowser } from '../pdf/launch.ts';
import type { Resultaten } from '../results/results.ts';
import { synthetischLabel } from '../results/synthetisch.ts';
import { drukBrief } from './brief.ts';
import { pdfNaam } from './monitor.ts';
import type { Effects, StagePlan } from './stages.ts';
import { mkdirUnder } from '../util/files.ts';

/** The browser both prints share, started when the build begins (startBrowser). */
export interface PrintBrowser {
  readonly executablePath: string;
  /** The browser for the prints (the same one for every call). */
  launched(): Promise<LaunchedBrowser>;
  /** Close it (once; later calls wait for the same close). */
  close(): Promise<void>;
}

/**
 * Start the browser that will print, long before the prints: its start then overlaps the
 * build's other work. Whoever starts it closes it, however the build ends; an exit or an
 * interruption kills it (src/pdf/launch.ts). An early start that failed is not the verdict: a
 * start that needed longer than its deadline because the build kept the main thread busy (the
 * browser's address is read there) looks like a browser that hangs. The prints then start one
 * the ordinary way, with its own deadline, and a failure of that one is reported as before.
 */
export function startBrowser(executablePath: string): PrintBrowser {
  const early = startPrintBrowser(executablePath);
  let launched: Promise<LaunchedBrowser> | undefined;
  let closing: Promise<void> | undefined;
  return {
    executablePath,
    launched: () => (launched ??= early.catch(() => startPrintBrowser(executablePath))),
    close: () => (closing ??= (launched ?? early).then((b) => b.close(), () => undefined)),
  };
}

export interface PrintStage {
  plan: StagePlan;
  fx: Effects;
  /** The build's temporary output folder. */
  tmp: string;
  resultaten: Resultaten;
  /** The monitor's HTML. */
  html: string;
  briefHtml: string;
  /** The reviewers' Markdown of the letter, for its Word version. */
  leesbareBrief: string;
  /** The browser, started early; its owner closes it. */
  browser: PrintBrowser;
}

/** The PDFs of the monitor and the letter, and the letter in Word beside its PDF. */
export async function printPdfs(o: PrintStage): Promise<string[]> {
  const { plan, fx, tmp, resultaten } = o;
  const editie = resultaten.editie;
  const { executablePath } = o.browser;
  const gedeeld = o.browser.launched();
  const pdf = join(tmp, 'pdf', pdfNaam(editie));
  await mkdirUnder(tmp, dirname(pdf));
  fx.teDrukken?.('monitor', o.html, join(tmp, 'monitor'));
  fx.teDrukken?.('kamerbrief', o.briefHtml, join(tmp, BRIEF_MAP));
  const waarschuw = (w: string) => fx.log(`   waarschuwing: ${w}`);
  // One browser prints both documents, at the same time: the letter while the monitor's
  // table of contents takes its passes (two cores are busy instead of one).
  const metadata = { title: `${editie.titel}, ${editie.nummer}e meting`, author: editie.auteurs.join(', '), subject: editie.ondertitel, date: editie.datum };
  const paginas = (p: { pages: number; outFile: string }) => `${p.pages} pagina's, ${basename(p.outFile)}`;
  const printing = Promise.allSettled([
    plan.run('printMonitor', () =>
      printPdf({ html: o.html, outFile: pdf, baseDir: join(tmp, 'monitor'), allowedRoots: [tmp], executablePath, browser: gedeeld, metadata, onWarning: waarschuw }),
      paginas,
    ),
    plan.run('printBrief', () =>
      drukBrief(resultaten, o.briefHtml, { dir: tmp, executablePath, browser: gedeeld, onWarning: waarschuw }),
      paginas,
    ),
  ]);
  // The letter in Word beside its PDF, for the ministry's editing round (src/letter/docx.ts):
  // made while the browser prints, once the prints have started. Loaded here: a build without
  // PDFs never loads the docx package.
  const docx = new Promise((r) => setImmediate(r)).then(() => import('../letter/docx.ts'));
  const word = docx.then((m) => m.briefDocx(o.leesbareBrief, editie, { label: synthetischLabel(resultaten.extractie.bron) }));
  word.catch(() => undefined); // awaited below, unless a print failed
  const prints = await printing;
  // Closed while the Word file is written (its owner closes it again: that waits for the same close).
  const closing = o.browser.close();
  for (const p of prints) if (p.status === 'rejected') throw p.reason;
  const bestanden: string[] = [];
  for (const p of prints) if (p.status === 'fulfilled') bestanden.push(`pdf/${basename(p.value.outFile)}`);
  const briefWord = join(tmp, 'pdf', (await docx).briefDocxNaam(editie));
  await writeFile(briefWord, await word);
  bestanden.push(`pdf/${basename(briefWord)}`);
  await closing;
  return bestanden;
}
