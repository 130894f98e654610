/**
 * Render a whole print document (the monitor or the Kamerbrief) from its chapters' Markdown:
 * one HTML file with the print stylesheet linked, charts inlined as SVG, and everything the
 * printer needs to know (title, author, subject, date) in its <head>.
 *
 *   1. each chapter: Markdown -> HTML tree with the frozen processor (numbers, labels, figures)
 *   2. all chapters: resolve cross-references (they may point forward)
 *   3. problems the user can fix, which the plugins report as vfile messages: one InputError
 *      listing those of every chapter, each a diagnostic with file, line and rule id
 *   4. the HTML shell (templates/print/<kind>.html): cover, colofon, table of contents, chapters
 *      with a named CSS page each, so the running header can carry the chapter title
 *
 * The table of contents is printed with placeholder page numbers (`data-page-of`), which
 * printPdf fills in from a first print (src/pdf/print.ts).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import Handlebars from 'handlebars';
import type { Root } from 'hast';
import { VFile } from 'vfile';
import type { Editie } from '../edition/edition.ts';
import { lijst } from '../text/wording.ts';
import { synthetischLabel, type SynthetischLabel } from '../results/synthetisch.ts';
import { datumTekst, ISO_DATE } from '../util/dates.ts';
import { diagnostic, type Diagnostic } from '../util/diagnostic.ts';
import { InputError } from '../util/errors.ts';
import { PROJECT_ROOT } from '../util/paths.ts';
import { createRegister, type ChapterContext, type ChapterKind, type DocumentRegister, type HeadingEntry, type Lang, type TemplateSource } from './context.ts';
import { resolveCrossReferences } from './crossrefs.ts';
import { messages } from './messages.ts';
import { markdownProcessor, markdownTree } from './processor.ts';
import type { JsonCache } from '../util/json-cache.ts';

type DocumentKind = 'monitor' | 'kamerbrief';

export interface ChapterInput {
  /** path of the Markdown file; images are resolved relative to it, messages name it */
  readonly file: string;
  readonly markdown: string;
  /** default 'hoofdstuk' in the monitor; every chapter of a Kamerbrief is 'brief' */
  readonly kind?: ChapterKind;
  /** the templates the Markdown was filled from: messages name them instead of the Markdown */
  readonly sources?: readonly TemplateSource[];
  /** the chapter's language when it differs from the document's: the English Summary */
  readonly lang?: Lang;
}

interface DocumentMeta {
  /** document date, JJJJ-MM-DD: on the cover and as the PDF's creation date (not the clock) */
  readonly date: string;
  readonly authors: readonly string[];
  readonly subtitle?: string;
  readonly publisher?: string;
  /** the PDF's Subject; default: the subtitle */
  readonly subject?: string;
  readonly keywords?: readonly string[];
  /** series line on the cover, e.g. "Cahier 2021-4" */
  readonly series?: string;
  /** left running header of the monitor; default: the title */
  readonly shortTitle?: string;
  /** the kamerstuk header and signature; required for a Kamerbrief */
  readonly letter?: Editie['brief'];
  /** the monitor's colophon, printed on the page after the cover; absent: no colophon */
  readonly colophon?: Colophon;
  /**
   * extractie.json's `bron`. When it is 'synthetisch' the letter carries the synthetic-data
   * label on every page (src/results/synthetisch.ts); the monitor takes it from its colophon.
   */
  readonly bron?: string;
}

/**
 * What the colophon says about the edition and where its figures come from. A `bron` of
 * 'synthetisch' (docs/extracts.md) also puts a notice on the cover.
 */
export interface Colophon {
  /** "6e meting" */
  readonly edition: string;
  /** extractie.json's `bron`: 'synthetisch' or the label of the real source */
  readonly bron: string;
  /** extractie.json's `peildatum`, JJJJ-MM-DD */
  readonly peildatum: string;
  /** extractie.json's `omschrijving` */
  readonly omschrijving?: string;
  /** the registers the indicators are defined on (TULP-GW, DPAN, ...) */
  readonly registers?: readonly string[];
  /** disclosure threshold: figures resting on fewer persons are not published */
  readonly threshold?: number;
  /** build identity: a short hash of the build's inputs (no clock, so the PDF stays reproducible) */
  readonly buildId: string;
  /** how the build identity can be checked, e.g. which file lists the hashes */
  readonly buildIdNote?: string;
}

