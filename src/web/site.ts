/**
 * The web edition: the monitor and its letter as a static site in `<out>/<edition>/web/`, made
 * from the very chapter trees the print is made from (src/html/document.ts hands them over),
 * so numbers, captions and cross-references are the print's.
 *
 *   1. pages: the contents (index.html), a page per chapter (NN-<slug>.html, named as the
 *      chapter's Markdown), the letter (kamerbrief.html) and the colophon (colofon.html)
 *   2. per chapter tree: numbers tables under the charts, table scopes and scroll boxes
 *   3. links: a reference to a figure, table or section on another page gets that page's name
 *   4. every page into the shell (templates/web/pagina.html): skip link, previous/next, the
 *      notice on synthetic data, the list of all pages, the PDF links (../pdf/, relative)
 *   5. the style sheet and the fonts, copied from the packages the print embeds, so the site
 *      asks nothing of any other server and works from the file system
 *
 * Pure apart from reading the templates and the font files: the same input gives the same bytes.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Root } from 'hast';
import type { DocumentRegister } from '../html/context.ts';
import { synthetischLabel } from '../results/synthetisch.ts';
import { colophonView, parliamentaryYear, registerEditionPartials, type DocumentInput, type ProcessedChapter } from '../html/document.ts';
import { markdownProcessor } from '../html/processor.ts';
import { InternalError } from '../util/errors.ts';
import { ids, webFiguren, webLinks, webTabellen } from './bewerk.ts';
import { datumTekst } from '../util/dates.ts';

/** One document (the monitor or the letter) as renderDocument processed it. */
export interface WebDocument {
  readonly input: DocumentInput;
  readonly chapters: readonly ProcessedChapter[];
  readonly register: DocumentRegister;
}

export interface WebInput {
  readonly monitor: WebDocument;
  readonly brief: WebDocument;
  /** chart id -> its Vega-Lite spec as written to figuren/<id>.vl.json */
  readonly specs: ReadonlyMap<string, unknown>;
  /** the PDFs' file names in the edition's pdf/ folder */
  readonly pdf: { readonly monitor: string; readonly brief: string };
}

/** The web folder's files: path relative to web/ -> content. */
export type WebBestanden = Record<string, string | Uint8Array>;

/** The web edition's folder in the edition's output. */
export const WEB_MAP = 'web';

const TEMPLATES = new URL('../../templates/web/', import.meta.url);
const PRINT_TEMPLATES = new URL('../../templates/print/', import.meta.url);
const INDEX = 'index.html';
const BRIEF = 'kamerbrief.html';
const COLOFON = 'colofon.html';

interface Pagina {
  bestand: string;
  /** as the navigation names it */
  titel: string;
  soort: 'inhoud' | 'hoofdstuk' | 'brief' | 'colofon';
  /** The text's language where it differs from the site's (the English Summary): on <main>. */
  taal?: string;
  tree?: Root;
  notes?: Root;
}

/** The whole web folder of an edition. */
export function renderWebEdition(input: WebInput): WebBestanden {
  const meta = input.monitor.input.meta;
  if (!meta.colophon) throw new InternalError('renderWebEdition: the monitor has no colophon');
  const paginas = webPaginas(input);
  verwijzingenOverPaginas(paginas);

  // 4. Every page in the shell.
  const hb = handlebars();
  const colophon = colophonView(meta.colophon);
  const gedeeld = {
    lang: input.monitor.input.lang,
    title: input.monitor.input.title,
    subtitle: meta.subtitle ?? null,
    authors: meta.authors.join(', '),
    publisher: meta.publisher ?? null,
    dateLong: datumTekst(meta.date),
    colophon,
    /** The synthetic-data label (src/results/synthetisch.ts), false for real data. */
    label: synthetischLabel(meta.colophon.bron) ?? false,
    pdf: { monitor: `../pdf/${input.pdf.monitor}`, brief: `../pdf/${input.pdf.brief}` },
  };
  const inhoud = paginaInhoud(input, paginas, hb, gedeeld);
  const bestanden: WebBestanden = {};
  paginas.forEach((p, i) => {
    const vorige = paginas[i - 1];
    const volgende = paginas[i + 1];
    bestanden[p.bestand] = hb.pagina({
      ...gedeeld,
      soort: p.soort,
      taal: p.taal ?? false,
      // The notice on synthetic data: in full on the contents page, in one line on the others;
      // the colophon says it in its own words.
      melding: colophon.synthetic && p.soort !== 'colofon',
      volledigeMelding: p.soort === 'inhoud',
      paginaTitel: p.soort === 'inhoud' ? `${gedeeld.title}, ${colophon.edition}` : `${p.titel} – ${gedeeld.title}, ${colophon.edition}`,
      beschrijving: p.soort === 'brief' ? input.brief.input.meta.subject ?? input.brief.input.title : `${gedeeld.title}, ${colophon.edition}: ${p.titel}`,
      vorige: vorige ? { href: vorige.bestand, titel: vorige.titel } : null,
      volgende: volgende ? { href: volgende.bestand, titel: volgende.titel } : null,
      paginas: paginas.map((q) => ({ href: q.bestand, titel: q.titel, huidig: q === p })),
      inhoud: inhoud(p),
    });
  });

  // 5. Style sheet and fonts.
  return { ...bestanden, 'web.css': readFileSync(new URL('web.css', TEMPLATES), 'utf8'), ...lettertypen() };
}

/** A chapter's title as the navigation names it: "3 Werk en inkomen". */
function hoofdstukTitel(register: DocumentRegister, index: number): string {
  const kop = register.headings.find((h) => h.chapterIndex === index && h.depth === 1);
  return kop ? [kop.number, kop.text].filter(Boolean).join(' ') : '';
}

