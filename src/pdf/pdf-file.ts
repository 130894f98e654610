/**
 * Just enough PDF to read Chromium's output back and fix its metadata, with no PDF library.
 *
 * Chromium (Skia) writes a classic PDF: one cross-reference table, no object streams, the
 * document information dictionary as a plain object. That is what this module relies on; a file
 * of another shape is refused with an InternalError (a programmer error, not the user's).
 *
 * - `readOutline` gives the bookmarks with the page each points at; printPdf uses it to find on
 *   which page every heading landed, for the table of contents.
 * - `readDestinations` gives the page of every named destination (each target of an internal
 *   link); printPdf's layout pass reads the table of contents' pages from it.
 * - `setInfo` replaces the information dictionary (title, author, subject, keywords, dates) and
 *   shifts the cross-reference offsets after it. Nothing else is touched, so the tag structure,
 *   outline and fonts stay as Chromium wrote them.
 * - `setCatalog` makes sure the catalog has the document language and asks viewers to show the
 *   title rather than the file name (Chromium 156 writes both itself; another version may not).
 */
import { createHash } from 'node:crypto';
import { InternalError } from '../util/errors.ts';
import { findString, pdfDate, pdfString, readString, stringValue } from './pdf-string.ts';

export interface PdfInfo {
  readonly title?: string;
  readonly author?: string;
  readonly subject?: string;
  readonly keywords?: string;
  readonly creator?: string;
  readonly producer?: string;
  /** a JavaScript Date; written in UTC */
  readonly creationDate?: Date;
  readonly modDate?: Date;
}

export interface OutlineEntry {
  /** the outline item's object number, for setOutlineTitles */
  readonly object: number;
  readonly title: string;
  readonly depth: number;
  /** 1-based page number */
  readonly page: number;
}

interface Xref {
  readonly offsets: Map<number, number>;
  readonly trailer: string;
  readonly xrefStart: number;
  /** where the table ends (the 'trailer' keyword) */
  readonly xrefEnd: number;
}

function latin1(buf: Uint8Array, start = 0, end = buf.length): string {
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('latin1');
}

function readXref(pdf: Uint8Array): Xref {
  const tail = latin1(pdf, Math.max(0, pdf.length - 1024));
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) throw new InternalError('PDF: no startxref at the end');
  const xrefStart = Number(m[1]);
  const text = latin1(pdf, xrefStart, Math.min(pdf.length, xrefStart + 64));
  if (!text.startsWith('xref')) throw new InternalError('PDF: expected a classic xref table (no xref streams)');
  const rest = latin1(pdf, xrefStart);
  const trailerAt = rest.indexOf('trailer');
  if (trailerAt < 0) throw new InternalError('PDF: no trailer');
  const table = rest.slice(4, trailerAt);
  const offsets = new Map<number, number>();
  const lines = table.split(/\r?\n|\r/).map((l) => l.trim()).filter(Boolean);
  let number = 0;
  for (const line of lines) {
    const section = /^(\d+) (\d+)$/.exec(line);
    if (section) {
      number = Number(section[1]);
      continue;
    }
    const entry = /^(\d{10}) (\d{5}) ([nf])$/.exec(line);
    if (!entry) throw new InternalError(`PDF: bad xref line '${line}'`);
    if (entry[3] === 'n') offsets.set(number, Number(entry[1]));
    number++;
  }
  const trailerEnd = rest.indexOf('startxref', trailerAt);
  if (/\/Prev\s/.test(rest.slice(trailerAt, trailerEnd))) throw new InternalError('PDF: incremental updates are not supported');
  return { offsets, trailer: rest.slice(trailerAt, trailerEnd), xrefStart, xrefEnd: xrefStart + trailerAt };
}

/** The text of object `n` up to its stream data (streams are not needed here). */
function objectText(pdf: Uint8Array, xref: Xref, n: number): string {
  const offset = xref.offsets.get(n);
  if (offset === undefined) throw new InternalError(`PDF: object ${n} not in xref`);
  const chunk = latin1(pdf, offset, Math.min(pdf.length, offset + 65536));
  const end = chunk.search(/\bstream\r?\n|\bendobj/);
  return end < 0 ? chunk : chunk.slice(0, end);
}

function ref(dict: string, key: string): number | undefined {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
  return m ? Number(m[1]) : undefined;
}

/** Page object numbers in page order. */
function pageObjects(pdf: Uint8Array, xref: Xref, node: number, out: number[] = [], seen = new Set<number>()): number[] {
  if (seen.has(node)) throw new InternalError('PDF: page tree has a cycle');
  seen.add(node);
  const dict = objectText(pdf, xref, node);
  if (/\/Type\s*\/Page\b(?!s)/.test(dict)) {
    out.push(node);
    return out;
  }
  const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict);
  for (const k of kids?.[1]!.matchAll(/(\d+)\s+0\s+R/g) ?? []) pageObjects(pdf, xref, Number(k[1]), out, seen);
  return out;
}

