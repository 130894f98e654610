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
    config: HUISSTIJL,
  } as TopLevelSpec;
}

export async function renderFiguur(f: Figuur): Promise<GerenderdeFiguur> {
  const spec = fullSpec(f);
  const logger = new CollectingLogger();
  const compiled = vl.compile(spec, { logger });
  if (logger.messages.length > 0)
    throw new Error(`figure ${f.id}: Vega-Lite warnings: ${logger.messages.join('; ')}`);
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', logLevel: vega.Warn });
  const svg = await view.toSVG();
  view.finalize();
  return { figuur: f, specJson: JSON.stringify(spec, null, 2) + '\n', svg: stabieleIds(svg) + '\n' };
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