export interface DocumentInput {
  readonly title: string;
  readonly lang: 'nl';
  readonly kind: DocumentKind;
  readonly chapters: readonly ChapterInput[];
  readonly meta: DocumentMeta;
}

export interface RenderOptions {
  /** where the chapters' Markdown trees are kept between builds (processor.ts, markdownTree); none: parsed every time */
  readonly markdownCache?: JsonCache;
  /** reads an SVG figure; default: the file system */
  readonly readAsset?: (absolutePath: string) => string;
  /**
   * Called with the document's register once every label is numbered and every cross-reference
   * resolved: the reviewers' Markdown (src/review/markdown.ts) is written from it.
   */
  readonly onRegister?: (register: DocumentRegister) => void;
  /**
   * Called with every chapter's HTML tree once the register is complete (after onRegister), before
   * the print shell is written: the web edition (src/web/) builds its pages from the same trees,
   * so it has the print's numbers and references. The trees are shared: clone before changing.
   */
  readonly onChapters?: (chapters: readonly ProcessedChapter[], register: DocumentRegister) => void;
}

/** One chapter after the processor and the cross-references: its HTML tree, not yet a string. */
export interface ProcessedChapter {
  readonly index: number;
  readonly kind: ChapterKind;
  /** the chapter's Markdown path, as in ChapterInput */
  readonly file: string;
  readonly tree: Root;
  /** the chapter's language where it differs from the document's (the English Summary) */
  readonly lang?: Lang;
}

/** The print shells, their partials and style sheets. */
const TEMPLATES = new URL('templates/print/', pathToFileURL(`${PROJECT_ROOT}/`));

/** Render the complete HTML document; throws InputError listing every problem in the chapters. */
export function renderDocument(input: DocumentInput, options: RenderOptions = {}): string {
  validateMeta(input);
  const register = createRegister({
    numbering: input.kind === 'kamerbrief' ? 'document' : 'hoofdstuk',
    readAsset: options.readAsset ?? ((path) => readFileSync(path, 'utf8')),
  });
  const { chapters, files } = processChapters(input, register, options.markdownCache);
  resolveReferences(register, files);
  options.onRegister?.(register);
  options.onChapters?.(chapters, register);
  // 4. The shell.
  const body = chapters.map((c) => chapterView(c, register));
  return shell(input.kind)(shellView(input, register, body));
}

/** What the document needs of its metadata before any chapter is read. */
function validateMeta(input: DocumentInput): void {
  if (input.kind === 'kamerbrief' && !input.meta.letter) throw new InputError([messages.missingLetter()], messages.missingLetterHint);
  if (!ISO_DATE.test(input.meta.date)) throw new InputError([messages.documentDate(input.title, input.meta.date)]);
  if (input.meta.colophon && !ISO_DATE.test(input.meta.colophon.peildatum)) {
    throw new InputError([messages.peildatum(input.title, input.meta.colophon.peildatum)], messages.peildatumHint);
  }
}

/** 1. Each chapter through the frozen processor, up to (not including) stringify. */
function processChapters(input: DocumentInput, register: DocumentRegister, cache: JsonCache | undefined): { chapters: ProcessedChapter[]; files: VFile[] } {
  const counters = { hoofdstuk: 0, bijlage: 0 };
  const files: VFile[] = [];
  const chapters = input.chapters.map((chapter, index) => {
    const kind: ChapterKind = input.kind === 'kamerbrief' ? 'brief' : (chapter.kind ?? 'hoofdstuk');
    const number = kind === 'hoofdstuk' || kind === 'bijlage' ? String(++counters[kind]) : '';
    const context: ChapterContext = {
      register,
      index,
      kind,
      number,
      counters: { fig: 0, tab: 0 },
      idPrefix: `h${index + 1}-`,
      ...(chapter.sources ? { sources: chapter.sources } : {}),
      ...(chapter.lang && chapter.lang !== input.lang ? { lang: chapter.lang } : {}),
    };
    // One vfile for parse and run, so that every plugin reports to the same file.
    const file = new VFile({ path: chapter.file, value: chapter.markdown, data: { print: context } });
    files.push(file);
    const tree = markdownProcessor.runSync(markdownTree(chapter.markdown, cache), file) as Root;
    return { index, kind, file: chapter.file, tree, lang: context.lang };
  });
  return { chapters, files };
}

/**
 * 2. Cross-references, now that every label is known; 3. every problem of every chapter at once,
 * as one InputError: the chapters' own first, then the references that point nowhere.
 */
