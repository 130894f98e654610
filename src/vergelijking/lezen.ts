/**
 * Read a predecessor edition's published indicators (docs/editions.md, "Comparison with the
 * previous meting"): `out/<vorige>/data/indicatoren.csv` as src/indicators/write.ts writes it,
 * after disclosure control. Never its extracts: what the comparison shows of the earlier cohorts
 * is exactly what that edition published. The file is read and checked as the build reads its
 * own (src/results/lezen-indicatoren.ts).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { Publicatie } from '../indicators/disclosure.ts';
import { leesIndicatorenCsv } from '../results/lezen-indicatoren.ts';
import { InputError } from '../util/errors.ts';
import { geenCohorten, geenResultaten } from './messages.ts';

/** What the comparison needs of the predecessor: who it is and what it published. */
export interface VorigeMeting {
  /** Folder name of the edition, e.g. `6e-meting`. */
  slug: string;
  /** Its number, for the reader: "6e meting". */
  nummer: number;
  /** Its cohorts, ascending (from its published rows). */
  cohorten: number[];
  /** Its published indicator rows, in file order. */
  rijen: Publicatie[];
}

/** The cohorts of published rows (every cohort but 'totaal'), ascending. */
function cohortenVan(rijen: readonly Publicatie[]): number[] {
  return [...new Set(rijen.filter((r) => r.cohort !== 'totaal').map((r) => Number(r.cohort)))].sort((a, b) => a - b);
}

/** Where an edition's published indicators are: `<uitvoer>/<slug>/data/indicatoren.csv`. */
export function gepubliceerdPad(uitvoer: string, slug: string): string {
  return join(uitvoer, slug, 'data', 'indicatoren.csv');
}

/**
 * Read the predecessor's published indicators from `<uitvoer>/<slug>/data/indicatoren.csv`
 * (`uitvoer` is the folder that holds every edition's output, normally `out`). Paths in messages
 * are relative to `root`. A missing file says how to make it.
 */
export function leesVorigeMeting(opties: { slug: string; nummer: number; uitvoer: string; root?: string }): VorigeMeting {
  const pad = gepubliceerdPad(opties.uitvoer, opties.slug);
  const rel = relative(opties.root ?? process.cwd(), pad);
  const naam = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : pad;
  let tekst: string;
  try {
    tekst = readFileSync(pad, 'utf8');
  } catch {
    throw new InputError([geenResultaten(opties.slug, naam)]);
  }
  const rijen = leesIndicatorenCsv(tekst, naam);
  const cohorten = cohortenVan(rijen);
  if (cohorten.length === 0) throw new InputError([geenCohorten(naam)]);
  return { slug: opties.slug, nummer: opties.nummer, cohorten, rijen };
}
