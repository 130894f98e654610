/**
 * What every chart family shares: the caption a catalogue entry gives a figure, the published
 * rows a chart may draw, the source line (with its note when a value was suppressed), and the
 * questions the catalogue asks of the results (is a basisvoorwaarde measured, was a model
 * estimated).
 *
 * A chart draws published (disclosure-controlled) values only: a suppressed value is left out
 * and said in the source line's note.
 */
import type { TopLevelSpec } from 'vega-lite';
import { type Basisvoorwaarde, type Groep, type Moment } from '../vocabulary/lists.ts';
import type { Publicatie } from '../indicators/disclosure.ts';
import type { GeschatModel } from '../models/uitkomst.ts';
import type { ModelNaam } from '../models/frames.ts';
import { bronregisters } from '../vocabulary/labels.ts';
import type { Resultaten } from '../results/results.ts';
import { synthetischLabel } from '../results/synthetisch.ts';
import { lijst } from '../text/wording.ts';
import type { Figuur } from './render.ts';

/** The catalogue's part of a figure: its id, caption and text alternative. */
export interface Bijschrift {
  readonly id: string;
  readonly titel: string;
  readonly alt: string;
}

/** A figure from its caption, source line and chart. */
export function figuur(b: Bijschrift, bron: string, spec: TopLevelSpec): Figuur {
  return { id: b.id, titel: b.titel, alt: b.alt, bron, spec };
}


/** The figures, each carrying the synthetic-data label in the chart itself when the extracts are synthetic. */
export function metSynthetischLabel(r: Resultaten, figuren: Figuur[]): Figuur[] {
  const label = synthetischLabel(r.extractie.bron);
  return label ? figuren.map((f) => ({ ...f, label: label.kop })) : figuren;
}

/** A chart's source line; with synthetic extracts it says so (src/results/synthetisch.ts). */
export function bronregel(r: Resultaten): string {
  const synthetisch = synthetischLabel(r.extractie.bron)?.bronToevoeging ?? '';
  return `Bron: ${r.editie.titel}, ${r.editie.nummer}e meting${synthetisch}; bewerking van ${lijst(bronregisters(r.editie.basisvoorwaarden))}`;
}

export const ONDERDRUKT_NOOT = 'Een ontbrekend punt of staafje is niet gepubliceerd omdat het op te weinig personen berust';

/** The source line, with the note on suppressed values when the chart left one out. */
export function bron(r: Resultaten, onderdrukt: boolean): string {
  return onderdrukt ? `${bronregel(r)}. ${ONDERDRUKT_NOOT}` : bronregel(r);
}

/** A published indicator row: not suppressed, with its counts and percentage. */
export type GepubliceerdeRij = Publicatie & { percentage: string; teller: number; noemer: number };

function gepubliceerd(rij: Publicatie | undefined): rij is GepubliceerdeRij {
  return rij !== undefined && !rij.onderdrukt && rij.percentage !== null && rij.teller !== null && rij.noemer !== null;
}

/** The share a chart draws: the published one-decimal percentage as a fraction. */
export function aandeel(rij: GepubliceerdeRij): number {
  return Number(rij.percentage) / 100;
}

/**
 * The indicator rows of one figure: `rij` gives a row only when it is published, and remembers
 * meeting a suppressed one, so that `bron()` adds the suppression note to the source line.
 */
export function opzoeker(r: Resultaten) {
  let onderdrukt = false;
  return {
    rij(indicator: string, cohort: string, groep: Groep, moment: Moment): GepubliceerdeRij | undefined {
      const rij = r.indicatoren.find(indicator, cohort, groep, moment);
      if (rij?.onderdrukt) onderdrukt = true;
      return gepubliceerd(rij) ? rij : undefined;
    },
    bron: () => bron(r, onderdrukt),
  };
}

/** Whether the edition measured a basisvoorwaarde (it covers it and its indicators exist). */
export function gemeten(r: Resultaten, thema: string): boolean {
  return r.definities.some((d) => d.thema === thema);
}

/** An indicator series of a chart; one of a basisvoorwaarde is drawn only when that is measured. */
export interface IndicatorReeks {
  readonly naam: string;
  readonly moment: Moment;
  readonly label: string;
  readonly alleenMet?: Basisvoorwaarde;
}

/** The series the edition measures, in their order. */
export function gemetenReeksen<T extends { readonly alleenMet?: Basisvoorwaarde }>(r: Resultaten, reeksen: readonly T[]): T[] {
  return reeksen.filter((s) => s.alleenMet === undefined || gemeten(r, s.alleenMet));
}

/** The estimated model, or undefined when it was suppressed or failed. */
export function geschatModel(r: Resultaten, naam: ModelNaam): GeschatModel | undefined {
  const m = r.modellen.modellen.find((x) => x.model === naam);
  return m?.status === 'geschat' ? m : undefined;
}
