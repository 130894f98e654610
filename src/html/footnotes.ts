/**
 * rehype plugin: GFM footnotes fit for print.
 *
 * remark-rehype numbers footnotes per chapter and gives them ids like `user-content-fn-1`; with
 * several chapters in one document those ids would repeat, so they get the chapter's prefix
 * (`h3-fn-1`). The back-reference arrows are useful on screen only and are dropped. The notes
 * stay at the end of their chapter ("Noten", "Notes" in an English chapter): Chromium has no CSS
 * footnote floats.
 */
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { chapterContext } from './context.ts';
import { isElement, visitElements } from './hast.ts';

/** remark-rehype's default prefix for ids made from user content. */
export const CLOBBER_PREFIX = 'user-content-';

export default function rehypeFootnotes() {
  return (tree: Root, file: VFile): void => {
    const ctx = chapterContext(file, 'rehypeFootnotes');
    // remark-rehype prefixes footnote ids, but not the id of the notes' label.
    const rename = (value: string): string =>
      value === 'footnote-label' ? `${ctx.idPrefix}noten` : value.replace(new RegExp(`^(#?)${CLOBBER_PREFIX}`), `$1${ctx.idPrefix}`);
    visitElements(tree, (element) => {
      const p = element.properties;
      // The label remark-rehype writes is the processor's (Dutch) one.
      if (p.id === 'footnote-label' && ctx.lang === 'en') element.children = [{ type: 'text', value: 'Notes' }];
      for (const key of ['id', 'href'] as const) {
        if (typeof p[key] === 'string') p[key] = rename(p[key]);
      }
      if (Array.isArray(p.ariaDescribedBy)) p.ariaDescribedBy = p.ariaDescribedBy.map((v) => rename(String(v)));
      element.children = element.children.filter((c) => !isBackReference(c));
      // The space that stood before the dropped arrow.
      const last = element.children.at(-1);
      if (element.tagName === 'p' && last?.type === 'text') last.value = last.value.trimEnd();
    });
  };
}

function isBackReference(node: Element['children'][number]): boolean {
  return isElement(node, 'a') && node.properties.dataFootnoteBackref !== undefined;
}