function resolveReferences(register: DocumentRegister, files: readonly VFile[]): void {
  const before = files.map((f) => f.messages.length);
  resolveCrossReferences(register);
  const reported = [...files.flatMap((f, i) => f.messages.slice(0, before[i])), ...files.flatMap((f, i) => f.messages.slice(before[i]))];
  if (reported.length > 0) throw new InputError(reported.map(diagnosticOf), messages.referenceHint);
}

/** A plugin's vfile message as a diagnostic: its file, line and column are where the user looks (context.ts `report`). */
function diagnosticOf(message: VFile['messages'][number]): Diagnostic {
  return diagnostic(message.ruleId ?? 'html/onbekend', message.reason, { file: message.file, line: message.line, column: message.column });
}

/** A chapter as the shell prints it: its text, its notes apart, its named page and running header. */
function chapterView(c: ProcessedChapter, register: DocumentRegister) {
  const title = register.headings.find((h) => h.chapterIndex === c.index && h.depth === 1);
  // The notes are kept apart: the monitor prints them at the end of the chapter, the letter
  // after the signature.
  const notes = c.tree.children.filter((n) => n.type === 'element' && n.properties.dataFootnotes !== undefined);
  const text: Root = { type: 'root', children: c.tree.children.filter((n) => !notes.includes(n)) };
  return {
    kind: c.kind,
    /** set only where the chapter's language differs from the document's */
    lang: c.lang,
    page: `h${c.index + 1}`,
    runningHeader: title ? [title.number, title.text].filter(Boolean).join(' ') : '',
    html: markdownProcessor.stringify(text),
    notes: markdownProcessor.stringify({ type: 'root', children: notes }),
  };
}

type ChapterView = ReturnType<typeof chapterView>;

/** What the print shell (templates/print/<kind>.html) is filled with. */
function shellView(input: DocumentInput, register: DocumentRegister, body: readonly ChapterView[]) {
  const meta = input.meta;
  return {
    lang: input.lang,
    title: input.title,
    authors: meta.authors.join(', '),
    authorList: meta.authors,
    subject: meta.subject ?? meta.subtitle ?? input.title,
    keywords: (meta.keywords ?? []).join(', '),
    date: meta.date,
    dateLong: datumTekst(meta.date),
    year: meta.date.slice(0, 4),
    subtitle: meta.subtitle,
    publisher: meta.publisher,
    series: meta.series,
    css: new URL(`${input.kind}.css`, TEMPLATES).href,
    frontMatter: body.filter((c) => c.kind === 'voorwerk'),
    chapters: body.filter((c) => c.kind !== 'voorwerk'),
    toc: tableOfContents(register.headings),
    letter: meta.letter && {
      ...meta.letter,
      parliamentaryYear: parliamentaryYear(meta.letter.datum),
      dateLong: datumTekst(meta.letter.datum),
    },
    colophon: meta.colophon && colophonView(meta.colophon),
    label: labelView(meta),
    pageRules: pageRules(input, body),
  };
}

/** The colophon's lines as the shell prints them (Dutch); the web edition shows the same. */
export function colophonView(c: Colophon) {
  const label = synthetischLabel(c.bron);
  return {
    edition: c.edition,
    synthetic: label !== undefined,
    bron: c.bron,
    omschrijving: c.omschrijving,
    peildatum: datumTekst(c.peildatum),
    registers: c.registers && c.registers.length > 0 ? lijst(c.registers) : undefined,
    threshold: c.threshold,
    buildId: c.buildId,
    buildIdNote: c.buildIdNote,
  };
}

/** The synthetic-data label of the document, if its figures are synthetic. */
function labelView(meta: DocumentMeta): SynthetischLabel | undefined {
  const bron = meta.bron ?? meta.colophon?.bron;
  return bron === undefined ? undefined : synthetischLabel(bron);
}

const shells = new Map<DocumentKind, Handlebars.TemplateDelegate>();
function shell(kind: DocumentKind): Handlebars.TemplateDelegate {
  let template = shells.get(kind);
  if (!template) {
    const source = readFileSync(new URL(`${kind}.html`, TEMPLATES), 'utf8');
    const hb = Handlebars.create();
    // The <head> (language, metadata, style sheet, page rules) is the same for every document.
    hb.registerPartial('head', readFileSync(new URL('head.html', TEMPLATES), 'utf8'));
    registerEditionPartials(hb);
    template = hb.compile(source, { strict: false, noEscape: false });
    shells.set(kind, template);
  }
  return template;
}

