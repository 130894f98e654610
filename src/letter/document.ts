/**
 * The letter as a document for src/html: its Markdown (in `<out>/kamerbrief/kamerbrief.md`) as
 * its one chapter, with the kind 'kamerbrief' (the kamerstuk header and the signature come from
 * the edition's `brief`). Writing and printing it are stages of the build (src/pipeline/brief.ts).
 */
import { join } from 'node:path';
import { renderDocument, type DocumentInput, type RenderOptions } from '../html/document.ts';
import type { TemplateSource } from '../html/context.ts';
import type { Resultaten } from '../results/results.ts';
import { BRIEF_BESTAND } from './render.ts';

/** The letter's folder in the output. */
export const BRIEF_MAP = 'kamerbrief';

/** Path of the letter's Markdown inside the output folder. */
export const BRIEF_PAD = `${BRIEF_MAP}/${BRIEF_BESTAND}`;

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
