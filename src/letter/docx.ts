/**
 * The letter as a Word file, for the ministry's editing round with tracked changes:
 * `<out>/pdf/kamerbrief-monitor-nazorg-<n>e-meting.docx`, beside the PDF (a build product).
 *
 * It is made from the letter's Markdown as reviewers read it (src/review/markdown.ts: references
 * already resolved, sections numbered "1." and "a.") and from the edition's `brief`, with the same
 * parts as the print (templates/print/kamerbrief.html): the kamerstuk header, the numbered
 * sections as Word headings, the text, the footnotes as Word footnotes and the signature.
 *
 * Reproducible like the PDF: the document's dates are the letter's date and every entry of the
 * zip carries one fixed time, so the same inputs give the same bytes.
 */
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  BorderStyle,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  ShadingType,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
  type ParagraphChild,
} from 'docx';
import type { FootnoteDefinition, List, PhrasingContent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Editie } from '../edition/edition.ts';
import { parliamentaryYear } from '../html/document.ts';
import type { SynthetischLabel } from '../results/synthetisch.ts';
import { InputError, InternalError } from '../util/errors.ts';
import { messages } from './messages.ts';
import { datumTekst } from '../util/dates.ts';

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

export function briefDocxNaam(e: Editie): string {
  return `kamerbrief-monitor-nazorg-${e.nummer}e-meting.docx`;
}

interface Style {
  italics?: boolean;
  bold?: boolean;
}

export interface DocxOptions {
  /**
   * Synthetic figures (src/results/synthetisch.ts): the label goes into the header of every page,
   * boxed and in colour, outside the letter's own text.
   */
  label?: SynthetischLabel;
}

/**
 * The letter as .docx bytes. `markdown` is the letter as reviewers read it (references
 * resolved), without the label the committed Markdown opens with: that goes into the header.
 */
export async function briefDocx(markdown: string, e: Editie, options: DocxOptions = {}): Promise<Buffer> {
  const tree = parser.parse(markdown) as Root;
  const brief = e.brief;
  const conversion = new WordConversion(tree);
  const body = conversion.blocks(tree.children);
  const title = `Kamerbrief bij de ${e.nummer}e monitor nazorg ex-gedetineerden`;
  const creator = `${brief.ondertekenaar.functie}, ${brief.ondertekenaar.naam}`;
  const document = new Document({
    creator,
    title,
    subject: `Tweede Kamer, ${brief.dossier.nummer} ${brief.dossier.titel}, nr. ${brief.nr}`,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    numbering: {
      config: [{ reference: 'genummerd', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] }],
    },
    footnotes: conversion.footnotes(),
    sections: [{ ...(options.label ? { headers: { default: labelHeader(options.label) } } : {}), children: [...kamerstukHeader(brief), ...body, signature(brief)] }],
  });
  // The document's own dates are the letter's date, not the clock.
  const core = coreXml(title, creator, `${brief.datum}T00:00:00Z`);
  const bytes = await Packer.toBuffer(document, false, [{ path: 'docProps/core.xml', data: core }]);
  return fixZipTimes(bytes);
}

/**
 * The letter's Markdown as Word paragraphs. Footnotes are numbered in the order they are first
 * referred to, as in the print; lists are numbered each from 1.
 */
class WordConversion {
  private readonly definitions = new Map<string, FootnoteDefinition>();
  private readonly footnoteIds = new Map<string, number>();
  private lists = 0;

  constructor(tree: Root) {
    for (const node of tree.children) if (node.type === 'footnoteDefinition') this.definitions.set(node.identifier, node);
  }

  runs(nodes: readonly PhrasingContent[], style: Style = {}): ParagraphChild[] {
    return nodes.flatMap((node): ParagraphChild[] => {
      switch (node.type) {
        case 'text':
          return [new TextRun({ text: node.value.replace(/\s*\n\s*/g, ' '), ...style })];
        case 'emphasis':
          return this.runs(node.children, { ...style, italics: true });
        case 'strong':
          return this.runs(node.children, { ...style, bold: true });
        case 'inlineCode':
          return [new TextRun({ text: node.value, ...style })];
        case 'break':
          return [new TextRun({ break: 1 })];
        case 'link':
          // A link into the monitor or to an anchor reads as its text; a web address stays a link.
          return /^https?:/.test(node.url) ? [new ExternalHyperlink({ link: node.url, children: this.runs(node.children, style) as TextRun[] })] : this.runs(node.children, style);
        case 'footnoteReference':
          return [new FootnoteReferenceRun(this.footnoteId(node.identifier, node.label))];
        case 'html':
          return [];
        default:
          throw new InputError([messages.notSupported(node.type)]);
      }
    });
  }

