/** Trend charts: indicators across the edition's cohorts, each at its own moment, as lines. */
import type { Groep } from '../../vocabulary/lists.ts';
import type { Resultaten } from '../../results/results.ts';
import { aandeel, figuur, gemetenReeksen, opzoeker, type Bijschrift, type IndicatorReeks } from '../figuur.ts';
import type { Figuur } from '../render.ts';
import { lijnen, type Punt } from '../spec.ts';
import { KLEUREN } from '../style.ts';

/** Indicators across cohorts for one group at one moment each: the trends. */
export function trendPerCohort(r: Resultaten, opties: Bijschrift & { reeksen: readonly IndicatorReeks[]; groep: Groep }): Figuur {
  const cohorten = r.editie.cohorten.map(String);
  const reeksen = gemetenReeksen(r, opties.reeksen);
  const rijen = opzoeker(r);
  const values: Punt[] = reeksen.flatMap((s) =>
    cohorten.flatMap((cohort, volgorde) => {
      const rij = rijen.rij(s.naam, cohort, opties.groep, s.moment);
      return rij ? [{ reeks: s.label, x: cohort, volgorde, aandeel: aandeel(rij) }] : [];
    }),
  );
  const spec = lijnen(values, { xTitel: 'Uitstroomcohort', xVolgorde: cohorten, reeksen: reeksen.map((s) => s.label), kleuren: KLEUREN });
  return figuur(opties, rijen.bron(), spec);
}
