/**
 * Render a Vega-Lite chart to SVG in Node (no browser), deterministically.
 *
 * The spec that is saved beside the SVG is the one rendered: data inlined, house style in its
 * config. Vega-Lite warnings are errors here: a chart that compiles with warnings is a chart
 * that does not show what its author meant.
 */
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import type { LoggerInterface } from 'vega';
import { InternalError } from '../util/errors.ts';
import { HUISSTIJL } from './style.ts';

/** A figure of the monitor: a chart plus everything the text around it needs. */
export interface Figuur {
  /** File name without extension, also the cross-reference label (fig:<id>). */
  id: string;
  /** Caption (Dutch), without the number. */
  titel: string;
  /** Text alternative: what the chart shows, in a sentence or two. */
  alt: string;
  /** Source line. */
  bron: string;
  /**
   * With synthetic extracts, the label drawn at the foot of the chart itself
   * (src/results/synthetisch.ts), so that the chart on its own, or a screenshot of it, says so.
   */
  label?: string;
  /** Vega-Lite spec with data inlined, without config (the house style is added). */
  spec: TopLevelSpec;
}

export interface GerenderdeFiguur {
  figuur: Figuur;
  /** The full spec as written to <id>.vl.json. */
  specJson: string;
  svg: string;
}

class CollectingLogger implements LoggerInterface {
  readonly messages: string[] = [];
  #level = 0;
  level(): number;
  level(_: number): this;
  level(l?: number): number | this {
    if (l === undefined) return this.#level;
    this.#level = l;
    return this;
  }
  info(...args: readonly unknown[]): this {
    void args;
    return this;
  }
  debug(...args: readonly unknown[]): this {
    void args;
    return this;
  }
  warn(...args: readonly unknown[]): this {
    this.messages.push(args.map(String).join(' '));
    return this;
  }
  error(...args: readonly unknown[]): this {
    this.messages.push(args.map(String).join(' '));
    return this;
  }
}

/** The spec exactly as rendered and saved: the figure's spec with the house style. */
export function fullSpec(f: Figuur): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...f.spec,
    description: f.alt,
    // The source line travels with the spec, so the file on its own says where the data come from.
    usermeta: { bron: f.bron },
    config: HUISSTIJL,
  } as TopLevelSpec;
}

export async function renderChart(f: Figuur): Promise<GerenderdeFiguur> {
  const spec = fullSpec(f);
  const logger = new CollectingLogger();
  const compiled = vl.compile(spec, { logger });
  if (logger.messages.length > 0)
    throw new InternalError(`figure ${f.id}: Vega-Lite warnings: ${logger.messages.join('; ')}`);
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', logLevel: vega.Warn });
  const svg = await view.toSVG();
  view.finalize();
  const getekend = f.label ? metLabel(stabieleIds(svg), f.label) : stabieleIds(svg);
  return { figuur: f, specJson: JSON.stringify(spec, null, 2) + '\n', svg: getekend + '\n' };
}

/** Height of the strip under the chart that carries the label. */
const LABEL_HOOGTE = 16;

/**
 * The SVG with a strip under the chart that carries `label` (synthetic data): the canvas grows
 * by LABEL_HOOGTE, so nothing of the chart is covered.
 */
export function metLabel(svg: string, label: string): string {
  const kop = /^<svg\b[^>]*\bwidth="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)" viewBox="0 0 \1 \2">(<rect width="\1" height="\2" fill="white"\/>)?/.exec(svg);
  if (!kop) throw new InternalError('chart label: unexpected SVG header from Vega');
  const [geheel, breedte, hoogte] = kop as unknown as [string, string, string];
  const nieuw = Number(hoogte) + LABEL_HOOGTE;
  const esc = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const tekst = `<text class="synthetisch-label" x="4" y="${nieuw - 4}" font-family="${HUISSTIJL.font}" font-size="10" font-weight="600" fill="#8a3a0e">${esc}</text>`;
  return (
    geheel.replace(`height="${hoogte}" viewBox="0 0 ${breedte} ${hoogte}"`, `height="${nieuw}" viewBox="0 0 ${breedte} ${nieuw}"`).replace(`<rect width="${breedte}" height="${hoogte}"`, `<rect width="${breedte}" height="${nieuw}"`) +
    svg.slice(geheel.length).replace(/<\/svg>\s*$/, `${tekst}</svg>`)
  );
}

/**
 * Vega numbers gradients and clip paths with counters global to the process, so the same chart
 * rendered twice (or after another chart) would get other ids. Renumber them per SVG, in order
 * of appearance, so rendering is deterministic whatever was rendered before.
 */
export function stabieleIds(svg: string): string {
  const nieuw = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="((gradient_|clip|pattern_)\d+)"/g)) {
    if (!nieuw.has(m[1]!)) nieuw.set(m[1]!, `${m[2]}${[...nieuw.keys()].filter((k) => k.startsWith(m[2]!)).length}`);
  }
  if (nieuw.size === 0) return svg;
  return svg.replace(/\b(gradient_|clip|pattern_)\d+\b/g, (id) => nieuw.get(id) ?? id);
}
