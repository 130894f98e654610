/**
 * The committed Markdown as a reviewer reads it on a code host (GitHub, in a merge request):
 * the finished text, with nothing only the project's own renderer understands.
 *
 * The templates and the HTML/PDF pipeline keep the project syntax (`[@fig:x]`, `{#sec:x}`,
 * `Tabel: … {#tab:x}`, `"Caption {#fig:x}"` image titles). Once the print pipeline has numbered
 * everything (its DocumentRegister, see src/html/context.ts), this module writes each chapter
 * again with
 * - headings carrying their number and no attribute syntax: `## 5.2 Werk behouden en vinden`;
 *   the code host makes the anchor itself, and the slug is computed here the same way
 *   (github-slugger, per file, in document order);
 * - figure and table captions as a plain emphasised line, `*Figuur 5.6 Titel*`, after an explicit
 *   anchor `<a id="figuur-5-6" name="figuur-5-6"></a>` (see anchorHtml);
 * - every reference resolved and linked: `[figuur 5.6](06-samenhang.md#figuur-5-6)`;
 * - one sentence per line in paragraphs (sentences.ts), so a diff shows the sentence that changed.
 *
 * Edits are made on the source text at the positions remark reports, so everything else (tables,
 * footnotes, lists) is kept byte for byte.
 */
