/**
 * The figures of the chapter "Vergelijking met eerdere metingen": for each headline series both
 * editions publish (src/vergelijking/vergelijk.ts, KERNREEKSEN), the share by cohort over the
 * cohorts of both editions, one line per group (rik, kv, beide groepen) in colour, dash and
 * shape. A dashed vertical rule between the editions' cohorts, labelled with both editions,
 * marks where the predecessor's published results end. The lines stop at that rule: the step
 * from one edition to the next is not a trend (see the rule in src/vergelijking/trend.ts).
 * Suppressed values are left out and noted in the source line, as in every chart.
 */
import type { TopLevelSpec } from 'vega-lite';
import { GROEPEN, type Groep } from '../vocabulary/lists.ts';
import { hoofdletter, lijst } from '../text/wording.ts';
import { procent } from '../text/format.ts';
import { GROEP_KORT } from '../vocabulary/labels.ts';
import type { Resultaten } from '../results/results.ts';
import { kernreeksen, periode, vergelijkingFiguurId, vindReeks, type Reeks, type Vergelijking } from '../vergelijking/vergelijk.ts';
import { bronregel, metSynthetischLabel, ONDERDRUKT_NOOT } from './figuur.ts';
import { seriesEncoding, yMax } from './spec.ts';
import type { Figuur } from './render.ts';
import { GROEP_KLEUREN } from './style.ts';

/** A group as the text alternative names it: "de re-integratiekandidaten", "beide groepen samen". */
const GROEP_IN_ALT: Record<Groep, string> = {
  rik: `de ${GROEP_KORT.rik}`,
  kv: `de ${GROEP_KORT.kv}`,
  totaal: `${GROEP_KORT.totaal} samen`,
};

interface Waarde {
  groep: string;
  cohort: number;
  meting: string;
  aandeel: number;
}

/** The source line: this edition, and the predecessor's published results for its cohorts. */
function bron(r: Resultaten, v: Vergelijking, onderdrukt: boolean): string {
  const basis = `${bronregel(r)}. Cohorten ${periode(v.vorige.cohorten)}: gepubliceerde resultaten van de ${v.vorige.naam}`;
  return onderdrukt ? `${basis}. ${ONDERDRUKT_NOOT}` : basis;
}

/** "40% in cohort 2013 en 31% in cohort 2019", from the first and last published cohort. */
function eindpunten(reeks: Reeks): string {
  const gepubliceerd = reeks.cellen.filter((c) => c.rij && !c.rij.onderdrukt && c.rij.percentage !== null);
  const eerste = gepubliceerd[0];
  const laatste = gepubliceerd[gepubliceerd.length - 1];
  if (!eerste || !laatste || eerste === laatste) return '';
  // Rounded once, from the counts where the meting published them (as the text and tables do);
  // a previous meting's cell without counts has only its published percentage to round.
  const pct = (rij: NonNullable<(typeof eerste)['rij']>) =>
    rij.teller !== null && rij.noemer !== null && rij.noemer > 0 ? procent(rij.teller, rij.noemer) : `${Number(rij.percentage).toFixed(0)}%`;
  return ` Bij re-integratiekandidaten ${pct(eerste.rij!)} in cohort ${eerste.cohort} en ${pct(laatste.rij!)} in cohort ${laatste.cohort}.`;
}

/** The published shares of the series, one group each; whether a value was suppressed. */
function waarden(reeksen: readonly Reeks[]): { values: Waarde[]; onderdrukt: boolean } {
  let onderdrukt = false;
  const values: Waarde[] = reeksen.flatMap((reeks) =>
    reeks.cellen.flatMap((c) => {
      if (!c.rij) return [];
      if (c.rij.onderdrukt || c.rij.percentage === null) {
        onderdrukt = true;
        return [];
      }
      return [{ groep: GROEP_KORT[reeks.groep], cohort: c.cohort, meting: c.meting, aandeel: Number(c.rij.percentage) / 100 }];
    }),
  );
  return { values, onderdrukt };
}

