/**
 * rehype plugin: numbered tables with captions.
 *
 * Markdown convention: a paragraph starting with "Tabel:" right before a GFM table is that
 * table's caption; it may end in a label for cross-references (stripped from the caption).
 *
 *     Tabel: Kenmerken van de uitstroom per cohort {#tab:kenmerken}
 *
 *     | kenmerk | 2013 | 2014 |
 *     |---|--:|--:|
 *
 * It prints as "Tabel 3.1 Kenmerken van de uitstroom per cohort" above the table, numbered per
 * chapter (or through the document, for the Kamerbrief). Without a label the caption's slug is
 * used (`tab:kenmerken-van-de-uitstroom-per-cohort`). A table without a caption paragraph is
 * printed unnumbered. Inline markup in the caption (emphasis, a footnote) is kept.
 */
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { addLabel, chapterContext, report, where } from './context.ts';
import { nextNumber } from './figures.ts';
import { h, isBlank, isElement, text, textOf, visitElements } from './hast.ts';
import { slug } from './headings.ts';
import { messages } from './messages.ts';
import { TABLE_LABEL, TABLE_PREFIX } from './syntax.ts';


export default function rehypeTableCaptions() {
  return (tree: Root, file: VFile): void => {
    const ctx = chapterContext(file, 'rehypeTableCaptions');
    // Header cells say which column they head, so the tagged PDF's TH cells carry /Scope /Column.
    visitElements(tree, (element) => {
      if (!isElement(element, 'thead')) return;
      visitElements(element, (cell) => {
        if (isElement(cell, 'th')) cell.properties = { ...cell.properties, scope: 'col' };
      });
    });
    for (let i = 0; i < tree.children.length; i++) {
      const node = tree.children[i]!;
      if (!isElement(node, 'p') || !isCaption(node)) continue;
      let j = i + 1;
      while (j < tree.children.length && isBlank(tree.children[j]!)) j++;
      const table = tree.children[j];
      const at = where(file, node.position?.start);
      if (!isElement(table, 'table')) {
        report(file, messages.captionWithoutTable(), at, node.position);
        continue;
      }
      const children = node.children;
      const first = children[0];
      if (first?.type === 'text') first.value = first.value.replace(TABLE_PREFIX, '');
      let name: string | undefined;
      const last = children.at(-1);
      if (last?.type === 'text') {
        const match = TABLE_LABEL.exec(last.value);
        if (match) {
          name = match[1];
          last.value = last.value.slice(0, match.index);
        }
      }
      const caption = textOf(node).trim();
      name ??= slug(caption);
      const id = `tab-${name}`;
      const number = nextNumber(ctx, 'tab');
      addLabel(file, ctx.register, { kind: 'tab', name, id, number, text: caption, where: at }, node.position);
      table.properties = { ...table.properties, id };
      table.children.unshift(
        h('caption', {}, [h('span', { className: ['label'] }, [text(`Tabel ${number}`)]), text(' '), ...children]),
      );
      // Drop the caption paragraph (and the blank text after it).
      tree.children.splice(i, j - i);
      i--;
    }
  };
}

function isCaption(p: Element): boolean {
  const first = p.children[0];
  return first?.type === 'text' && TABLE_PREFIX.test(first.value);
}