import { dirname, posix, relative } from 'node:path';
import GithubSlugger from 'github-slugger';
import type { Heading, Nodes, Paragraph, Parents, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { DocumentRegister, Label, LabelKind } from '../html/context.ts';
import { groupByNoun, referenceWords } from '../html/crossrefs.ts';
import { slug } from '../html/headings.ts';
import { markdownTree } from '../html/processor.ts';
import type { JsonCache } from '../util/json-cache.ts';
import { FIGURE_LABEL, figureCaption, HEADING_LABEL, REFERENCE, TABLE_LABEL, TABLE_PREFIX, writtenNumber } from '../html/syntax.ts';
import { InternalError } from '../util/errors.ts';
import { mayHoldCode } from '../util/markdown.ts';
import { sentenceBreaks } from './sentences.ts';

export interface ReviewChapter {
  /** path of the chapter in the output folder, with forward slashes: `monitor/05-veranderingen.md` */
  readonly path: string;
  /** the chapter's Markdown with the project syntax, as given to renderDocument */
  readonly markdown: string;
  /** a Kamerbrief: its level-1 title is not numbered and not registered */
  readonly brief?: boolean;
}

const parser = unified().use(remarkParse).use(remarkGfm).freeze();
const parse = (markdown: string): Root => parser.parse(markdown) as Root;

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface Anchor {
  path: string;
  anchor: string;
}

/**
 * Every chapter rewritten for reviewers, in the order given; `register` is the one renderDocument
 * filled for the same chapters (same order), after its cross-references were resolved. `cache`:
 * the build's Markdown trees (src/html/processor.ts, markdownTree), for the chapters' texts and
 * for the texts this writes before it splits their sentences.
 */
export function reviewMarkdown(chapters: readonly ReviewChapter[], register: DocumentRegister, cache?: JsonCache): string[] {
  const parseCached = (markdown: string) => markdownTree(markdown, cache);
  // Pass 1: headings and captions, and the anchor of every label.
  const anchors = new Map<string, Anchor>();
  const structured = chapters.map((chapter, index) => {
    // The tree the HTML was made from (renderDocument parsed the same text just before).
    const tree = parseCached(chapter.markdown);
    const edits: Edit[] = [];
    const slugger = new GithubSlugger();
    const entries = register.headings.filter((h) => h.chapterIndex === index);
    let next = 0;

    visit(tree, (node, parent) => {
      if (node.type === 'heading') {
        const registered = parent.type === 'root' && !(chapter.brief && node.depth === 1);
        const content = headingContent(chapter.markdown, node);
        if (!registered) {
          const plain = content.replace(HEADING_LABEL, '');
          edits.push({ start: offset(node, 'start'), end: offset(node, 'end'), text: `${'#'.repeat(node.depth)} ${plain}` });
          slugger.slug(textContent(parse(plain)));
          return;
        }
        const entry = entries[next++];
        if (!entry) throw new InternalError(`${chapter.path}: kop '${content}' ontbreekt in het register van de opmaak`);
        const title = stripNumber(content.replace(HEADING_LABEL, ''), entry.number);
        const written = entry.number ? `${entry.number} ${title}` : title;
        edits.push({ start: offset(node, 'start'), end: offset(node, 'end'), text: `${'#'.repeat(node.depth)} ${written}` });
        anchors.set(entry.id, { path: chapter.path, anchor: slugger.slug(entry.number ? `${entry.number} ${entry.text}` : entry.text) });
        return;
      }
      if (node.type === 'paragraph' && parent.type === 'root') {
        const figure = figureEdit(chapter, node, register, anchors);
        if (figure) edits.push(figure);
        const table = tableEdit(chapter, node, register, anchors);
        if (table) edits.push(table);
      }
    });
    if (next !== entries.length) throw new InternalError(`${chapter.path}: ${entries.length - next} kop(pen) uit het register niet gevonden`);
    return apply(chapter.markdown, edits);
  });

  // Pass 2: references, now that every anchor is known; pass 3: a sentence per line.
  // A chapter in another language than the document's (the Summary) is known to the register by
  // its headings; its references take that language's words, as in the print.
  const lang = (index: number) => register.headings.find((h) => h.chapterIndex === index)?.lang;
  return structured.map((markdown, index) => splitParagraphs(resolveReferences(markdown, chapters[index]!.path, { register, anchors, parse: parseCached }, lang(index)), parseCached));
}

/** `![alt](x.svg "Caption {#fig:x}")` alone in its paragraph -> anchor, caption line, image. */
function figureEdit(chapter: ReviewChapter, node: Paragraph, register: DocumentRegister, anchors: Map<string, Anchor>): Edit | undefined {
  const content = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  const image = content[0];
  if (content.length !== 1 || image?.type !== 'image') return undefined;
  // Caption and label as the print reads them (src/html/syntax.ts).
  const alt = image.alt ?? '';
  const { caption, name } = figureCaption(image.url, alt, image.title ?? undefined);
  const cleanAlt = alt.replace(FIGURE_LABEL, '');
  const label = labelOf(register, 'fig', name, chapter.path);
  const anchor = `figuur-${label.number.replace(/\./g, '-').toLowerCase()}`;
  anchors.set(label.id, { path: chapter.path, anchor });
  const url = /[\s()<>]/.test(image.url) ? `<${image.url}>` : image.url;
  return {
    start: offset(node, 'start'),
    end: offset(node, 'end'),
    text: `${anchorHtml(anchor)}\n${emphasise(`Figuur ${label.number} ${escapeInline(caption.trim())}`)}\n\n![${escapeInline(cleanAlt.trim())}](${url})`,
  };
}

/** `Tabel: Caption {#tab:x}` right before a table -> anchor and caption line. */
function tableEdit(chapter: ReviewChapter, node: Paragraph, register: DocumentRegister, anchors: Map<string, Anchor>): Edit | undefined {
  const first = node.children[0];
  if (first?.type !== 'text' || !TABLE_PREFIX.test(first.value)) return undefined;
  const source = chapter.markdown.slice(offset(node, 'start'), offset(node, 'end'));
  let caption = source.replace(TABLE_PREFIX, '');
  const match = TABLE_LABEL.exec(caption);
  if (match) caption = caption.slice(0, match.index);
  const name = match?.[1] ?? slug(textContent(parse(caption)).trim());
  const label = labelOf(register, 'tab', name, chapter.path);
  const anchor = `tabel-${label.number.replace(/\./g, '-').toLowerCase()}`;
  anchors.set(label.id, { path: chapter.path, anchor });
  return { start: offset(node, 'start'), end: offset(node, 'end'), text: `${anchorHtml(anchor)}\n${emphasise(`Tabel ${label.number} ${caption.trim()}`)}` };
}

function labelOf(register: DocumentRegister, kind: LabelKind, name: string, path: string): Label {
  const label = register.labels.get(`${kind}:${name}`);
  if (!label) throw new InternalError(`${path}: label '${kind}:${name}' ontbreekt in het register van de opmaak`);
  return label;
}

/** What resolving a chapter's references reads: the register, every label's anchor, the parse of a text. */
interface Verwijzingen {
  readonly register: DocumentRegister;
  readonly anchors: Map<string, Anchor>;
  readonly parse: (markdown: string) => Root;
}

/**
 * `[@fig:a; @tab:b]` -> `[figuur 5.1](#figuur-5-1) en [tabel 5.2](#tabel-5-2)`, outside code; in
 * the words of the print (src/html/crossrefs.ts).
 */
function resolveReferences(markdown: string, path: string, { register, anchors, parse: parseCached }: Verwijzingen, lang?: 'nl' | 'en'): string {
  const words = referenceWords(lang);
  // The code ranges only once a reference needs them, and no parse for a text whose only raw
  // HTML is the anchors pass 1 wrote (no reference starts inside one, and each is inline HTML of
  // its own, so it covers nothing else).
  let code: [number, number][] | undefined;
  const codeRanges = (): [number, number][] => {
    const ranges: [number, number][] = [];
    if (!mayHoldCode(markdown.replace(ANCHOR, ''))) return ranges;
    visit(parseCached(markdown), (node) => {
      if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') ranges.push([offset(node, 'start'), offset(node, 'end')]);
    });
    return ranges;
  };
  return markdown.replace(REFERENCE, (whole: string, inner: string, at: number) => {
    if ((code ??= codeRanges()).some(([s, e]) => at >= s && at < e)) return whole;
    const targets = inner.split(';').map((part) => {
      const [rawKind, name] = part.trim().slice(1).split(':') as [string, string];
      return { label: labelOf(register, rawKind.toLowerCase() as LabelKind, name, path), capital: rawKind[0] !== rawKind[0]!.toLowerCase() };
    });
    const groups = groupByNoun(targets.map((t) => t.label));
    let out = '';
    groups.forEach((group, g) => {
      if (g > 0) out += g === groups.length - 1 ? ` ${words.and} ` : ', ';
      group.labels.forEach((label, l) => {
        if (l > 0) out += l === group.labels.length - 1 ? ` ${words.and} ` : ', ';
        let linkText = label.number && group.noun ? label.number : escapeInline(label.text);
        if (l === 0 && group.noun) {
          const [one, many] = words.nouns[group.noun];
          let word: string = group.labels.length > 1 ? many : one;
          if (g === 0 && targets[0]!.capital) word = word[0]!.toUpperCase() + word.slice(1);
          linkText = `${word} ${linkText}`;
        }
        out += `[${linkText}](${link(path, label, anchors)})`;
      });
    });
    return out;
  });
}

function link(from: string, label: Label, anchors: Map<string, Anchor>): string {
  const target = anchors.get(label.id);
  if (!target) throw new InternalError(`${from}: geen anker voor '${label.kind}:${label.name}'`);
  if (target.path === from) return `#${target.anchor}`;
  return `${posix.normalize(relative(dirname(from), target.path).split('\\').join('/'))}#${target.anchor}`;
}

/** Every paragraph outside tables and block quotes: a line per sentence. */
function splitParagraphs(markdown: string, parseCached: (markdown: string) => Root): string {
  const tree = parseCached(markdown);
  const edits: Edit[] = [];
  visit(tree, (node, parent) => {
    if (node.type !== 'paragraph' || !['root', 'listItem', 'footnoteDefinition'].includes(parent.type)) return;
    const start = offset(node, 'start');
    const source = markdown.slice(start, offset(node, 'end'));
    // A paragraph the template already wrapped keeps its line breaks and is split at its sentences as well.
    const protectedRanges: [number, number][] = [];
    visit(node, (child) => {
      if (['link', 'image', 'inlineCode', 'html', 'footnoteReference', 'linkReference', 'imageReference'].includes(child.type)) {
        protectedRanges.push([offset(child, 'start') - start, offset(child, 'end') - start]);
      }
    });
    const indent = parent.type === 'root' ? '' : parent.type === 'footnoteDefinition' ? '    ' : ' '.repeat(node.position!.start.column - 1);
    for (const [s, e] of sentenceBreaks(source, (at) => protectedRanges.some(([a, b]) => at >= a && at < b))) {
      edits.push({ start: start + s, end: start + e, text: `\n${indent}` });
    }
  });
  return apply(markdown, edits);
}

// ---- small helpers -------------------------------------------------------------------------

function visit(node: Nodes, fn: (node: Nodes, parent: Parents) => void): void {
  if (!('children' in node)) return;
  for (const child of node.children as Nodes[]) {
    fn(child, node as Parents);
    visit(child, fn);
  }
}

function offset(node: Nodes, which: 'start' | 'end'): number {
  const at = node.position?.[which].offset;
  if (at === undefined) throw new InternalError(`markdown: ${node.type} zonder positie`);
  return at;
}

/** A heading's content as written (between the `#`s and the end of the line). */
function headingContent(markdown: string, node: Heading): string {
  if (node.children.length === 0) return '';
  return markdown.slice(offset(node.children[0]!, 'start'), offset(node.children.at(-1)!, 'end')).trim();
}

/** A heading written with its own number ("3.2 Werk") keeps it once (as src/html/headings.ts). */
function stripNumber(title: string, number: string): string {
  const pattern = writtenNumber(number);
  return pattern ? title.replace(pattern, '') : title;
}

/** The text a renderer shows for some Markdown (what GitHub slugs a heading from). */
function textContent(node: Nodes): string {
  if ('value' in node && node.type !== 'html') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if ('children' in node) return (node.children as Nodes[]).map(textContent).join('');
  return '';
}

/**
 * An anchor before a caption. GitHub's sanitizer has kept `name` on `<a>` for as long as named
 * anchors exist and keeps `id` too (both prefixed `user-content-`, which its `#x` links resolve);
 * both are written, with the same value, so the anchor survives a host that keeps only one.
 */
function anchorHtml(anchor: string): string {
  return `<a id="${anchor}" name="${anchor}"></a>`;
}

/** An anchor as anchorHtml writes it. */
const ANCHOR = /<a id="[^"<>]*" name="[^"<>]*"><\/a>/g;

function escapeInline(value: string): string {
  return value.replace(/[\\`*_[\]<]/g, '\\$&');
}

/** `*text*`, or `_text_` when the text has a `*` of its own. */
function emphasise(value: string): string {
  return value.includes('*') && !value.includes('_') ? `_${value}_` : `*${value}*`;
}

function apply(source: string, edits: readonly Edit[]): string {
  let out = source;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}
