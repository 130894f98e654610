/**
 * What a code host makes of committed Markdown: rendered with a plain GFM renderer (unified,
 * remark-parse, remark-gfm, remark-rehype, rehype-stringify; none of the project's plugins), with
 * heading anchors as GitHub makes them (github-slugger, per file) and raw-HTML ids kept.
 */
import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import GithubSlugger from 'github-slugger';
import type { Nodes, Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true }).freeze();

/** GitHub prefixes ids in user content and resolves `#x` to `user-content-x`. */
const PREFIX = 'user-content-';

export interface Rendered {
  html: string;
  /** every anchor a link can land on: heading slugs, ids (without GitHub's prefix) */
  anchors: string[];
  /** every href and src in the page */
  links: string[];
}

export function renderGfm(markdown: string): Rendered {
  const tree = processor.runSync(processor.parse(markdown)) as Root;
  const html = processor.stringify(tree);
  const slugger = new GithubSlugger();
  const anchors: string[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'element' && /^h[1-6]$/.test(node.tagName)) anchors.push(slugger.slug(text(node)));
    if ('children' in node) for (const c of node.children) walk(c as Nodes);
  };
  walk(tree);
  // id and name of one element are one anchor (an <a id="x" name="x">).
  for (const tag of html.matchAll(/<[a-z][^>]*>/g)) {
    const values = new Set([...tag[0].matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => (m[1]!.startsWith(PREFIX) ? m[1]!.slice(PREFIX.length) : m[1]!)));
    anchors.push(...values);
  }
  const links = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => decodeURI(m[1]!.replace(/&#x26;/g, '&').replace(/&amp;/g, '&')));
  return { html, anchors, links };
}

function text(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return node.children.map((c) => text(c as Nodes)).join('');
  return '';
}

/** Project syntax a code host would show as written. */
export function projectSyntax(markdown: string): string[] {
  const found: string[] = [];
  markdown.split('\n').forEach((line, i) => {
    if (line.includes('[@')) found.push(`regel ${i + 1}: [@ in '${line.trim().slice(0, 80)}'`);
    if (line.includes('{#')) found.push(`regel ${i + 1}: {# in '${line.trim().slice(0, 80)}'`);
    if (/^\s*Tabel:/.test(line)) found.push(`regel ${i + 1}: Tabel:-regel '${line.trim().slice(0, 80)}'`);
  });
  return found;
}

/**
 * Links in `files` (path relative to `root` -> Markdown) that land nowhere: an anchor missing
 * from the target's rendered page, or a file that does not exist under `root`.
 */
export function brokenLinks(root: string, files: ReadonlyMap<string, Rendered>): string[] {
  const broken: string[] = [];
  for (const [path, page] of files) {
    for (const href of page.links) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue; // external (http, mailto)
      const [file, hash] = href.split('#') as [string, string | undefined];
      const target = file === '' ? path : normalize(join(dirname(path), file)).split('\\').join('/');
      if (file !== '' && !files.has(target) && !existsSync(join(root, target))) {
        broken.push(`${path}: ${href}: bestand ${target} bestaat niet`);
        continue;
      }
      if (hash === undefined) continue;
      const targetPage = files.get(target);
      if (!targetPage) {
        broken.push(`${path}: ${href}: anker in een bestand dat niet gecontroleerd is`);
        continue;
      }
      const anchor = hash.startsWith(PREFIX) ? hash.slice(PREFIX.length) : hash;
      if (!targetPage.anchors.includes(anchor)) broken.push(`${path}: ${href}: anker '${anchor}' bestaat niet in ${target}`);
    }
  }
  return broken;
}

/** Anchors that occur twice in one page (the second would never be reached). */
export function duplicateAnchors(page: Rendered): string[] {
  const seen = new Set<string>();
  return page.anchors.filter((a) => (seen.has(a) ? true : (seen.add(a), false)));
}
