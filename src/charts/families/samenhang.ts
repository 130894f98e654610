/**
 * The samenhang of problems a month after detention: how many problems a person has, and how
 * often two problems come together. Only the problems the edition measures take part.
 */
import { problemenVoor, type Groep } from '../../vocabulary/lists.ts';
import { GROEP_KORT, PROBLEEM_TEKST } from '../../vocabulary/labels.ts';
import type { Resultaten } from '../../results/results.ts';
import { procent } from '../../text/format.ts';
import { aandeel, figuur, opzoeker, type Bijschrift } from '../figuur.ts';
import type { Figuur } from '../render.ts';
import { yMax } from '../spec.ts';
import { GROEP_KLEUREN } from '../style.ts';
import { RIK_KV } from '../../vocabulary/lists.ts';

/** The distribution of the number of problems (0 up to as many as the edition measures) for rik and kv. */
export function problemenVerdeling(r: Resultaten, opties: Bijschrift): Figuur {
  const rijen = opzoeker(r);
  const aantallen = Array.from({ length: problemenVoor(r.editie.basisvoorwaarden).length + 1 }, (_, k) => k);
  const groepen = RIK_KV.map((g) => GROEP_KORT[g]);
  const values = aantallen.flatMap((k) =>
    RIK_KV.flatMap((groep) => {
      const rij = rijen.rij(`problemen_${k}`, 'totaal', groep, '1m_na');
      return rij ? [{ aantal: String(k), groep: GROEP_KORT[groep], aandeel: aandeel(rij) }] : [];
    }),
  );
  return figuur(opties, rijen.bron(), {
    data: { values },
    width: 420,
    height: 220,
    mark: { type: 'bar', stroke: '#222222', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'aantal', type: 'ordinal', sort: aantallen.map(String), title: 'Aantal problemen' },
      xOffset: { field: 'groep', type: 'nominal', sort: groepen },
      y: { field: 'aandeel', type: 'quantitative', title: 'Aandeel', axis: { format: '.0%' } },
      color: { field: 'groep', type: 'nominal', title: null, scale: { domain: groepen, range: RIK_KV.map((g) => GROEP_KLEUREN[g]) } },
      tooltip: [{ field: 'aantal' }, { field: 'groep' }, { field: 'aandeel', format: '.1%' }],
    },
  });
}

/** Co-occurrence of the edition's problems: the share with both problems of each pair, one group. */
export function samenhangMatrix(r: Resultaten, opties: Bijschrift & { groep: Groep }): Figuur {
  const problemen = problemenVoor(r.editie.basisvoorwaarden);
  const labels = problemen.map((p) => PROBLEEM_TEKST[p]!);
  const rijen = opzoeker(r);
  const values = problemen.flatMap((a, i) =>
    problemen.slice(i + 1).flatMap((b) => {
      const rij = rijen.rij(`samen_${a}_${b}`, 'totaal', opties.groep, '1m_na');
      return rij ? [{ rij: PROBLEEM_TEKST[a]!, kolom: PROBLEEM_TEKST[b]!, aandeel: aandeel(rij), label: procent(rij.teller, rij.noemer) }] : [];
    }),
  );
  return figuur(opties, rijen.bron(), {
    data: { values },
    width: 320,
    height: 260,
    encoding: {
      y: { field: 'rij', type: 'nominal', sort: labels.slice(0, -1), title: null },
      x: { field: 'kolom', type: 'nominal', sort: labels.slice(1), title: null, axis: { labelAngle: -30, orient: 'top', labelLimit: 200 } },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: '#ffffff' },
        encoding: {
          color: {
            field: 'aandeel',
            type: 'quantitative',
            title: 'Aandeel met beide',
            scale: { scheme: 'greys', domain: [0, yMax(values)] },
            legend: { format: '.0%', orient: 'right' },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field: 'label', type: 'nominal' },
          color: { condition: { test: `datum.aandeel > ${yMax(values) / 2}`, value: '#ffffff' }, value: '#000000' },
        },
      },
    ],
  });
}
