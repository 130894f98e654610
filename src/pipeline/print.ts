/**
 * The print stages of the build (./build.ts): the monitor and the letter printed side by side
 * with one browser, and the letter in Word beside its PDF.
 */
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BRIEF_MAP } from '../letter/document.ts';
import { briefDocx, briefDocxNaam } from '../letter/docx.ts';
import { resolveBrowser } from '../pdf/browser.ts';
import { printPdf, startPrintBrowser } from '../pdf/print.ts';
import type { Resultaten } from '../results/results.ts';
import { synthetischLabel } from '../results/synthetisch.ts';
import { drukBrief } from './brief.ts';
import { pdfNaam } from './monitor.ts';
import type { Effects, StagePlan } from './stages.ts';
import { mkdirUnder } from '../util/files.ts';

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
}

/** The PDFs of the monitor and the letter, and the letter in Word beside its PDF. */
export async function printPdfs(o: PrintStage): Promise<string[]> {
  const { plan, fx, tmp, resultaten } = o;
  const editie = resultaten.editie;
  const browser = await resolveBrowser({ log: fx.log });
  const pdf = join(tmp, 'pdf', pdfNaam(editie));
  await mkdirUnder(tmp, dirname(pdf));
  fx.teDrukken?.('monitor', o.html, join(tmp, 'monitor'));
  fx.teDrukken?.('kamerbrief', o.briefHtml, join(tmp, BRIEF_MAP));
  const waarschuw = (w: string) => fx.log(`   waarschuwing: ${w}`);
  // One browser prints both documents, at the same time: the letter while the monitor's
  // table of contents takes its passes (two cores are busy instead of one).
  const gedeeld = startPrintBrowser(browser.executablePath);
  const metadata = { title: `${editie.titel}, ${editie.nummer}e meting`, author: editie.auteurs.join(', '), subject: editie.ondertitel, date: editie.datum };
  const paginas = (p: { pages: number; outFile: string }) => `${p.pages} pagina's, ${basename(p.outFile)}`;
  const prints = await Promise.allSettled([
    plan.run('printMonitor', () =>
      printPdf({ html: o.html, outFile: pdf, baseDir: join(tmp, 'monitor'), allowedRoots: [tmp], executablePath: browser.executablePath, browser: gedeeld, metadata, onWarning: waarschuw }),
      paginas,
    ),
    plan.run('printBrief', () =>
      drukBrief(resultaten, o.briefHtml, { dir: tmp, executablePath: browser.executablePath, browser: gedeeld, onWarning: waarschuw }),
      paginas,
    ),
  ]);
  await (await gedeeld.catch(() => undefined))?.close();
  for (const p of prints) if (p.status === 'rejected') throw p.reason;
  const bestanden: string[] = [];
  for (const p of prints) if (p.status === 'fulfilled') bestanden.push(`pdf/${basename(p.value.outFile)}`);
  // The letter in Word beside its PDF, for the ministry's editing round (src/letter/docx.ts).
  const briefWord = join(tmp, 'pdf', briefDocxNaam(editie));
  await writeFile(briefWord, await briefDocx(o.leesbareBrief, editie, { label: synthetischLabel(resultaten.extractie.bron) }));
  bestanden.push(`pdf/${basename(briefWord)}`);
  return bestanden;
}