/** The chart: a dashed rule between the editions' cohorts, labelled with both, and one line per group and edition. */
function trendSpec(v: Vergelijking, values: Waarde[], groepen: readonly Groep[]): TopLevelSpec {
  const laatsteVorig = v.vorige.cohorten[v.vorige.cohorten.length - 1]!;
  const eersteNieuw = v.huidige.cohorten[0]!;
  const grens = (laatsteVorig + eersteNieuw) / 2;
  const x = {
    field: 'cohort',
    type: 'quantitative' as const,
    title: 'Uitstroomcohort',
    scale: { domain: [v.cohorten[0]! - 0.5, v.cohorten[v.cohorten.length - 1]! + 0.5], nice: false, zero: false },
    axis: { values: v.cohorten, format: 'd', grid: false },
  };
  const label = (tekst: string, align: 'left' | 'right') => ({
    data: { values: [{ grens, tekst }] },
    mark: { type: 'text' as const, align, dx: align === 'left' ? 4 : -4, baseline: 'top' as const, y: 0, color: '#555555' },
    encoding: { x: { field: 'grens', type: 'quantitative' as const }, text: { field: 'tekst', type: 'nominal' as const } },
  });
  return {
    width: 420,
    height: 220,
    layer: [
      {
        data: { values: [{ grens }] },
        mark: { type: 'rule', color: '#888888', strokeDash: [4, 3] },
        encoding: { x: { field: 'grens', type: 'quantitative' } },
      },
      label(v.vorige.naam, 'right'),
      label(v.huidige.naam, 'left'),
      {
        data: { values },
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: { field: 'aandeel', type: 'quantitative', title: 'Aandeel', axis: { format: '.0%' }, scale: { domain: [0, yMax(values)] } },
          ...seriesEncoding('groep', groepen.map((g) => GROEP_KORT[g]), groepen.map((g) => GROEP_KLEUREN[g])),
          // one line per group and edition: no line across the boundary
          detail: { field: 'meting', type: 'nominal' },
          tooltip: [{ field: 'groep', title: 'Groep' }, { field: 'cohort', title: 'Cohort' }, { field: 'aandeel', title: 'Aandeel', format: '.1%' }],
        },
      },
    ],
  };
}

/** One headline series across both editions, by group, with the boundary between editions. */
function vergelijkingTrend(r: Resultaten, v: Vergelijking, k: { indicator: string; moment: Reeks['moment']; naam: string }): Figuur {
  const reeksen = GROEPEN.map((g) => vindReeks(v, k.indicator, k.moment, g)).filter((x): x is Reeks => x !== undefined);
  const { values, onderdrukt } = waarden(reeksen);
  const groepen: Groep[] = reeksen.map((x) => x.groep);
  const rik = reeksen.find((x) => x.groep === 'rik');
  return {
    id: vergelijkingFiguurId(k.indicator, k.moment),
    titel: `${hoofdletter(k.naam)}, per uitstroomcohort: ${v.vorige.naam} en ${v.huidige.naam}`,
    alt:
      `Lijndiagram van ${k.naam} per uitstroomcohort, ${v.cohorten[0]} tot en met ${v.cohorten[v.cohorten.length - 1]}, als aandeel van ${lijst(groepen.map((g) => GROEP_IN_ALT[g]))}; ` +
      `een verticale stippellijn scheidt de cohorten van de ${v.vorige.naam} (${periode(v.vorige.cohorten)}) van die van de ${v.huidige.naam} (${periode(v.huidige.cohorten)}).` +
      (rik ? eindpunten(rik) : ''),
    bron: bron(r, v, onderdrukt),
    spec: trendSpec(v, values, groepen),
  };
}

/** Every figure of the comparison chapter, in the order of the headline series. */
export function vergelijkingFiguren(r: Resultaten, v: Vergelijking): Figuur[] {
  return metSynthetischLabel(r, kernreeksen(v).map((k) => vergelijkingTrend(r, v, k)));
}
