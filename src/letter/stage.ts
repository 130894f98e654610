/**
 * The letter's stages of the build (src/pipeline/report.ts): its Markdown into
 * `<out>/kamerbrief/kamerbrief.md`, its HTML (kind 'kamerbrief': the kamerstuk header and the
 * signature come from the edition's `brief`) and its PDF `<out>/pdf/kamerbrief-monitor-nazorg-<n>e-meting.pdf`.
 *
 * Only the letter depends on `brief` (date, signatory, number, references): the monitor takes its
 * date from the edition's own `datum`.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Edition } from '../edition/edition.ts';
import type { Sjablonen } from '../edition/templates.ts';
import type { Vergelijking } from '../vergelijking/vergelijk.ts';
import { renderDocument, type DocumentInput, type RenderOptions } from '../html/document.ts';
import { PROJECT_ROOT } from '../util/paths.ts';
import type { TemplateSource } from '../html/context.ts';
import { printPdf, type PrintResult } from '../pdf/print.ts';
import type { LaunchedBrowser } from '../pdf/browser.ts';
import type { Resultaten } from '../results/results.ts';
import { synthetischBlok } from '../results/synthetisch.ts';
import { BRIEF_BESTAND, renderLetter, type Brief } from './render.ts';

/** The letter's folder in the output. */
export const BRIEF_MAP = 'kamerbrief';

/** Path of the letter's Markdown inside the output folder. */
export const BRIEF_PAD = `${BRIEF_MAP}/${BRIEF_BESTAND}`;

export function briefPdfNaam(e: Edition): string {
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

/** The letter's print HTML; `dir` is the build's output folder (the Markdown lives in dir/kamerbrief/). */
export function briefHtml(dir: string, r: Resultaten, markdown: string, bronnen?: readonly TemplateSource[], options: RenderOptions = {}): string {
  return renderDocument(briefDocument(dir, r, markdown, bronnen), options);
}

/** The letter as a document: its one chapter and the kamerstuk data from the edition. */
export function briefDocument(dir: string, r: Resultaten, markdown: string, bronnen?: readonly TemplateSource[]): DocumentInput {
  const e = r.editie;
  return {
    title: `Kamerbrief bij de ${e.nummer}e monitor nazorg ex-gedetineerden`,
    lang: 'nl',
    kind: 'kamerbrief',
    chapters: [{ file: join(dir, BRIEF_PAD), markdown, ...(bronnen ? { sources: bronnen } : {}) }],
    meta: {
      date: e.brief.datum,
      authors: [e.brief.ondertekenaar.naam],
      subject: `${e.titel}, ${e.nummer}e meting`,
      letter: e.brief,
      // Synthetic figures put the label on every page of the print.
      bron: r.extractie.bron,
    },
  };
}

export interface PrintBriefOptions {
  /** The build's (temporary) output folder. */
  dir: string;
  executablePath: string;
  /** A browser shared with the monitor's print (printPdf's `browser`). */
  browser?: Promise<LaunchedBrowser>;
  onWarning: (w: string) => void;
  /** The letter's templates (Brief.bronnen), named in messages instead of the Markdown. */
  bronnen?: readonly TemplateSource[];
}

/** Print the letter's HTML (briefHtml) to dir/pdf/<briefPdfNaam>. */
export async function drukBrief(r: Resultaten, html: string, o: PrintBriefOptions): Promise<PrintResult> {
  const e = r.editie;
  const outFile = join(o.dir, 'pdf', briefPdfNaam(e));
  await mkdir(dirname(outFile), { recursive: true });
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
