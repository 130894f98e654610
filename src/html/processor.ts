/**
 * The one Markdown -> HTML processor, built once and frozen (unified's habit): GFM in, our small
 * print plugins over the HTML tree, HTML out. Per-document state reaches the plugins through
 * `file.data.print` (context.ts), never through options, so the frozen processor is shared.
 *
 *   remark-parse + remark-gfm        Markdown (GFM tables, footnotes) -> mdast
 *   remark-rehype                    mdast -> hast (raw HTML kept, Dutch footnote labels)
 *   rehypeHeadings                   heading ids and numbers, section labels
 *   rehypeFigures                    image alone in a paragraph -> numbered <figure>, SVG inlined
 *   rehypeTableCaptions              "Tabel: ..." paragraph -> numbered <caption>
 *   rehypeFootnotes                  per-chapter footnote ids, no back arrows
 *   rehypeCrossReferences            [@fig:x] -> placeholder, resolved after all chapters
 *   rehype-stringify                 hast -> HTML
 */
import type { Root as MdastRoot } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import rehypeCrossReferences from './crossrefs.ts';
import rehypeFigures from './figures.ts';
import rehypeFootnotes, { CLOBBER_PREFIX } from './footnotes.ts';
import rehypeHeadings from './headings.ts';
import rehypeTableCaptions from './tables.ts';

export const markdownProcessor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, {
    // Chapter Markdown is generated from our own templates, so its raw HTML is trusted.
    allowDangerousHtml: true,
    clobberPrefix: CLOBBER_PREFIX,
    footnoteLabel: 'Noten',
    footnoteLabelTagName: 'p',
    footnoteLabelProperties: { className: ['noten-kop'] },
    footnoteBackLabel: 'Terug naar de tekst',
  })
  .use(rehypeHeadings)
  .use(rehypeFigures)
  .use(rehypeTableCaptions)
  .use(rehypeFootnotes)
  .use(rehypeCrossReferences)
  .use(rehypeStringify, { allowDangerousHtml: true })
  .freeze();

/**
 * The Markdown tree of a chapter, parsed once for the HTML and for the reviewers' Markdown
 * (src/review/markdown.ts), which reads the same chapters right after: kept by text for the last
 * few documents. Processing leaves the tree as it is (remark-rehype makes a new HTML tree), and
 * no reader may change it.
 */
export function markdownTree(markdown: string): MdastRoot {
  let tree = TREES.get(markdown);
  if (!tree) {
    tree = markdownProcessor.parse(markdown);
    if (TREES.size >= MAX_TREES) TREES.delete(TREES.keys().next().value!);
    TREES.set(markdown, tree);
  }
  return tree;
}

const TREES = new Map<string, MdastRoot>();
/** Enough for the chapters of a monitor and its letter. */
const MAX_TREES = 64;
