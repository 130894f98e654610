/**
 * Bar charts of indicators: rik and kv side by side, the value printed at each bar as the text
 * rounds it (from the counts).
 */
import type { Moment } from '../../vocabulary/lists.ts';
import { GROEP_KORT } from '../../vocabulary/labels.ts';
import type { Resultaten } from '../../results/results.ts';
import { procent } from '../../text/format.ts';
import { aandeel, figuur, gemetenReeksen, opzoeker, type Bijschrift, type IndicatorReeks } from '../figuur.ts';
import type { Figuur } from '../render.ts';
import { groepStaven, type Staaf } from '../spec.ts';
import { RIK_KV } from '../../vocabulary/lists.ts';

/** Indicators of one moment each as grouped bars for rik and kv (the transitions, ID). */
export function indicatorStaven(r: Resultaten, opties: Bijschrift & { reeksen: readonly IndicatorReeks[] }): Figuur {
  const reeksen = gemetenReeksen(r, opties.reeksen);
  const rijen = opzoeker(r);
  const values: Staaf[] = reeksen.flatMap((s) =>
    RIK_KV.flatMap((groep) => {
      const rij = rijen.rij(s.naam, 'totaal', groep, s.moment);
      return rij ? [{ categorie: s.label, groep: GROEP_KORT[groep], aandeel: aandeel(rij), label: procent(rij.teller, rij.noemer) }] : [];
    }),
  );
  return figuur(opties, rijen.bron(), groepStaven(values, reeksen.map((s) => s.label), ''));
}

/** One indicator at one moment by cohort, rik and kv as grouped bars. */
export function indicatorPerCohort(r: Resultaten, opties: Bijschrift & { indicator: string; moment: Moment }): Figuur {
  const cohorten = r.editie.cohorten.map(String);
  const rijen = opzoeker(r);
  const values: Staaf[] = cohorten.flatMap((cohort) =>
    RIK_KV.flatMap((groep) => {
      const rij = rijen.rij(opties.indicator, cohort, groep, opties.moment);
      return rij ? [{ categorie: cohort, groep: GROEP_KORT[groep], aandeel: aandeel(rij), label: procent(rij.teller, rij.noemer) }] : [];
    }),
  );
  return figuur(opties, rijen.bron(), groepStaven(values, cohorten, 'Uitstroomcohort'));
}
