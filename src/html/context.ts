/**
 * The state one document shares between the chapters it is made of.
 *
 * The Markdown -> HTML processor is built once and frozen, so per-document state cannot live in
 * plugin options. It travels in `file.data.print` instead (the unified way): each chapter's
 * vfile points at the same `DocumentRegister`, where the plugins count figures and tables, record
 * labels for cross-references and collect the user's errors. Cross-references are resolved only
 * after every chapter has run (see crossrefs.ts), because a chapter may refer forward.
 */
import type { Element } from 'hast';
import type { Point } from 'unist';
import type { ChapterKind, TemplateSource } from '../chapters/types.ts';

// Declared by the chapters, which make them; re-exported for the html modules that read them.
export type { ChapterKind, TemplateSource };

export type LabelKind = 'fig' | 'tab' | 'sec';

/**
 * The language of a chapter's text: the document's (Dutch) unless a chapter says otherwise, as
 * the English Summary does. It decides the words of cross-references and notes in that chapter,
 * and its section carries it as `lang` (hyphenation, screen readers).
 */
export type Lang = 'nl' | 'en';

/** Something a cross-reference can point to. */
export interface Label {
  readonly kind: LabelKind;
  /** the label without its kind, as written after `fig:` */
  readonly name: string;
  /** the HTML id of the target element */
  readonly id: string;
  /** "3.2", "B1.4", "2" or, for an unnumbered section, '' */
  readonly number: string;
  /** for sections: the heading level (1 = chapter) */
  readonly depth?: number;
  /** for sections: the chapter kind (a level-1 'bijlage' heading is called "bijlage") */
  readonly chapterKind?: ChapterKind;
  /** the heading text or caption, for unnumbered targets and the table of contents */
  readonly text: string;
  readonly where: string;
}

/** A heading as the table of contents and the running headers need it. */
export interface HeadingEntry {
  readonly id: string;
  readonly depth: number;
  readonly number: string;
  readonly text: string;
  readonly chapterIndex: number;
  readonly chapterKind: ChapterKind;
  /** the chapter's language, when it is not the document's */
  readonly lang?: Lang;
}

export interface DocumentRegister {
  readonly labels: Map<string, Label>;
  readonly headings: HeadingEntry[];
  /** placeholders left by the cross-reference plugin, resolved once every chapter has run */
  readonly references: PendingReference[];
  /** user errors ("file:line:column: message"), thrown together as one InputError at the end */
  readonly errors: string[];
  /** ids handed out so far, to keep slugs unique across chapters */
  readonly ids: Set<string>;
  /** how figures and tables are numbered: per chapter ("Figuur 3.2") or through the document ("Figuur 2") */
  readonly numbering: 'hoofdstuk' | 'document';
  /** document-wide counters, for numbering: 'document' */
  readonly counters: { fig: number; tab: number; brief: number[] };
  /** reads a local asset (an SVG figure); injectable so tests need no files */
  readonly readAsset: (absolutePath: string) => string;
}

interface PendingReference {
  readonly element: Element;
  readonly targets: readonly { kind: LabelKind; name: string; capital: boolean }[];
  readonly where: string;
  /** the language of the chapter the reference stands in (default Dutch) */
  readonly lang?: Lang;
  /** the reference as written, `[@fig:a; @tab:b]` */
  readonly text?: string;
}

/** What one chapter's vfile carries in `file.data.print`. */
export interface ChapterContext {
  readonly register: DocumentRegister;
  /** 0-based position of the chapter in the document */
  readonly index: number;
  readonly kind: ChapterKind;
  /** the chapter's number as printed: "3" for the third hoofdstuk, "2" for Bijlage 2, '' otherwise */
  readonly number: string;
  /** per-chapter counters for numbering: 'hoofdstuk' */
  readonly counters: { fig: number; tab: number };
  /** prefix that keeps footnote ids of different chapters apart */
  readonly idPrefix: string;
  /** the chapter's language, when it is not the document's (Dutch) */
  readonly lang?: Lang;
  /**
   * The templates the chapter's Markdown was filled from, as named in messages: a problem is
   * reported where the user can fix it, not at a line of generated Markdown.
   */
  readonly sources?: readonly TemplateSource[];
}

declare module 'vfile' {
  interface DataMap {
    print: ChapterContext;
  }
}

export function createRegister(options: {
  numbering: DocumentRegister['numbering'];
  readAsset: DocumentRegister['readAsset'];
}): DocumentRegister {
  return {
    labels: new Map(),
    headings: [],
    references: [],
    errors: [],
    ids: new Set(),
    numbering: options.numbering,
    counters: { fig: 0, tab: 0, brief: [] },
    readAsset: options.readAsset,
  };
}

/**
 * Where a problem is, for messages. Without templates: "out/monitor/03-methoden.md:12:1". When
 * the chapter was filled from templates, the template is named instead: at the line where
 * `needle` (the text as the user wrote it, e.g. `[@fig:werk]`) stands in it, or, when it is not
 * found there (the text came from a helper), with the line of the generated Markdown.
 */
export function where(
  file: { path?: string; value?: unknown; data?: { print?: ChapterContext } } | undefined,
  point: Point | undefined,
  needles: readonly string[] = [],
): string {
  const name = file?.path ?? '(onbekend bestand)';
  const sources = file?.data?.print?.sources ?? [];
  if (sources.length === 0) return point ? `${name}:${point.line}:${point.column}` : name;
  // Else the Markdown line itself, when the template has it word for word (a heading, a caption).
  const markdownLine = point && typeof file?.value === 'string' ? file.value.split('\n')[point.line - 1]?.trim() : undefined;
  for (const needle of [...needles, ...(markdownLine && markdownLine.length >= 4 ? [markdownLine] : [])]) {
    if (needle === '') continue;
    for (const source of sources) {
      const at = source.text.indexOf(needle);
      if (at === -1) continue;
      const before = source.text.slice(0, at);
      const line = before.split('\n').length;
      return `${source.name}:${line}:${at - before.lastIndexOf('\n')}`;
    }
  }
  const generated = name.split(/[\\/]/).slice(-2).join('/');
  return `${sources.map((s) => s.name).join(' of ')} (${point ? `regel ${point.line} van de ingevulde ${generated}` : generated})`;
}

/** Register a label; a second label with the same name is a user error naming both places. */
export function addLabel(register: DocumentRegister, label: Label): void {
  const key = `${label.kind}:${label.name}`;
  const earlier = register.labels.get(key);
  if (earlier) {
    register.errors.push(`${label.where}: label '${key}' bestaat al (${earlier.where}); kies een unieke naam`);
    return;
  }
  register.labels.set(key, label);
}

/** Reserve an HTML id, adding -1, -2 ... when it is taken (as GitHub does for heading slugs). */
export function uniqueId(register: DocumentRegister, wanted: string): string {
  let id = wanted;
  for (let n = 1; register.ids.has(id); n++) id = `${wanted}-${n}`;
  register.ids.add(id);
  return id;
}
