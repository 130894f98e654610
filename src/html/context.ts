/**
 * The state one document shares between the chapters it is made of.
 *
 * The Markdown -> HTML processor is built once and frozen, so per-document state cannot live in
 * plugin options. It travels in `file.data.print` instead (the unified way): each chapter's
 * vfile points at the same `DocumentRegister`, where the plugins count figures and tables and
 * record labels for cross-references. Problems the user can fix are messages of the chapter's
 * vfile (`report`), which renderDocument turns into one InputError. Cross-references are resolved
 * only after every chapter has run (see crossrefs.ts), because a chapter may refer forward.
 */
import type { Element } from 'hast';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import { InternalError } from '../util/errors.ts';
import { placeOf } from '../util/diagnostic.ts';
import { messages, type Message } from './messages.ts';
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
  /** where the label is written, for the message about a second label of the same name */
  readonly where: Place;
}

/**
 * Where a problem is, as the user is told: a file and, when known, line and column. When a
 * chapter was filled from templates and the text is not found in them, `file` names the
 * templates and the line of the generated Markdown in words, without a line of its own.
 */
export interface Place {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
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
  /** ids handed out so far, to keep slugs unique across chapters */
  readonly ids: Set<string>;
  /** how figures and tables are numbered: per chapter ("Figuur 3.2") or through the document ("Figuur 2") */
  readonly numbering: 'hoofdstuk' | 'document';
  /** document-wide counters, for numbering: 'document' */
  readonly counters: { fig: number; tab: number };
  /** reads a local asset (an SVG figure); injectable so tests need no files */
  readonly readAsset: (absolutePath: string) => string;
}

interface PendingReference {
  readonly element: Element;
  readonly targets: readonly { kind: LabelKind; name: string; capital: boolean }[];
  /** the chapter's vfile, which an unknown target is reported to, at `where` */
  readonly file: VFile;
  readonly where: Place;
  /** the position of the reference's text in the generated Markdown */
  readonly position?: Position | undefined;
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
    ids: new Set(),
    numbering: options.numbering,
    counters: { fig: 0, tab: 0 },
    readAsset: options.readAsset,
  };
}

/** The chapter's context, which renderDocument gives every vfile; a plugin run without it is a bug. */
export function chapterContext(file: VFile, plugin: string): ChapterContext {
  const ctx = file.data.print;
  if (!ctx) throw new InternalError(`${plugin}: file.data.print ontbreekt (gebruik renderDocument)`);
  return ctx;
}

/**
 * Where a problem is, for messages. Without templates: the chapter's Markdown file, at `point`.
 * When the chapter was filled from templates, the template is named instead: at the line where
 * `needles` (the text as the user wrote it, e.g. `[@fig:werk]`) stand in it, or, when they are
 * not found there (the text came from a helper), with the line of the generated Markdown.
 */
export function where(file: VFile, point: Point | undefined, needles: readonly string[] = []): Place {
  const name = file.path ?? '(onbekend bestand)';
  const sources = file.data.print?.sources ?? [];
  if (sources.length === 0) return point ? { file: name, line: point.line, column: point.column } : { file: name };
  // Else the Markdown line itself, when the template has it word for word (a heading, a caption).
  const markdownLine = point && typeof file.value === 'string' ? file.value.split('\n')[point.line - 1]?.trim() : undefined;
  const found = templatePlace(sources, [...needles, ...(markdownLine && markdownLine.length >= 4 ? [markdownLine] : [])]);
  if (found) return found;
  const generated = name.split(/[\\/]/).slice(-2).join('/');
  return { file: `${sources.map((s) => s.name).join(' of ')} (${point ? `regel ${point.line} van de ingevulde ${generated}` : generated})` };
}

/** The first place in the templates where one of the needles stands, trying the needles in order. */
function templatePlace(sources: readonly TemplateSource[], needles: readonly string[]): Place | undefined {
  for (const needle of needles) {
    if (needle === '') continue;
    for (const source of sources) {
      const at = source.text.indexOf(needle);
      if (at === -1) continue;
      const before = source.text.slice(0, at);
      return { file: source.name, line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
    }
  }
  return undefined;
}

/** A place as messages show it: `file:line:column`, `file:line` or `file`. */
/**
 * Report a problem the user can fix as a message of the chapter's vfile. Its `place` is the
 * node's position in the generated Markdown (unified's convention); its file, line and column
 * are `at`, where the user is told to look (in the template, when the chapter was filled from one).
 */
export function report(file: VFile, message: Message, at: Place, position?: Position): void {
  const reported = file.message(message.text, { place: position, ruleId: message.rule, source: 'html' });
  reported.file = at.file;
  reported.line = at.line;
  reported.column = at.column;
}

/** Register a label; a second label with the same name is reported at its place, naming the first. */
export function addLabel(file: VFile, register: DocumentRegister, label: Label, position?: Position): void {
  const key = `${label.kind}:${label.name}`;
  const earlier = register.labels.get(key);
  if (earlier) {
    report(file, messages.duplicateLabel(key, placeOf(earlier.where)), label.where, position);
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
