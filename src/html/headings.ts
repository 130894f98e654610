/**
 * rehype plugin: heading ids, heading numbers and section labels.
 *
 * Markdown convention (readable as is on a code-hosting site):
 * - every chapter file starts with one level-1 heading, its title (`# Methoden`);
 * - headings are numbered here, not in the Markdown: `## Werk` in the third hoofdstuk prints as
 *   "3.2 Werk". A heading that already starts with exactly the number it would get (`## 3.2 Werk`)
 *   keeps it and is not numbered twice;
 * - a heading may end in an explicit label, `## Werk en inkomen {#sec:werk}`, which is stripped
 *   from the text; without one, the label is a slug of the text (`sec:werk-en-inkomen`).
 *   Cross-references use the label: `[@sec:werk]`.
 *
 * Numbering by chapter kind: hoofdstuk "3", "3.2", "3.2.1"; bijlage "Bijlage 2", "B2.1", "B2.1.1";
 * brief (Kamerbrief) drops the level-1 title (the kamerstuk header carries the subject) and
 * numbers "1." and "a."; ongenummerd and voorwerk are not numbered.
 */
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { addLabel, chapterContext, report, uniqueId, where, type ChapterContext } from './context.ts';
import { h, text, textOf } from './hast.ts';
import { messages } from './messages.ts';
import { HEADING_LABEL, writtenNumber } from './syntax.ts';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A GitHub-like slug, with diacritics folded so ids stay ASCII: "Één ID-bewijs" -> "een-id-bewijs". */
export function slug(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export default function rehypeHeadings() {
  return (tree: Root, file: VFile): void => {
    const ctx = chapterContext(file, 'rehypeHeadings');
    const counts = [0, 0, 0, 0, 0, 0, 0];
    let seenTitle = false;

    for (let i = 0; i < tree.children.length; i++) {
      const node = tree.children[i]!;
      if (node.type !== 'element' || !/^h[1-6]$/.test(node.tagName)) continue;
      const depth = Number(node.tagName.slice(1));
      const at = where(file, node.position?.start);

      if (depth === 1) {
        if (seenTitle) report(file, messages.secondTitle(), at, node.position);
        seenTitle = true;
      } else if (!seenTitle && ctx.kind !== 'brief') {
        report(file, messages.missingTitle(), at, node.position);
        seenTitle = true;
      }
      if (ctx.kind === 'brief' && depth === 1) {
        // The kamerstuk header replaces the letter's title.
        tree.children.splice(i, 1);
        i--;
        continue;
      }

      counts[depth]!++;
      counts.fill(0, depth + 1);
      const number = headingNumber(ctx, depth, counts);
      const explicit = stripExplicitLabel(node);
      stripWrittenNumber(node, number);
      const title = textOf(node).trim();
      const name = explicit ?? slug(title);
      if (!name) {
        report(file, messages.emptyHeading(), at, node.position);
        continue;
      }
      const id = uniqueId(ctx.register, `sec-${name}`);
      node.properties = { ...node.properties, id };
      if (number) {
        node.children.unshift(h('span', { className: ['nummer'] }, [text(number)]), text(' '));
      }
      addLabel(file, ctx.register, {
        kind: 'sec',
        name: id.slice('sec-'.length),
        id,
        number: number.replace(/^Bijlage /, '').replace(/\.$/, ''),
        depth,
        chapterKind: ctx.kind,
        text: title,
        where: at,
      }, node.position);
      ctx.register.headings.push({ id, depth, number, text: title, chapterIndex: ctx.index, chapterKind: ctx.kind, ...(ctx.lang ? { lang: ctx.lang } : {}) });
    }
  };
}

function headingNumber(ctx: ChapterContext, depth: number, counts: number[]): string {
  const path = counts.slice(2, depth + 1).join('.');
  switch (ctx.kind) {
    case 'hoofdstuk':
      if (depth === 1) return ctx.number;
      return depth <= 4 ? `${ctx.number}.${path}` : '';
    case 'bijlage':
      if (depth === 1) return `Bijlage ${ctx.number}`;
      return depth <= 4 ? `B${ctx.number}.${path}` : '';
    case 'brief':
      if (depth === 2) return `${counts[2]}.`;
      if (depth === 3) return `${LETTERS[(counts[3]! - 1) % LETTERS.length]}.`;
      return '';
    case 'ongenummerd':
    case 'voorwerk':
      return '';
  }
}

/** Remove a trailing `{#sec:name}` from the heading's last text node and return the name. */
function stripExplicitLabel(node: Element): string | undefined {
  const last = node.children.at(-1);
  if (last?.type !== 'text') return undefined;
  const match = HEADING_LABEL.exec(last.value);
  if (!match) return undefined;
  last.value = last.value.slice(0, match.index);
  return match[1];
}

/** A heading written with its own number ("3.2 Werk") loses it here, as we print it ourselves. */
function stripWrittenNumber(node: Element, number: string): void {
  const first = node.children[0];
  const pattern = writtenNumber(number);
  if (first?.type !== 'text' || !pattern) return;
  const match = pattern.exec(first.value);
  if (match) first.value = first.value.slice(match[0].length);
}
