/**
 * The project's own Markdown syntax for numbered parts and references, in one place: the print
 * plugins read it, and the reviewers' Markdown (src/review/markdown.ts) rewrites it into plain
 * Markdown, so both must recognise exactly the same text.
 *
 *     ## Werk en inkomen {#sec:werk}                  a heading's label
 *     ![Aandeel met werk {#fig:werk}](werk.svg)         a figure's label, in its alt text or title
 *     Tabel: Kenmerken van de uitstroom {#tab:kenmerken} a table's caption and label
 *     Zie [@fig:werk; @tab:kenmerken].                  references
 */

/** A heading's explicit label at the end of its text; the name is group 1. */
export const HEADING_LABEL = /\s*\{#sec:([\p{L}\p{N}_-]+)\}\s*$/u;

/** A figure's explicit label at the end of its alt text or title; the name is group 1. */
export const FIGURE_LABEL = /\s*\{#fig:([\p{L}\p{N}_-]+)\}\s*$/u;

/**
 * A figure's caption and label name, from its image: the caption is the title when it has one,
 * else the alt text; the name an explicit `{#fig:name}` at the end of either (stripped from the
 * caption), else the image file's name without its extension.
 */
export function figureCaption(src: string, alt: string, title: string | undefined): { caption: string; name: string } {
  let caption = title ?? alt;
  let name: string | undefined;
  for (const source of [title, alt]) {
    const match = source === undefined ? null : FIGURE_LABEL.exec(source);
    if (match) {
      name ??= match[1];
      if (source === caption) caption = source.slice(0, match.index);
    }
  }
  name ??= (src.split(/[?#]/)[0]!.split('/').pop() ?? '').replace(/\.[a-z0-9]+$/i, '');
  return { caption, name };
}

/** A table caption's explicit label; the name is group 1. */
export const TABLE_LABEL = /\s*\{#tab:([\p{L}\p{N}_-]+)\}\s*$/u;

/** The start of a paragraph that is the caption of the table right after it. */
export const TABLE_PREFIX = /^\s*Tabel:\s*/;

/** A reference to one or more labels, `[@fig:a]` or `[@fig:a; @tab:b]`; the list is group 1. */
export const REFERENCE = /\[(@[A-Za-z]+:[\p{L}\p{N}_-]+(?:\s*;\s*@[A-Za-z]+:[\p{L}\p{N}_-]+)*)\]/gu;

/**
 * The number a heading is written with when it already has the one it gets ("3.2 Werk",
 * "Bijlage 2 Tabellen"), with the space after it: it is printed once, not twice. Undefined for
 * a heading that gets no number.
 */
export function writtenNumber(number: string): RegExp | undefined {
  const bare = number.replace(/^Bijlage /, '');
  if (!bare) return undefined;
  const escaped = bare.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\s*(Bijlage\\s+)?${escaped}${bare.endsWith('.') ? '' : '\\.?'}\\s+`);
}
