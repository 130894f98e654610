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
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root as MdastRoot } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { cacheSleutel, inCache, jsonCache, uitCache, type JsonCache } from '../util/json-cache.ts';
import { PROJECT_ROOT } from '../util/paths.ts';
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
 *
 * With `cache` (a build that keeps one), the tree is also kept on disk under a hash of the text
 * and of what makes the parse (package-lock.json, this module), and read back the next time the same text
 * is parsed: in a rebuild after one template changed, the other chapters; in the tests, the
 * many builds of the same data. GFM tables make the parse slow (the appendix of tables takes a
 * quarter of a second); reading the tree back as JSON takes a twentieth of that. The tree is
 * plain data (types, values, positions), so the one read back equals the one parsed.
 */
export function markdownTree(markdown: string, cache?: JsonCache): MdastRoot {
  let tree = TREES.get(markdown);
  if (!tree) {
    const sleutel = cache && markdownSleutel(markdown);
    tree = cache && sleutel ? uitCache<MdastRoot>(cache, sleutel) : undefined;
    if (!tree) {
      tree = markdownProcessor.parse(markdown);
      if (cache && sleutel) inCache(cache, sleutel, tree);
    }
    if (TREES.size >= MAX_TREES) TREES.delete(TREES.keys().next().value!);
    TREES.set(markdown, tree);
  }
  return tree;
}

const TREES = new Map<string, MdastRoot>();
/** Enough for the chapters of a monitor and its letter. */
const MAX_TREES = 64;

/**
 * The Markdown trees a build keeps (`markdownTree`): a monitor and its letter are some 40
 * trees, parsed as written and again as reviewers read them (4 MB), so this is a few builds.
 */
export function markdownCache(dir: string): JsonCache {
  return jsonCache(dir, 200);
}

/** The key of a text's tree in the cache: the text, and what makes the parse. */
export function markdownSleutel(markdown: string): string {
  return cacheSleutel(pakketten(), markdown);
}

/** What the parse depends on besides the text: the installed packages and this module, which picks the plugins (read once per process). */
let parser: string | undefined;
function pakketten(): string {
  const lees = (pad: string | URL) => {
    try {
      return readFileSync(pad, 'utf8');
    } catch {
      return `${String(pad)} onleesbaar`;
    }
  };
  parser ??= cacheSleutel(lees(join(PROJECT_ROOT, 'package-lock.json')), lees(new URL(import.meta.url)));
  return parser;
}