  blocks(nodes: readonly RootContent[]): Paragraph[] {
    return nodes.flatMap((node): Paragraph[] => {
      switch (node.type) {
        case 'heading':
          // The kamerstuk header replaces the letter's title, as in the print.
          if (node.depth === 1) return [];
          return [new Paragraph({ heading: node.depth === 2 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: this.runs(node.children) })];
        case 'paragraph':
          return [new Paragraph({ children: this.runs(node.children), spacing: { after: 160 } })];
        case 'list':
          return this.list(node);
        case 'html':
        case 'footnoteDefinition':
        case 'definition':
          return [];
        case 'blockquote':
          return this.blocks(node.children);
        default:
          throw new InputError([messages.notSupported(node.type)]);
      }
    });
  }

  /** The footnotes referred to, by their number. */
  footnotes(): Record<number, { children: Paragraph[] }> {
    const footnotes: Record<number, { children: Paragraph[] }> = {};
    for (const [identifier, id] of this.footnoteIds) footnotes[id] = { children: this.blocks(this.definitions.get(identifier)!.children) };
    return footnotes;
  }

  private footnoteId(identifier: string, label: string | null | undefined): number {
    if (!this.definitions.has(identifier)) throw new InputError([messages.noteWithoutText(label ?? identifier)]);
    let id = this.footnoteIds.get(identifier);
    if (id === undefined) this.footnoteIds.set(identifier, (id = this.footnoteIds.size + 1));
    return id;
  }

  private list(node: List): Paragraph[] {
    const instance = ++this.lists;
    return node.children.flatMap((item) =>
      item.children.flatMap((child, c) => {
        if (child.type !== 'paragraph') return this.blocks([child]);
        return [
          new Paragraph({
            children: this.runs(child.children),
            ...(c > 0 ? { indent: { left: 720 } } : node.ordered ? { numbering: { reference: 'genummerd', level: 0, instance } } : { bullet: { level: 0 } }),
          }),
        ];
      }),
    );
  }
}

/** The kamerstuk header, as the print has it (templates/print/kamerstuk.html). */
function kamerstukHeader(brief: Editie['brief']): Paragraph[] {
  return [
    new Paragraph({ children: [new TextRun({ text: 'Tweede Kamer der Staten-Generaal', bold: true })] }),
    new Paragraph({ children: [new TextRun(`Vergaderjaar ${parliamentaryYear(brief.datum)}`)], spacing: { after: 240 } }),
    new Paragraph({ children: [new TextRun({ text: `${brief.dossier.nummer} ${brief.dossier.titel}`, bold: true })], spacing: { after: 240 } }),
    new Paragraph({ children: [new TextRun({ text: `Nr. ${brief.nr} ${brief.briefhoofd}`, bold: true })], spacing: { after: 240 } }),
    new Paragraph({ children: [new TextRun(brief.geadresseerde)] }),
    new Paragraph({ children: [new TextRun(`${brief.plaats}, ${datumTekst(brief.datum)}`)], spacing: { after: 360 } }),
  ];
}

function signature(brief: Editie['brief']): Paragraph {
  return new Paragraph({
    children: [new TextRun(`${brief.ondertekenaar.functie},`), new TextRun({ text: brief.ondertekenaar.naam, break: 1 })],
    spacing: { before: 360 },
  });
}

/** The page header of a letter on synthetic figures: the label, boxed and in colour. */
function labelHeader(label: SynthetischLabel): Header {
  const line = { style: BorderStyle.SINGLE, size: 8, color: 'B3541E', space: 4 };
  return new Header({
    children: [
      new Paragraph({
        border: { top: line, bottom: line, left: { ...line, size: 24 }, right: line },
        shading: { type: ShadingType.CLEAR, fill: 'FBEEE6', color: 'auto' },
        spacing: { after: 120 },
        children: [
          new TextRun({ text: `${label.kop.toUpperCase()}. `, bold: true, color: '8A3A0E', size: 18 }),
          new TextRun({ text: label.brief, color: '3D1A06', size: 18 }),
        ],
      }),
    ],
  });
}

function coreXml(title: string, creator: string, date: string): string {
  const x = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${x(title)}</dc:title><dc:creator>${x(creator)}</dc:creator><dc:language>nl-NL</dc:language>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** Give every entry of a zip file the same time (1980-01-01 00:00), in place: the bytes no longer depend on the clock. */
function fixZipTimes(zip: Buffer): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new InternalError('docx: geen zip-bestand');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new InternalError('docx: onverwachte centrale map in het zip-bestand');
    zip.writeUInt16LE(0, at + 12);
    zip.writeUInt16LE(DOS_DATE, at + 14);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new InternalError('docx: onverwachte lokale kop in het zip-bestand');
    zip.writeUInt16LE(0, local + 10);
    zip.writeUInt16LE(DOS_DATE, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}

