/** Forest plots: each term of an estimated model as its ratio with a 95% interval, on a log scale. */
import type { ModelNaam } from '../../models/frames.ts';
import { termTekst } from '../../vocabulary/labels.ts';
import type { Resultaten } from '../../results/results.ts';
import { bronregel, figuur, geschatModel, type Bijschrift } from '../figuur.ts';
import type { Figuur } from '../render.ts';
import { KLEUREN } from '../style.ts';

/** The x axis's title: what the model's ratios are. */
const RATIO_TITEL = {
  hazard: 'Hazard ratio (logaritmische schaal)',
  odds: 'Odds ratio (logaritmische schaal)',
} as const;

/** Forest plot: each term's ratio with its 95% interval on a log scale, reference line at 1; none when the model was not estimated. */
export function forest(r: Resultaten, opties: Bijschrift & { model: ModelNaam; ratio: keyof typeof RATIO_TITEL }): Figuur | undefined {
  const m = geschatModel(r, opties.model);
  if (!m) return undefined;
  const termen = m.termen.filter((t) => t.term !== '(Intercept)');
  const values = termen.map((t, i) => {
    const { covariaat, niveau } = termTekst(t.term);
    return { term: niveau ? `${covariaat}: ${niveau}` : covariaat, volgorde: i, ratio: t.ratio, laag: t.ciLaag, hoog: t.ciHoog };
  });
  const lo = Math.min(...values.map((v) => v.laag), 1);
  const hi = Math.max(...values.map((v) => v.hoog), 1);
  const termY = { field: 'term', type: 'nominal' as const, sort: values.map((v) => v.term), title: null, axis: { labelLimit: 0 } };
  const domein = [Math.pow(2, Math.floor(Math.log2(lo) * 2) / 2), Math.pow(2, Math.ceil(Math.log2(hi) * 2) / 2)];
  return figuur(opties, bronregel(r), {
    data: { values },
    width: 300,
    height: { step: 16 },
    layer: [
      {
        mark: { type: 'rule', color: '#888888', strokeDash: [4, 3] },
        data: { values: [{ een: 1 }] },
        encoding: { x: { field: 'een', type: 'quantitative' } },
      },
      {
        mark: { type: 'rule', color: KLEUREN[0] },
        encoding: {
          x: { field: 'laag', type: 'quantitative', scale: { type: 'log', domain: domein }, title: RATIO_TITEL[opties.ratio], axis: { format: '.2~f' } },
          x2: { field: 'hoog' },
          y: termY,
        },
      },
      {
        mark: { type: 'point', filled: true, shape: 'square', color: KLEUREN[0], size: 40 },
        encoding: {
          x: { field: 'ratio', type: 'quantitative' },
          y: termY,
          tooltip: [{ field: 'term' }, { field: 'ratio', format: '.2f' }, { field: 'laag', format: '.2f' }, { field: 'hoog', format: '.2f' }],
        },
      },
    ],
  });
}
