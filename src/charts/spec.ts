/**
 * The Vega-Lite pieces several chart families draw with: series told apart by colour, dash and
 * shape; the y axis's upper end; lines of shares; grouped bars for rik and kv.
 */
import { GROEP_KORT } from '../vocabulary/labels.ts';
import { GROEP_KLEUREN } from './style.ts';
import { RIK_KV } from '../vocabulary/lists.ts';

const STREEPJES: number[][] = [[1, 0], [6, 3], [2, 2], [8, 2, 2, 2], [12, 4], [4, 2, 1, 2], [1, 3]];
const VORMEN = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'stroke'];

/** Colour, dash and shape scales for a few series, so each stays apart in greyscale. */
export function seriesEncoding(veld: string, domein: string[], kleuren: readonly string[], legendaTitel: string | null = null) {
  return {
    color: { field: veld, type: 'nominal' as const, title: legendaTitel, scale: { domain: domein, range: kleuren.slice(0, domein.length) } },
    strokeDash: { field: veld, type: 'nominal' as const, title: legendaTitel, scale: { domain: domein, range: STREEPJES.slice(0, domein.length) } },
    shape: { field: veld, type: 'nominal' as const, title: legendaTitel, scale: { domain: domein, range: VORMEN.slice(0, domein.length) } },
  };
}

/** Upper end of the y axis: the next 10% above the largest share (at least 10%). */
export function yMax(values: { aandeel: number }[]): number {
  const max = Math.max(0, ...values.map((v) => v.aandeel));
  return Math.min(1, Math.max(0.1, Math.ceil((max + 0.02) * 10) / 10));
}

/** A point of a line chart of shares. */
export interface Punt {
  reeks: string;
  x: string;
  volgorde: number;
  aandeel: number;
}

/** Lines of shares: x ordinal, one line per series. */
export function lijnen(values: Punt[], opties: { xTitel: string; xVolgorde: string[]; reeksen: string[]; kleuren: readonly string[] }) {
  return {
    data: { values },
    width: 420,
    height: 220,
    mark: { type: 'line' as const, point: true },
    encoding: {
      x: { field: 'x', type: 'ordinal' as const, sort: opties.xVolgorde, title: opties.xTitel },
      y: {
        field: 'aandeel',
        type: 'quantitative' as const,
        title: 'Aandeel',
        axis: { format: '.0%' },
        scale: { domain: [0, yMax(values)] },
      },
      ...seriesEncoding('reeks', opties.reeksen, opties.kleuren),
      tooltip: [{ field: 'reeks', title: 'Reeks' }, { field: 'x', title: opties.xTitel }, { field: 'aandeel', title: 'Aandeel', format: '.1%' }],
    },
  };
}

/** A bar of a grouped bar chart. */
export interface Staaf {
  categorie: string;
  groep: string;
  aandeel: number;
  /** The printed value, rounded from the counts exactly as the text rounds it. */
  label: string;
}

/** Grouped horizontal bars: one bar per category and group (rik, kv), with the value printed. */
export function groepStaven(values: Staaf[], categorieen: string[], categorieTitel: string) {
  const groepen = RIK_KV.map((g) => GROEP_KORT[g]);
  return {
    data: { values },
    width: 380,
    encoding: {
      // category labels are whole phrases ('geen geldig ID bij uitstroom'): do not cut them off
      y: { field: 'categorie', type: 'nominal' as const, sort: categorieen, title: categorieTitel, axis: { labelLimit: 320 } },
      yOffset: { field: 'groep', type: 'nominal' as const, sort: groepen },
      x: { field: 'aandeel', type: 'quantitative' as const, title: 'Aandeel', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
    },
    layer: [
      {
        mark: { type: 'bar' as const, stroke: '#222222', strokeWidth: 0.5 },
        encoding: {
          color: {
            field: 'groep',
            type: 'nominal' as const,
            title: null,
            scale: { domain: groepen, range: RIK_KV.map((g) => GROEP_KLEUREN[g]) },
          },
          tooltip: [{ field: 'categorie' }, { field: 'groep' }, { field: 'aandeel', format: '.1%' }],
        },
      },
      {
        mark: { type: 'text' as const, align: 'left' as const, dx: 3 },
        // the label field, not a format of aandeel: d3 would round 14.5% down, the text rounds half up
        encoding: { text: { field: 'label', type: 'nominal' as const } },
      },
    ],
  };
}
