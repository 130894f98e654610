/**
 * The monitor's figures, built from the published results. Each builder returns a Figuur whose
 * data are published (disclosure-controlled) rows only; a suppressed value is left out of the
 * chart and said in the caption's note.
 */
import { STATUSMOMENTEN, type Groep, type Moment } from '../indicators/definitions.ts';
import { GROEP_KORT, MOMENT_KORT } from '../report/labels.ts';
import type { Resultaten } from '../report/results.ts';
import type { Figuur } from './render.ts';
import { GROEP_KLEUREN } from './style.ts';

export function bronregel(r: Resultaten): string {
  const synthetisch = r.extractie.bron === 'synthetisch' ? ' (synthetische gegevens)' : '';
  return `Bron: ${r.editie.titel}, ${r.editie.nummer}e meting${synthetisch}; bewerking van TULP-GW, DPAN, SSB en OBJD`;
}

/** One status indicator by meetmoment, rik against kv, pooled cohorts. */
export function indicatorPerMoment(
  r: Resultaten,
  opties: { id: string; indicator: string; titel: string; alt: string; momenten?: readonly Moment[] },
): Figuur {
  const momenten = opties.momenten ?? STATUSMOMENTEN;
  const groepen: Groep[] = ['rik', 'kv'];
  const values = groepen.flatMap((groep) =>
    momenten.flatMap((moment, volgorde) => {
      const rij = r.indicatoren.find(opties.indicator, 'totaal', groep, moment);
      if (!rij || rij.onderdrukt || rij.percentage === null) return [];
      return [{ groep: GROEP_KORT[groep], meetmoment: MOMENT_KORT[moment], volgorde, aandeel: Number(rij.percentage) / 100 }];
    }),
  );
  return {
    id: opties.id,
    titel: opties.titel,
    alt: opties.alt,
    bron: bronregel(r),
    spec: {
      data: { values },
      width: 420,
      height: 220,
      mark: { type: 'line', point: true },
      encoding: {
        x: {
          field: 'meetmoment',
          type: 'ordinal',
          sort: momenten.map((m) => MOMENT_KORT[m]),
          title: 'Meetmoment',
        },
        y: { field: 'aandeel', type: 'quantitative', title: 'Aandeel', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
        color: {
          field: 'groep',
          type: 'nominal',
          title: null,
          scale: { domain: groepen.map((g) => GROEP_KORT[g]), range: groepen.map((g) => GROEP_KLEUREN[g]) },
        },
        strokeDash: { field: 'groep', type: 'nominal', legend: null, scale: { domain: groepen.map((g) => GROEP_KORT[g]), range: [[1, 0], [6, 3]] } },
        shape: { field: 'groep', type: 'nominal', legend: null, scale: { domain: groepen.map((g) => GROEP_KORT[g]), range: ['circle', 'square'] } },
        tooltip: [{ field: 'groep' }, { field: 'meetmoment' }, { field: 'aandeel', format: '.1%' }],
      },
    },
  };
}

/** Every figure of the monitor, in the order the chapters use them. */
export function figuren(r: Resultaten): Figuur[] {
  return [
    indicatorPerMoment(r, {
      id: 'geen-inkomen-per-meetmoment',
      indicator: 'geen_inkomen',
      titel: 'Aandeel zonder geregistreerd inkomen per meetmoment, re-integratiekandidaten en kortverblijvenden',
      alt: 'Lijndiagram van het aandeel zonder geregistreerd inkomen van 6 maanden voor tot 24 maanden na detentie, met een lijn voor re-integratiekandidaten en een voor kortverblijvenden.',
    }),
  ];
}
