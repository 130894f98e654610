/** The housing situation by meetmoment: one 100% stacked bar per moment, a segment per category of HUISVESTING. */
import { HUISVESTING, STATUSMOMENTEN, type Groep } from '../../vocabulary/lists.ts';
import { MOMENT_KORT, NIVEAU_TEKST } from '../../vocabulary/labels.ts';
import type { Resultaten } from '../../results/results.ts';
import { aandeel, figuur, opzoeker, type Bijschrift } from '../figuur.ts';
import type { Figuur } from '../render.ts';
import { HUISVESTING_KLEUREN } from '../style.ts';

/** The housing categories by meetmoment for one group, as 100% stacked bars. */
export function huisvestingGestapeld(r: Resultaten, opties: Bijschrift & { groep: Groep }): Figuur {
  const labels = HUISVESTING.map((h) => NIVEAU_TEKST[h] ?? h);
  const rijen = opzoeker(r);
  const values = HUISVESTING.flatMap((h, i) =>
    STATUSMOMENTEN.flatMap((moment) => {
      const rij = rijen.rij(`huisvesting_${h}`, 'totaal', opties.groep, moment);
      return rij ? [{ categorie: labels[i]!, volgorde: i, meetmoment: MOMENT_KORT[moment], aandeel: aandeel(rij) }] : [];
    }),
  );
  return figuur(opties, rijen.bron(), {
    data: { values },
    width: 420,
    height: 220,
    mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'meetmoment', type: 'ordinal', sort: STATUSMOMENTEN.map((m) => MOMENT_KORT[m]), title: 'Meetmoment' },
      y: { field: 'aandeel', type: 'quantitative', stack: 'zero', title: 'Aandeel', axis: { format: '.0%' } },
      color: { field: 'categorie', type: 'nominal', title: null, sort: labels, scale: { domain: labels, range: [...HUISVESTING_KLEUREN] }, legend: { columns: 4 } },
      order: { field: 'volgorde', type: 'quantitative' },
      tooltip: [{ field: 'categorie' }, { field: 'meetmoment' }, { field: 'aandeel', format: '.1%' }],
    },
  });
}