/**
 * 1. The pages, in reading order; 2. each chapter's tree made fit for the web (on a copy: the
 * print uses the same trees).
 */
function webPaginas(input: WebInput): Pagina[] {
  const { monitor, brief } = input;
  const pagina = (c: ProcessedChapter, register: DocumentRegister, plaats: Pick<Pagina, 'bestand' | 'soort'>): Pagina => {
    const tree = structuredClone(c.tree);
    webFiguren(tree, input.specs);
    webTabellen(tree);
    const notes = tree.children.filter((n) => n.type === 'element' && n.properties.dataFootnotes !== undefined);
    return {
      ...plaats,
      titel: hoofdstukTitel(register, c.index),
      ...(c.lang ? { taal: c.lang } : {}),
      tree: { type: 'root', children: tree.children.filter((n) => !notes.includes(n)) },
      notes: { type: 'root', children: notes },
    };
  };
  // The print drops the letter's level-1 heading (its kamerstuk header says what it is about);
  // on the web the document's title is the page's heading.
  return [
    { bestand: INDEX, titel: 'Inhoud', soort: 'inhoud' },
    ...monitor.chapters.map((c) => pagina(c, monitor.register, { bestand: basename(c.file).replace(/\.md$/, '.html'), soort: 'hoofdstuk' })),
    ...brief.chapters.map((c) => ({ ...pagina(c, brief.register, { bestand: BRIEF, soort: 'brief' }), titel: brief.input.title })),
    { bestand: COLOFON, titel: 'Colofon', soort: 'colofon' },
  ];
}

/** 3. Links across pages: every id belongs to the (first) page that holds it. */
function verwijzingenOverPaginas(paginas: readonly Pagina[]): void {
  const eigenaar = new Map<string, string>();
  const eigenIds = new Map<Pagina, Set<string>>();
  for (const p of paginas) {
    const gevonden = new Set([...(p.tree ? ids(p.tree) : []), ...(p.notes ? ids(p.notes) : [])]);
    eigenIds.set(p, gevonden);
    for (const id of gevonden) if (!eigenaar.has(id)) eigenaar.set(id, p.bestand);
  }
  for (const p of paginas) {
    for (const t of [p.tree, p.notes]) if (t) webLinks(t, eigenIds.get(p)!, (id) => eigenaar.get(id));
  }
}

/** The contents page's list: each chapter with its sections. */
function inhoudsopgave(monitor: WebDocument, paginas: readonly Pagina[]) {
  return monitor.chapters.map((c) => {
    const pagina = paginas[c.index + 1]!;
    const koppen = monitor.register.headings.filter((h) => h.chapterIndex === c.index && h.depth <= 2);
    const kop = koppen.find((h) => h.depth === 1);
    return {
      href: pagina.bestand,
      number: kop?.number ?? '',
      text: kop?.text ?? pagina.titel,
      secties: koppen.filter((h) => h.depth === 2).map((h) => ({ href: `${pagina.bestand}#${h.id}`, number: h.number, text: h.text })),
    };
  });
}

/** What each kind of page holds inside the shell. */
function paginaInhoud(input: WebInput, paginas: readonly Pagina[], hb: Sjablonen, gedeeld: object): (p: Pagina) => string {
  const letter = input.brief.input.meta.letter;
  if (!letter) throw new InternalError('renderWebEdition: the letter has no kamerstuk data');
  const briefTitel = input.brief.input.title;
  const toc = inhoudsopgave(input.monitor, paginas);
  const html = (t: Root | undefined) => (t ? markdownProcessor.stringify(t) : '');
  const perSoort: Record<Pagina['soort'], (p: Pagina) => string> = {
    inhoud: () => hb.inhoud({ ...gedeeld, toc, briefTitel }),
    hoofdstuk: (p) => `${html(p.tree)}\n${html(p.notes)}`,
    brief: (p) =>
      hb.brief({
        briefTitel,
        letter: { ...letter, parliamentaryYear: parliamentaryYear(letter.datum), dateLong: datumTekst(letter.datum) },
        tekst: html(p.tree),
        noten: html(p.notes),
      }),
    colofon: () => hb.colofon(gedeeld),
  };
  return (p) => perSoort[p.soort](p);
}

type Sjablonen = ReturnType<typeof handlebars>;

function handlebars() {
  const hb = Handlebars.create();
  registerEditionPartials(hb);
  // Strict: a value the view lacks is an error, not an empty spot on a published page.
  const compile = (naam: string) => hb.compile(readFileSync(new URL(naam, TEMPLATES), 'utf8'), { strict: true });
  return { pagina: compile('pagina.html'), inhoud: compile('inhoud.html'), brief: compile('kamerbrief.html'), colofon: compile('colofon.html') };
}

/**
 * The print's fonts (templates/print/fonts.css, which points into the @fontsource packages),
 * copied into fonts/ with a fonts.css of their own. The web may show a fallback font while they
 * load (`swap`); the print waits for them (`block`).
 */
function lettertypen(): WebBestanden {
  const css = readFileSync(new URL('fonts.css', PRINT_TEMPLATES), 'utf8');
  const bestanden: WebBestanden = {};
  const web = css
    .replace(/url\(([^)]+)\)/g, (_, url: string) => {
      const naam = basename(url);
      bestanden[`fonts/${naam}`] = readFileSync(fileURLToPath(new URL(url, PRINT_TEMPLATES)));
      return `url(fonts/${naam})`;
    })
    .replace(/font-display:\s*block/g, 'font-display: swap')
    .replace(/^\/\*[\s\S]*?\*\/\n*/, '/* The fonts of the print edition, copied beside this file. */\n\n');
  return { 'fonts.css': web, ...bestanden };
}
