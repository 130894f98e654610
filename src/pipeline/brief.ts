/**
 * The letter's stages of the build (./build.ts): its Markdown into
 * `<out>/kamerbrief/kamerbrief.md` (with the synthetic label), and its PDF
 * `<out>/pdf/kamerbrief-monitor-nazorg-<n>e-meting.pdf`. Rendering the letter (its Markdown from
 * the templates, its HTML as a document) is src/letter's; writing and printing it happen here.
 *
 * Only the letter depends on `brief` (date, signatory, number, references): the monitor takes its
 * date from the edition's own `datum`.
 */
import { dirname, join } from 'node:path';
import type { Editie } from '../edition/edition.ts';
import type { Sjablonen } from '../edition/templates.ts';
import type { Vergelijking } from '../vergelijking/vergelijk.ts';
import { BRIEF_MAP } from '../letter/document.ts';
import { renderLetter, type Brief } from '../letter/render.ts';
import { printPdf, type PrintResult } from '../pdf/print.ts';
import type { LaunchedBrowser } from '../pdf/launch.ts';
import type { Resultaten } from '../results/results.ts';
import { synthetischBlok } from '../results/synthetisch.ts';
import { PROJECT_ROOT } from '../util/paths.ts';
import { mkdirUnder } from '../util/files.ts';

export function briefPdfNaam(e: Editie): string {
  return `kamerbrief-monitor-nazorg-${e.nummer}e-meting.pdf`;
}

/**
 * The committed Markdown of the letter: the reviewers' version (src/review/markdown.ts) with,
 * for synthetic figures, the label at the very top, before anything else a reader sees.
 */
export function briefMarkdownMetLabel(leesbaar: string, r: Resultaten): string {
  return synthetischBlok(r.extractie.bron, 'brief') + leesbaar;
}

/** The letter from the templates kamerbrief/ (shared, or the edition's own versions). */
export function schrijfBrief(sjablonen: Sjablonen, r: Resultaten, vergelijking?: Vergelijking): Brief {
  return renderLetter(sjablonen, r, { root: PROJECT_ROOT, vergelijking });
}

export interface DrukBriefOpties {
  /** The build's (temporary) output folder. */
  dir: string;
  executablePath: string;
  /** A browser shared with the monitor's print (printPdf's `browser`). */
  browser?: Promise<LaunchedBrowser>;
  onWarning: (w: string) => void;
}

/** Print the letter's HTML (briefHtml) to dir/pdf/<briefPdfNaam>. */
export async function drukBrief(r: Resultaten, html: string, o: DrukBriefOpties): Promise<PrintResult> {
  const e = r.editie;
  const outFile = join(o.dir, 'pdf', briefPdfNaam(e));
  await mkdirUnder(o.dir, dirname(outFile));
  return printPdf({
    html,
    outFile,
    baseDir: join(o.dir, BRIEF_MAP),
    allowedRoots: [o.dir],
    executablePath: o.executablePath,
    ...(o.browser ? { browser: o.browser } : {}),
    metadata: {
      title: `${e.brief.briefhoofd.charAt(0)}${e.brief.briefhoofd.slice(1).toLowerCase()}: ${e.titel}, ${e.nummer}e meting`,
      author: `${e.brief.ondertekenaar.functie}, ${e.brief.ondertekenaar.naam}`,
      subject: `Tweede Kamer, ${e.brief.dossier.nummer} ${e.brief.dossier.titel}, nr. ${e.brief.nr}`,
      date: e.brief.datum,
    },
    onWarning: o.onWarning,
  });
}
