/**
 * The results of one build, after disclosure control: everything the charts, the chapters and
 * the letter may use. Nothing person-level is in here.
 */
import type { Editie } from '../edition/edition.ts';
import type { Extractie } from '../extracts/contract.ts';
import type { IndicatorDefinitie } from '../indicators/definitions.ts';
import type { Groep, Moment } from '../vocabulary/lists.ts';
import type { Publicatie } from '../indicators/disclosure.ts';
import type { ModelResults } from '../models/run.ts';
import { InternalError } from '../util/errors.ts';

export interface Resultaten {
  editie: Editie;
  extractie: Extractie;
  definities: readonly IndicatorDefinitie[];
  indicatoren: IndicatorTabel;
  /** The four models and the Kaplan–Meier curves, after disclosure control. */
  modellen: ModelResults;
}

/** Published indicator rows with a lookup that fails loudly when a row does not exist. */
export class IndicatorTabel {
  readonly rijen: readonly Publicatie[];
  readonly #index: Map<string, Publicatie>;

  constructor(rijen: readonly Publicatie[]) {
    this.rijen = rijen;
    this.#index = new Map(rijen.map((r) => [IndicatorTabel.sleutel(r.indicator, r.cohort, r.groep, r.moment), r]));
  }

  static sleutel(indicator: string, cohort: string, groep: string, moment: string): string {
    return `${indicator}|${cohort}|${groep}|${moment}`;
  }

  /** The row, or undefined when it does not exist (noemer 0, or not measured). */
  find(indicator: string, cohort: string | number, groep: Groep, moment: Moment): Publicatie | undefined {
    return this.#index.get(IndicatorTabel.sleutel(indicator, String(cohort), groep, moment));
  }

  get(indicator: string, cohort: string | number, groep: Groep, moment: Moment): Publicatie {
    const r = this.find(indicator, cohort, groep, moment);
    if (!r) throw new InternalError(`no indicator row ${indicator} / ${cohort} / ${groep} / ${moment}`);
    return r;
  }
}
