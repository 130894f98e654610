/**
 * Status charts: the share with a status (werk, geen inkomen, ...) by meetmoment, from six
 * months before to two years after detention, as lines.
 */
import { STATUSMOMENTEN, type Groep } from '../../vocabulary/lists.ts';
import { GROEP_KORT, MOMENT_KORT } from '../../vocabulary/labels.ts';
import type { Resultaten } from '../../results/results.ts';
import { procent } from '../../text/format.ts';
import { aandeel, figuur, opzoeker, type Bijschrift, type GepubliceerdeRij } from '../figuur.ts';
import type { Figuur } from '../render.ts';
import { lijnen, type Punt } from '../spec.ts';
import { GROEP_KLEUREN, KLEUREN } from '../style.ts';
import { RIK_KV } from '../../vocabulary/lists.ts';

const MEETMOMENTEN = STATUSMOMENTEN.map((m) => MOMENT_KORT[m]);

/**
 * Whole percent for text alternatives, rounded once from the counts as the text and tables do
 * (not from the published one-decimal percentage: 9.46% is "9%", where 9.5 rounded again is 10).
 */
function pctTekst(rij: GepubliceerdeRij): string {
  return procent(rij.teller, rij.noemer);
}

/** One status indicator by meetmoment, rik against kv, pooled cohorts. */
export function indicatorPerMoment(r: Resultaten, opties: Bijschrift & { indicator: string }): Figuur {
  const rijen = opzoeker(r);
  const values: Punt[] = RIK_KV.flatMap((groep) =>
    STATUSMOMENTEN.flatMap((moment, volgorde) => {
      const rij = rijen.rij(opties.indicator, 'totaal', groep, moment);
      return rij ? [{ reeks: GROEP_KORT[groep], x: MOMENT_KORT[moment], volgorde, aandeel: aandeel(rij) }] : [];
    }),
  );
  const eerste = rijen.rij(opties.indicator, 'totaal', 'rik', STATUSMOMENTEN[0]);
  const laatste = rijen.rij(opties.indicator, 'totaal', 'rik', STATUSMOMENTEN[STATUSMOMENTEN.length - 1]!);
  const samenvatting =
    eerste && laatste
      ? ` Bij re-integratiekandidaten ${pctTekst(eerste)} op het eerste en ${pctTekst(laatste)} op het laatste meetmoment.`
      : '';
  const spec = lijnen(values, {
    xTitel: 'Meetmoment',
    xVolgorde: MEETMOMENTEN,
    reeksen: RIK_KV.map((g) => GROEP_KORT[g]),
    kleuren: RIK_KV.map((g) => GROEP_KLEUREN[g]),
  });
  return figuur({ ...opties, alt: opties.alt + samenvatting }, rijen.bron(), spec);
}

/** Several indicators of one group by meetmoment (e.g. werk, uitkering, opleiding for rik). */
export function indicatorenPerMoment(r: Resultaten, opties: Bijschrift & { indicatoren: readonly { naam: string; label: string }[]; groep: Groep }): Figuur {
  const rijen = opzoeker(r);
  const values: Punt[] = opties.indicatoren.flatMap((ind) =>
    STATUSMOMENTEN.flatMap((moment, volgorde) => {
      const rij = rijen.rij(ind.naam, 'totaal', opties.groep, moment);
      return rij ? [{ reeks: ind.label, x: MOMENT_KORT[moment], volgorde, aandeel: aandeel(rij) }] : [];
    }),
  );
  const spec = lijnen(values, { xTitel: 'Meetmoment', xVolgorde: MEETMOMENTEN, reeksen: opties.indicatoren.map((i) => i.label), kleuren: KLEUREN });
  return figuur(opties, rijen.bron(), spec);
}
