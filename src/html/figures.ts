/**
 * rehype plugin: numbered figures with captions, SVG charts inlined as vectors.
 *
 * Markdown convention: an image alone in its paragraph is a figure.
 *
 *     ![Aandeel met werk per meetmoment {#fig:werk}](../figuren/werk-per-meetmoment.svg)
 *
 * - the caption is the image's title when it has one (`![alt](x.svg "Caption")`), else its alt text;
 * - the alt text is the chart's text alternative (its /Alt in the tagged PDF); without one the
 *   caption stands in, and a figure with neither is an error;
 * - the label is an explicit `{#fig:name}` at the end of the alt text or title (stripped from the
 *   caption), else the file name without extension (`fig:werk-per-meetmoment`);
 * - it prints as "Figuur 3.2 Aandeel met werk ..." with the caption above the chart, numbered per
 *   chapter (or through the document, for the Kamerbrief).
 *
 * A local SVG is read and inlined into the HTML rather than linked with <img>: an SVG inside <img>
 * cannot use the document's fonts, so its text would fall back to whatever the machine has, and
 * the print would differ between machines. Ids inside each SVG get a per-figure prefix, so two
 * charts' clip paths cannot collide. Other images stay <img>, with a relative path made absolute.
 */
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Element, ElementContent, Root } from 'hast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { addLabel, chapterContext, report, where, type ChapterContext, type Place } from './context.ts';
import { h, isBlank, isElement, text } from './hast.ts';
import { messages } from './messages.ts';
import { FIGURE_LABEL, figureCaption } from './syntax.ts';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export default function rehypeFigures() {
  return (tree: Root, file: VFile): void => {
    const ctx = chapterContext(file, 'rehypeFigures');
    for (let i = 0; i < tree.children.length; i++) {
      const node = tree.children[i]!;
      if (!isElement(node, 'p')) continue;
      const content = node.children.filter((c) => !isBlank(c));
      const image = content[0];
      if (content.length !== 1 || !isElement(image, 'img')) continue;
      tree.children[i] = figure(image, node, ctx, file);
    }
  };
}

function figure(image: Element, paragraph: Element, ctx: ChapterContext, file: VFile): Element {
  const src = String(image.properties.src ?? '');
  // In a template the figure is {{figuur "id"}}, or the image as written.
  const stem = src.replace(/^.*\//, '').replace(/\.svg$/, '');
  const at = where(file, paragraph.position?.start, [`figuur "${stem}"`, `](${src}`]);
  const alt = String(image.properties.alt ?? '');
  const title = image.properties.title === undefined ? undefined : String(image.properties.title);
  const { caption, name } = figureCaption(src, alt, title);
  // The text alternative: the alt text, or where that is empty the caption (from the title).
  const altText = alt.replace(FIGURE_LABEL, '').trim() || caption.trim();
  if (!altText) {
    report(file, messages.missingAltText(src), at, paragraph.position);
  }
  const id = `fig-${name}`;
  const number = nextNumber(ctx, 'fig');
  addLabel(file, ctx.register, { kind: 'fig', name, id, number, text: caption, where: at }, paragraph.position);

  // A URL (https:, data:, file:) is left to the printer, which blocks and reports remote ones.
  const graphic = SCHEME.test(src)
    ? h('img', { src, alt: altText })
    : localGraphic(file, { src, alt: altText, id, at, position: paragraph.position });

  const figcaption = h('figcaption', {}, [h('span', { className: ['label'] }, [text(`Figuur ${number}`)]), text(` ${caption.trim()}`)]);
  // role=group: in the tagged PDF the figure with its caption becomes a Div holding the Caption
  // and one Figure (the chart, with its text alternative); a bare <figure> would be a second
  // Figure around it, one without a text alternative of its own.
  const result = h('figure', { id, role: 'group' }, [figcaption, graphic]);
  result.position = paragraph.position;
  return result;
}

/** A figure's image file as written (`src`), its text alternative, its id and where it is written. */
interface Graphic {
  readonly src: string;
  readonly alt: string;
  readonly id: string;
  readonly at: Place;
  readonly position: Position | undefined;
}

/** A local image: an SVG read and inlined, anything else an <img> with an absolute file URL. */
function localGraphic(file: VFile, { src, alt, id, at, position }: Graphic): Element {
  const path = resolve(dirname(resolve(file.path ?? '.')), decodeURI(src));
  if (!/\.svg$/i.test(path)) return h('img', { src: pathToFileURL(path).href, alt });
  const { readAsset } = chapterContext(file, 'rehypeFigures').register;
  let svg: string;
  try {
    svg = readAsset(path);
  } catch {
    report(file, messages.figureNotFound(src, path), at, position);
    return h('div', { className: ['grafiek', 'ontbreekt'] }, [text(`[figuur ontbreekt: ${src}]`)]);
  }
  const inline = prepareSvg(svg, `${id}-`);
  if (inline === undefined) {
    report(file, messages.notSvg(path), at, position);
    return h('div', { className: ['grafiek', 'ontbreekt'] }, [text(`[geen SVG: ${src}]`)]);
  }
  // A hast `raw` node: rehype-stringify writes it as is (allowDangerousHtml); the SVG is ours.
  const children: ElementContent[] = [{ type: 'raw', value: labelSvg(inline, alt) } as unknown as ElementContent];
  return h('div', { className: ['grafiek'] }, children);
}

/** The figure number: "3.2" in chapter 3, "B1.4" in Bijlage 1, "2" through a document or unnumbered chapter. */
export function nextNumber(ctx: ChapterContext, kind: 'fig' | 'tab'): string {
  if (ctx.register.numbering === 'document') return String(++ctx.register.counters[kind]);
  const n = ++ctx.counters[kind];
  if (ctx.kind === 'hoofdstuk') return `${ctx.number}.${n}`;
  if (ctx.kind === 'bijlage') return `B${ctx.number}.${n}`;
  return String(n);
}

/**
 * Give the chart's root element role=img and the text alternative as its label. On the <svg>
 * itself (not on an element around it) the role makes everything inside presentational, so
 * Chromium tags the chart as one Figure whose /Alt is the label, instead of a Figure per axis,
 * legend and data point with Vega's English descriptions.
 */
export function labelSvg(svg: string, alt: string): string {
  const attribute = alt.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return svg.replace(/^<svg\b[^>]*>/, (tag) =>
    tag.replace(/\s(?:role|aria-label|aria-labelledby|aria-hidden)="[^"]*"/g, '').replace(/^<svg\b/, `<svg role="img" aria-label="${attribute}"`),
  );
}

/**
 * Make an SVG file fit for inlining: drop the XML declaration and doctype, and prefix every id
 * (and every reference to one) so that ids of different charts stay apart.
 */
export function prepareSvg(svg: string, prefix: string): string | undefined {
  const body = svg
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim();
  if (!/^<svg[\s>]/.test(body)) return undefined;
  return body
    .replace(/\sid="([^"]+)"/g, (_, id: string) => ` id="${prefix}${id}"`)
    .replace(/url\(\s*(['"]?)#([^'")\s]+)\1\s*\)/g, (_, q: string, id: string) => `url(${q}#${prefix}${id}${q})`)
    .replace(/(\s(?:xlink:)?href=")#([^"]+)"/g, (_, attr: string, id: string) => `${attr}#${prefix}${id}"`);
}
