/**
 * The monitor as a document for src/html: its chapters and what the cover and colophon say,
 * among which the build identity.
 */
import { join } from 'node:path';
import type { Editie } from '../edition/edition.ts';
import type { Hoofdstuk } from '../chapters/render.ts';
import { renderDocument, type DocumentInput, type RenderOptions } from '../html/document.ts';
import { bronregisters } from '../vocabulary/labels.ts';
import type { Resultaten } from '../results/results.ts';
import { sha256 } from './hash.ts';
import type { Manifest } from './manifest.ts';

export function pdfNaam(e: Editie): string {
  return `monitor-nazorg-${e.nummer}e-meting.pdf`;
}

/**
 * The build identity printed in the colophon: the first 12 hex digits of the SHA-256 of the
 * `invoer` block of manifest.json as compact JSON (extracts, edition, templates, code). The same
 * inputs give the same identity on any machine; no clock, so the PDF stays reproducible.
 */
export function bouwIdentiteit(invoer: Manifest['invoer']): string {
  return sha256(JSON.stringify(invoer)).slice(0, 12);
}

export function monitorHtml(dir: string, r: Resultaten, hoofdstukken: readonly Hoofdstuk[], bouwId: string, options: RenderOptions = {}): string {
  return renderDocument(monitorDocument(dir, r, hoofdstukken, bouwId), options);
}

/** The monitor as a document: its chapters (the Markdown lives in dir/monitor/) and what the cover and colophon say. */
export function monitorDocument(dir: string, r: Resultaten, hoofdstukken: readonly Hoofdstuk[], bouwId: string): DocumentInput {
  const e = r.editie;
  return {
    title: e.titel,
    lang: 'nl',
    kind: 'monitor',
    chapters: hoofdstukken.map((h) => ({ file: join(dir, 'monitor', h.bestand), markdown: h.markdown, kind: h.soort, sources: h.bronnen, lang: h.taal })),
    meta: {
      date: e.datum,
      authors: e.auteurs,
      subtitle: e.ondertitel,
      publisher: e.uitgever,
      colophon: {
        edition: `${e.nummer}e meting`,
        bron: r.extractie.bron,
        peildatum: r.extractie.peildatum,
        omschrijving: r.extractie.omschrijving,
        // The registers the indicators are defined on; the same list as the charts' source line (charts/figuur.ts, bronregel).
        registers: bronregisters(e.basisvoorwaarden),
        threshold: e.drempel,
        buildId: bouwId,
        buildIdNote: 'SHA-256 over de invoer, die het manifest bij de uitvoer bestand voor bestand vastlegt',
      },
    },
  };
}