/**
 * The colophon, the cover's notice on synthetic data and the letter's kamerstuk header, as
 * partials: the web edition (src/web/) shows the same text from the same files. Their view is
 * `colophonView`'s `colophon` beside the document's title, subtitle, authors, publisher and
 * dateLong, or the letter's `letter`; the kamerstuk header takes the element names of its block
 * and of its dossier line (`{{> kamerstuk blok="header" kop="h1"}}`).
 */
export function registerEditionPartials(hb: typeof Handlebars): void {
  for (const name of ['colofon', 'synthetisch', 'kamerstuk']) hb.registerPartial(name, readFileSync(new URL(`${name}.html`, TEMPLATES), 'utf8'));
}

/** Table of contents: chapters and their sections (levels 1 and 2), front matter left out. */
function tableOfContents(headings: readonly HeadingEntry[]) {
  return headings
    .filter((h) => h.depth <= 2 && h.chapterKind !== 'voorwerk' && h.chapterKind !== 'brief')
    .map((h) => ({ id: h.id, depth: h.depth, number: h.number, text: h.text, lang: h.lang }));
}

/**
 * Per-document @page rules. Chromium has no `string-set`, so a running header cannot copy the
 * chapter title from the text; instead every chapter is its own named page (`page: h3`) whose
 * margin box carries the title. A change of named page also starts a new sheet, which is what a
 * chapter should do anyway.
 */
function pageRules(input: DocumentInput, body: readonly ChapterView[]): string {
  if (input.kind === 'kamerbrief') {
    const l = input.meta.letter!;
    const header = `Tweede Kamer, vergaderjaar ${parliamentaryYear(l.datum)}, ${l.dossier.nummer}, nr. ${l.nr}`;
    const rules = [`@page { @top-left { content: ${cssString(header)}; } }`, '@page :first { @top-left { content: none; } }'];
    // Synthetic figures: the label at the head and the foot of every page, so that no page (or
    // screenshot of one) passes for a real parliamentary paper; the first page also has the band
    // above its kamerstuk header (templates/print/kamerbrief.html).
    const label = labelView(input.meta);
    // From page 2 the head's right box carries the label beside the page number: a box of its own
    // in the middle would squeeze the running header onto two lines.
    if (label)
      rules.push(
        `@page { @top-right { content: ${cssString(`${label.kop.toUpperCase()} · `)} counter(page) ' van ' counter(pages); color: #8a3a0e; font-weight: 600; } @bottom-center { content: ${cssString(label.regel)}; } }`,
        // The first page has the band, and its page number at the foot (kamerbrief.css).
        '@page :first { @top-right { content: none; } }',
      );
    return rules.join('\n');
  }
  const left = cssString(input.meta.shortTitle ?? input.title);
  // The cover and colophon pages (named in monitor.css) carry no running header; their rules
  // must follow the generic one above to win.
  const rules = [`@page { @top-left { content: ${left}; } }`, '@page colofon { @top-left { content: none; } @top-right { content: none; } }'];
  for (const c of body) {
    if (c.kind === 'voorwerk') {
      rules.push(`@page ${c.page} { @top-left { content: none; } @top-right { content: none; } }`);
    } else {
      rules.push(`@page ${c.page} { @top-right { content: ${cssString(c.runningHeader)}; } }`);
      // The page number in the chapter's language (monitor.css has the Dutch "pagina x van y").
      if (c.lang === 'en') rules.push(`@page ${c.page} { @bottom-center { content: 'page ' counter(page) ' of ' counter(pages); } }`);
    }
  }
  return rules.join('\n');
}

/** A CSS string literal; `<` is escaped too, so no text can close the <style> element. */
export function cssString(value: string): string {
  return `"${value.replace(/[\\"<\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}


/**
 * The parliamentary year (vergaderjaar) of a date: it starts on Prinsjesdag, the third Tuesday
 * of September. "2021-03-08" -> "2020–2021".
 */
export function parliamentaryYear(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const firstOfSeptember = new Date(Date.UTC(y, 8, 1)).getUTCDay();
  const prinsjesdag = 1 + ((2 - firstOfSeptember + 7) % 7) + 14;
  const start = m > 9 || (m === 9 && d >= prinsjesdag) ? y : y - 1;
  return `${start}–${start + 1}`;
}
