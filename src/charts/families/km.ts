/**
 * Kaplan–Meier charts: cumulative recidive by month after release with its 95% band, one line
 * per cohort or per category of a breakdown (the levels of models/frames.ts, NIVEAUS).
 */
import type { Groep } from '../../vocabulary/lists.ts';
import { NIVEAUS, type KmUitsplitsing } from '../../models/frames.ts';
import type { KmPunt } from '../../models/km-curves.ts';
import { NIVEAU_TEKST, UITSPLITSING_TEKST } from '../../vocabulary/labels.ts';
import type { Resultaten } from '../../results/results.ts';
import { bron, figuur, type Bijschrift } from '../figuur.ts';
import type { Figuur } from '../render.ts';
import { seriesEncoding, yMax } from '../spec.ts';
import { KLEUREN } from '../style.ts';

interface KmWaarde {
  reeks: string;
  maand: number;
  cumulatief: number;
  laag: number;
  hoog: number;
}

const KM_LEGENDA = { columns: 3, symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 300, symbolOpacity: 1, titleLimit: 400 };

/** Cumulative recidive by month with its 95% band, one line per series. */
function kmSpec(values: KmWaarde[], reeksen: string[], legendaTitel: string) {
  const reeks = seriesEncoding('reeks', reeksen, KLEUREN, legendaTitel);
  return {
    data: { values },
    width: 420,
    height: 240,
    encoding: {
      x: { field: 'maand', type: 'quantitative' as const, title: 'Maanden na uitstroom', scale: { domain: [0, 24] }, axis: { values: [0, 6, 12, 18, 24] } },
    },
    layer: [
      {
        mark: { type: 'area' as const, fillOpacity: 0.15 },
        encoding: {
          y: { field: 'laag', type: 'quantitative' as const, title: 'Cumulatieve recidive', axis: { format: '.0%' }, scale: { domain: [0, yMax(values.map((v) => ({ aandeel: v.hoog })))] } },
          y2: { field: 'hoog' },
          color: {
            field: 'reeks',
            type: 'nominal' as const,
            title: legendaTitel,
            scale: { domain: reeksen, range: KLEUREN.slice(0, reeksen.length) },
          },
        },
      },
      {
        mark: { type: 'line' as const, interpolate: 'step-after' as const, point: false },
        encoding: {
          y: { field: 'cumulatief', type: 'quantitative' as const },
          // One legend for colour and dash, drawn as line samples, so series stay apart in grey.
          color: { ...reeks.color, legend: KM_LEGENDA },
          strokeDash: { ...reeks.strokeDash, legend: KM_LEGENDA },
          tooltip: [{ field: 'reeks' }, { field: 'maand' }, { field: 'cumulatief', format: '.1%' }],
        },
      },
    ],
  };
}

/** The published points of the curves `reeks` names (null: not in this chart); whether one was suppressed. */
function kmWaarden(punten: readonly KmPunt[], reeks: (p: KmPunt) => string | null): { values: KmWaarde[]; onderdrukt: boolean } {
  let onderdrukt = false;
  const values: KmWaarde[] = [];
  for (const p of punten) {
    const naam = reeks(p);
    if (naam === null) continue;
    if (p.onderdrukt || p.cumulatief === null || p.ciLaag === null || p.ciHoog === null) {
      onderdrukt = true;
      continue;
    }
    values.push({ reeks: naam, maand: p.maand, cumulatief: p.cumulatief, laag: p.ciLaag, hoog: p.ciHoog });
  }
  return { values, onderdrukt };
}

/** Kaplan–Meier: cumulative recidive by cohort for one group. */
export function kmPerCohort(r: Resultaten, opties: Bijschrift & { groep: Groep }): Figuur {
  const cohorten = r.editie.cohorten.map(String);
  const { values, onderdrukt } = kmWaarden(r.modellen.km, (p) =>
    p.uitsplitsing === 'totaal' && p.groep === opties.groep && cohorten.includes(p.cohort) ? p.cohort : null,
  );
  return figuur(opties, bron(r, onderdrukt), kmSpec(values, cohorten, 'Cohort'));
}

/** Kaplan–Meier: cumulative recidive of rik by the categories of one breakdown. */
export function kmPerStatus(r: Resultaten, opties: Bijschrift & { uitsplitsing: KmUitsplitsing }): Figuur {
  const categorieen: readonly string[] = NIVEAUS[opties.uitsplitsing];
  const labels = categorieen.map((c) => NIVEAU_TEKST[c] ?? c);
  const { values, onderdrukt } = kmWaarden(r.modellen.km, (p) => {
    if (p.uitsplitsing !== opties.uitsplitsing || p.cohort !== 'totaal' || p.groep !== 'rik') return null;
    const i = categorieen.indexOf(p.categorie);
    return i < 0 ? null : labels[i]!;
  });
  return figuur(opties, bron(r, onderdrukt), kmSpec(values, labels, UITSPLITSING_TEKST[opties.uitsplitsing] ?? 'Categorie'));
}