/** Number of pages. */
export function pageCount(pdf: Uint8Array): number {
  const xref = readXref(pdf);
  const root = objectText(pdf, xref, ref(xref.trailer, 'Root')!);
  return pageObjects(pdf, xref, ref(root, 'Pages')!).length;
}

/** The bookmarks, depth-first in document order, with their 1-based page numbers. */
export function readOutline(pdf: Uint8Array): OutlineEntry[] {
  const xref = readXref(pdf);
  const root = objectText(pdf, xref, ref(xref.trailer, 'Root')!);
  const pages = pageObjects(pdf, xref, ref(root, 'Pages')!);
  const pageOf = new Map(pages.map((obj, i) => [obj, i + 1]));
  const outlines = ref(root, 'Outlines');
  const out: OutlineEntry[] = [];
  const walk = (first: number | undefined, depth: number) => {
    for (let n = first; n !== undefined; ) {
      const item = objectText(pdf, xref, n);
      const dest = /\/Dest\s*\[\s*(\d+)\s+0\s+R/.exec(item);
      out.push({ object: n, title: stringValue(item, 'Title') ?? '', depth, page: dest ? (pageOf.get(Number(dest[1])) ?? 0) : 0 });
      walk(ref(item, 'First'), depth + 1);
      n = ref(item, 'Next');
    }
  };
  if (outlines !== undefined) walk(ref(objectText(pdf, xref, outlines), 'First'), 1);
  return out;
}

/**
 * The named destinations (the catalog's /Dests) with their 1-based page numbers: Chromium writes
 * one for every element a link inside the document points at, named after its id, also in a
 * print without tags or bookmarks.
 */
export function readDestinations(pdf: Uint8Array): Map<string, number> {
  const xref = readXref(pdf);
  const root = objectText(pdf, xref, ref(xref.trailer, 'Root')!);
  const pageOf = new Map(pageObjects(pdf, xref, ref(root, 'Pages')!).map((obj, i) => [obj, i + 1]));
  const out = new Map<string, number>();
  const dests = ref(root, 'Dests');
  if (dests === undefined) return out;
  const start = xref.offsets.get(dests);
  const end = start === undefined ? -1 : Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length).indexOf('endobj', start, 'latin1');
  if (start === undefined || end < 0) throw new InternalError(`PDF: object ${dests} not found`);
  // A name and its destination: /sec-werk [12 0 R /XYZ 0 802.92 0]
  for (const m of latin1(pdf, start, end).matchAll(/\/([^\s/[\]<>(){}%]+)\s*\[\s*(\d+)\s+0\s+R/g)) {
    const page = pageOf.get(Number(m[2]));
    if (page !== undefined) out.set(pdfName(m[1]!), page);
  }
  return out;
}

/** A PDF name as written (without the slash): `#xx` escapes bytes of its UTF-8. */
function pdfName(written: string): string {
  if (!written.includes('#')) return written;
  const bytes = Buffer.from(written, 'latin1');
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const hex = written.slice(i + 1, i + 3);
    if (bytes[i] === 0x23 && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(bytes[i]!);
  }
  return Buffer.from(out).toString('utf8');
}

/** The information dictionary, as far as this module writes it. */
export function readInfo(pdf: Uint8Array): Record<string, string> {
  const xref = readXref(pdf);
  const info = ref(xref.trailer, 'Info');
  if (info === undefined) return {};
  const dict = objectText(pdf, xref, info);
  const out: Record<string, string> = {};
  for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer', 'CreationDate', 'ModDate']) {
    const v = stringValue(dict, key);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/**
 * Replace whole objects (`n 0 obj ... endobj`, no streams) and rebuild the xref table with the
 * shifted offsets. Every other byte stays as it was.
 */
function replaceObjects(pdf: Uint8Array, replacements: ReadonlyMap<number, string>): Uint8Array {
  const xref = readXref(pdf);
  const spans = [...replacements.keys()]
    .map((n) => {
      const start = xref.offsets.get(n);
      if (start === undefined) throw new InternalError(`PDF: object ${n} not in xref`);
      const endMarker = latin1(pdf, start, Math.min(pdf.length, start + 65536)).indexOf('endobj');
      if (endMarker < 0) throw new InternalError(`PDF: object ${n} without endobj`);
      return { n, start, end: start + endMarker + 'endobj'.length };
    })
    .sort((a, b) => a.start - b.start);

  const parts: Buffer[] = [];
  const shifts: { at: number; delta: number }[] = [];
  let cursor = 0;
  let delta = 0;
  for (const span of spans) {
    parts.push(Buffer.from(pdf.subarray(cursor, span.start)));
    const body = Buffer.from(`${span.n} 0 obj\n${replacements.get(span.n)}\nendobj`, 'latin1');
    parts.push(body);
    delta += body.length - (span.end - span.start);
    shifts.push({ at: span.start, delta });
    cursor = span.end;
  }
  parts.push(Buffer.from(pdf.subarray(cursor, xref.xrefStart)));
  const shift = (offset: number) => {
    let d = 0;
    for (const s of shifts) if (s.at < offset) d = s.delta;
    return offset + d;
  };

  // xref entries are fixed-width, so only the table's own position moves.
  const table = latin1(pdf, xref.xrefStart, xref.xrefEnd).replace(/^(\d{10}) (\d{5}) n/gm, (_, off: string, gen: string) => `${String(shift(Number(off))).padStart(10, '0')} ${gen} n`);
  parts.push(Buffer.from(table, 'latin1'));
  let trailer = latin1(pdf, xref.xrefEnd, pdf.length).replace(/startxref\s+\d+/, `startxref\n${xref.xrefStart + delta}`);
  if (/\/ID\s*\[/.test(trailer)) {
    // Should Chromium ever write a random /ID: derive it from the content instead.
    const hash = createHash('md5').update(Buffer.concat(parts)).digest('hex').toUpperCase();
    trailer = trailer.replace(/\/ID\s*\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]/, `/ID [<${hash}> <${hash}>]`);
  }
  parts.push(Buffer.from(trailer, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

/** The dictionary of a non-stream object, between `obj` and `endobj`. */
function dictionaryOf(pdf: Uint8Array, xref: Xref, n: number): string {
  const text = objectText(pdf, xref, n);
  return text.replace(/^\s*\d+\s+\d+\s+obj\s*/, '').trimEnd();
}

/**
 * Replace the document information dictionary. Fields not given keep Chromium's value (title,
 * creator, producer); the dates are always replaced (with the given ones, or removed), since
 * Chromium writes the clock.
 */
export function setInfo(pdf: Uint8Array, info: PdfInfo): Uint8Array {
  const xref = readXref(pdf);
  const infoNumber = ref(xref.trailer, 'Info');
  if (infoNumber === undefined) throw new InternalError('PDF: no /Info in the trailer');
  const old = readInfo(pdf);
  const fields: [string, string | undefined][] = [
    ['Title', info.title ?? old.Title],
    ['Author', info.author ?? old.Author],
    ['Subject', info.subject ?? old.Subject],
    ['Keywords', info.keywords ?? old.Keywords],
    ['Creator', info.creator ?? old.Creator],
    ['Producer', info.producer ?? old.Producer],
    ['CreationDate', info.creationDate && pdfDate(info.creationDate)],
    ['ModDate', (info.modDate ?? info.creationDate) && pdfDate((info.modDate ?? info.creationDate)!)],
  ];
  const body = fields
    .filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '')
    .map(([k, v]) => `/${k} ${pdfString(v)}`)
    .join('\n');
  return replaceObjects(pdf, new Map([[infoNumber, `<<${body}>>`]]));
}

/** Give outline items (by object number, from readOutline) new titles; the rest of each item stays. */
export function setOutlineTitles(pdf: Uint8Array, titles: ReadonlyMap<number, string>): Uint8Array {
  if (titles.size === 0) return pdf;
  const xref = readXref(pdf);
  const replacements = new Map<number, string>();
  for (const [n, title] of titles) {
    const dict = dictionaryOf(pdf, xref, n);
    const old = findString(dict, 'Title');
    if (!old) throw new InternalError(`PDF: outline item ${n} has no /Title`);
    replacements.set(n, dict.slice(0, old.start) + pdfString(title) + dict.slice(old.end));
  }
  return replaceObjects(pdf, replacements);
}

export interface CatalogEntries {
  /** the document language (BCP 47, as in the HTML's lang); written when the catalog has none */
  readonly lang?: string;
  /** /ViewerPreferences /DisplayDocTitle: a viewer shows the title from the information dictionary, not the file name */
  readonly displayDocTitle?: boolean;
}

/** The catalog's /Lang and /ViewerPreferences, as far as setCatalog writes them. */
export function readCatalog(pdf: Uint8Array): { lang?: string; displayDocTitle?: boolean } {
  const xref = readXref(pdf);
  const root = dictionaryOf(pdf, xref, ref(xref.trailer, 'Root')!);
  const out: { lang?: string; displayDocTitle?: boolean } = {};
  const lang = stringValue(root, 'Lang');
  if (lang !== undefined) out.lang = lang;
  const prefs = viewerPreferences(pdf, xref, root);
  const shown = prefs && /\/DisplayDocTitle\s+(true|false)\b/.exec(prefs.dict);
  if (shown) out.displayDocTitle = shown[1] === 'true';
  return out;
}

/** The viewer preferences dictionary, written inline in the catalog or as an object of its own. */
function viewerPreferences(pdf: Uint8Array, xref: Xref, root: string): { dict: string; object?: number } | undefined {
  const object = ref(root, 'ViewerPreferences');
  if (object !== undefined) return { dict: dictionaryOf(pdf, xref, object), object };
  const at = /\/ViewerPreferences\s*<</.exec(root);
  if (!at) return undefined;
  const start = at.index + at[0].length - 2;
  return { dict: root.slice(start, matchingClose(root, start)) };
}

/** The index just after the '>>' that closes the dictionary opening at `start` ('<<'). */
function matchingClose(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length - 1; i++) {
    if (s[i] === '(' || (s[i] === '<' && s[i + 1] !== '<')) {
      i = readString(s, i).end - 1;
    } else if (s[i] === '<' && s[i + 1] === '<') {
      depth++;
      i++;
    } else if (s[i] === '>' && s[i + 1] === '>') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  throw new InternalError('PDF: unbalanced dictionary');
}

/**
 * Add what the catalog lacks: /Lang when it has none (a language it has is kept: it is the one
 * the browser took from the document), and /DisplayDocTitle in its viewer preferences. A catalog
 * that already has both is left as it is, byte for byte.
 */
export function setCatalog(pdf: Uint8Array, entries: CatalogEntries): Uint8Array {
  const xref = readXref(pdf);
  const rootNumber = ref(xref.trailer, 'Root');
  if (rootNumber === undefined) throw new InternalError('PDF: no /Root in the trailer');
  let root = dictionaryOf(pdf, xref, rootNumber);
  if (!root.startsWith('<<') || !root.endsWith('>>')) throw new InternalError('PDF: the catalog is not a dictionary');
  const replacements = new Map<number, string>();
  const append = (entry: string) => (root = `${root.slice(0, -2)}\n${entry}>>`);
  if (entries.lang && stringValue(root, 'Lang') === undefined) append(`/Lang ${pdfString(entries.lang)}`);
  if (entries.displayDocTitle !== undefined) {
    const wanted = `/DisplayDocTitle ${entries.displayDocTitle}`;
    const prefs = viewerPreferences(pdf, xref, root);
    if (!prefs) append(`/ViewerPreferences <</Type /ViewerPreferences\n${wanted}>>`);
    else if (!prefs.dict.includes(wanted)) {
      const dict = /\/DisplayDocTitle\s+(true|false)\b/.test(prefs.dict)
        ? prefs.dict.replace(/\/DisplayDocTitle\s+(true|false)\b/, wanted)
        : `${prefs.dict.slice(0, -2)}\n${wanted}>>`;
      if (prefs.object !== undefined) replacements.set(prefs.object, dict);
      else root = root.replace(prefs.dict, dict);
    }
  }
  if (root !== dictionaryOf(pdf, xref, rootNumber)) replacements.set(rootNumber, root);
  return replacements.size === 0 ? pdf : replaceObjects(pdf, replacements);
}

/**
 * Chromium names each tagged element after its DOM node ("/ID (node00000511)"), and node ids
 * come from a counter of the renderer process: a document printed while another one prints in
 * the same browser (the letter beside the monitor), or in a renderer that already made other
 * pages, gets other numbers. Renumber them by rank, which keeps their order (the keys of the
 * IDTree stay sorted) and their width (every byte offset stays valid), so that the same document
 * always gives the same bytes.
 */
export function normaliseNodeIds(pdf: Uint8Array): Uint8Array {
  const text = latin1(pdf);
  const matches = [...text.matchAll(/\(node(\d+)\)/g)];
  if (matches.length === 0) return pdf;
  // Distinct ids in numeric order; the i-th smallest of distinct positive integers is at least
  // i, so its rank never needs more digits than the id had.
  const ids = [...new Set(matches.map((m) => m[1]!))].sort((a, b) => Number(a) - Number(b));
  const rank = new Map(ids.map((id, i) => [id, String(i + 1).padStart(id.length, '0')]));
  const out = Uint8Array.from(pdf);
  for (const m of matches) {
    const nieuw = rank.get(m[1]!)!;
    const at = m.index! + '(node'.length;
    for (let i = 0; i < nieuw.length; i++) out[at + i] = nieuw.charCodeAt(i);
  }
  return out;
}
