/**
 * Fill the chapter templates (templates/monitor/NN-<slug>.md.hbs) with the results.
 *
 * Each template sees the context of ./context.ts and is filled by ./handlebars.ts in strict mode:
 * a reference to a value that does not exist stops the build with the template's file and line,
 * never an empty string. Numbers reach the text only through the helpers (./helpers.ts), which
 * write them the Dutch way and print a suppressed value as "–" with a footnote that this module
 * adds once per chapter.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import Handlebars from 'handlebars';
import type { Figuur } from '../charts/render.ts';
import type { Sjablonen } from '../edition/templates.ts';
import type { Resultaten } from '../results/results.ts';
import { datumTekst } from '../util/dates.ts';
import { diagnostic } from '../util/diagnostic.ts';
import { InputError } from '../util/errors.ts';
import { mdTekst } from '../util/markdown.ts';
import type { Vergelijking } from '../vergelijking/vergelijk.ts';
import type { Groep, Moment } from '../vocabulary/lists.ts';
import { controleerAfkortingen, leesWoordenlijst } from './afkortingen.ts';
import { sjabloonContext } from './context.ts';
import { fillTemplate } from './handlebars.ts';
import { registerAll, registerHelpers, type HelperOptions, type Helpers, type HoofdstukStaat } from './helpers.ts';
import { citeer, combineer, geenLiteratuur, leesLiteratuur, ongebruikteWaarschuwingen, type Literatuur } from './literatuur.ts';
import { hoofdstukNaam, hoofdstukTaal, NEDERLANDS, NOTATIES, type Notatie, type Taal } from './taal.ts';
import { helperMeldingen as meld, type Melding } from './messages.ts';
import { helperError } from './template-errors.ts';
import type { ChapterKind, TemplateSource } from './types.ts';
import { vergelijkingHelpers } from './vergelijking.ts';

export interface Hoofdstuk {
  /** Output file name, e.g. 04-basisvoorwaarden.md */
  bestand: string;
  markdown: string;
  /** How the print edition numbers it (from the file name, see hoofdstukSoort). */
  soort: ChapterKind;
  /** The template it was filled from, so later messages (cross-references) can name it. */
  bronnen?: readonly TemplateSource[];
  /** Its language: 'nl', or 'en' for the Summary (./taal.ts, hoofdstukTaal). */
  taal: Taal;
}

/**
 * The kind of a chapter from its file name: `NN-samenvatting`, `-summary`, `-afkortingen` and
 * `-literatuur` are unnumbered, `NN-bijlage-*` an appendix, `NN-colofon` and `NN-voorwoord`
 * front matter (before the table of contents, as in a WODC Cahier), everything else a numbered
 * chapter.
 */
export function hoofdstukSoort(bestand: string): ChapterKind {
  const slug = hoofdstukNaam(bestand);
  if (slug === 'samenvatting' || slug === 'summary' || slug === 'afkortingen' || slug === 'literatuur') return 'ongenummerd';
  if (slug.startsWith('bijlage')) return 'bijlage';
  if (slug === 'colofon' || slug === 'voorwoord') return 'voorwerk';
  return 'hoofdstuk';
}

/**
 * Chapters made from the others, so filled last whatever their place: the Literatuur lists the
 * works the other chapters cite, the Afkortingen the abbreviations all of them use (the
 * Literatuur's included).
 */
const LITERATUUR = 'literatuur';
const AFKORTINGEN = 'afkortingen';

/** What one chapter's Handlebars instance needs. */
interface HandlebarsOptions {
  r: Resultaten;
  figuren: readonly Figuur[];
  staat: HoofdstukStaat;
  /** The template as messages name it. */
  bestand: string;
  vergelijking: Vergelijking | undefined;
  taal: Notatie;
}

/** A Handlebars instance with every helper a chapter template may call. */
function createHandlebars(o: HandlebarsOptions): typeof Handlebars {
  const hb = Handlebars.create();
  registerHelpers(hb, o.r, o.staat, o.bestand, o.taal);
  registerAll(hb, vergelijkingHelpers(hb, o.vergelijking, o.staat, o.bestand));
  registerAll(hb, hoofdstukHelpers(hb, o));
  return hb;
}

/** The helpers only chapters have: words for moments and groups in the chapter's language, dates, figures. */
function hoofdstukHelpers(hb: typeof Handlebars, { figuren, bestand, taal }: HandlebarsOptions): Helpers {
  const fout = (o: HelperOptions | undefined, melding: Melding) => helperError(bestand, o, melding);
  return {
    moment: (m: unknown, o: HelperOptions) => {
      const t = taal.moment[m as Moment];
      if (!t) throw fout(o, meld.onbekendMoment(String(m)));
      return t;
    },
    groep: (g: unknown, o: HelperOptions) => {
      const t = taal.groep[g as Groep];
      if (!t) throw fout(o, meld.onbekendeGroep(String(g)));
      return t;
    },
    datum: (d: unknown, o: HelperOptions) => {
      if (typeof d !== 'string') throw fout(o, meld.verwacht('datum', 'een datum als JJJJ-MM-DD'));
      return datumTekst(d);
    },
    /** {{figuur "id"}}: the figure as a Markdown image with its caption, label and source line. */
    figuur: (id: unknown, o: HelperOptions) => {
      const f = figuren.find((x) => x.id === id);
      if (!f) throw fout(o, meld.onbekendeFiguur(String(id)));
      const esc = (s: string) => s.replace(/[[\]"\\]/g, (c) => `\\${c}`);
      return new hb.SafeString(`![${esc(f.alt)}](../figuren/${f.id}.svg "${esc(f.titel)} {#fig:${f.id}}")\n\n*${mdTekst(f.bron)}.*`);
    },
  };
}

/** Chapter templates in their order: <templates>/<sub>/NN-<slug>.md.hbs, the edition's own versions where it has them. */
export function hoofdstukSjablonen(sjablonen: Sjablonen, sub = 'monitor'): { bestand: string; pad: string }[] {
  const verwacht = '(verwacht: een map met hoofdstuksjablonen NN-<naam>.md.hbs)';
  const gevonden = sjablonen
    .bestanden(sub)
    .filter((f) => /^\d\d-[a-z0-9-]+\.md\.hbs$/.test(f))
    .map((f) => ({ bestand: f.replace(/\.hbs$/, ''), pad: sjablonen.pad(`${sub}/${f}`) }));
  if (gevonden.length === 0) throw new InputError([diagnostic('sjabloon/geen-hoofdstukken', `geen hoofdstuksjablonen gevonden ${verwacht}`, { file: join(sjablonen.basis, sub) })]);
  return gevonden;
}

/** The footnote behind every "–": why a figure is not published (without the final stop). */
export function onderdruktNoot(drempel: number): string {
  return NEDERLANDS.onderdruktNoot(drempel);
}

/** The footnote behind a model term that was merged into its reference level. */
export const SAMENGEVOEGD_NOOT = NEDERLANDS.samengevoegdNoot;

/** What a chapter may draw on beside the results and figures. */
export interface HoofdstukOpties {
  /** Template paths in messages are relative to it (default: the working folder). */
  root?: string;
  /** The comparison with the predecessor, when the edition names one. */
  vergelijking?: Vergelijking;
  /**
   * The edition's own references (editions/<slug>/literatuur.json, leesLiteratuur), beside the
   * shared ones in the templates (literatuur.json there).
   */
  literatuur?: Literatuur;
  /** Receives each warning (a reference nobody cites, an abbreviation not spelled out). */
  waarschuw?: (melding: string) => void;
  /** Keep citeproc's output here and reuse it (the build's cache folder); none when absent. */
  citaatCache?: string;
}

/** A template as named in messages: relative to `root` when it lies inside it, else in full. */
export function sjabloonNaam(pad: string, root = process.cwd()): string {
  const rel = relative(root, pad);
  return rel.startsWith('..') || isAbsolute(rel) ? pad : rel;
}

/**
 * Render one template file with the results. `extra` adds to what the template sees (the
 * Literatuur and Afkortingen chapters get their lists this way).
 */
export function vulHoofdstuk(pad: string, r: Resultaten, figuren: readonly Figuur[], opties: HoofdstukOpties = {}, extra: object = {}): string {
  const naam = sjabloonNaam(pad, opties.root);
  const staat: HoofdstukStaat = { onderdrukt: false, samengevoegd: false };
  const taal = NOTATIES[hoofdstukTaal(pad)];
  const hb = createHandlebars({ r, figuren, staat, bestand: naam, vergelijking: opties.vergelijking, taal });
  const bron = readFileSync(pad, 'utf8');
  let markdown = fillTemplate(hb, bron, naam, { ...sjabloonContext(r, figuren, opties.vergelijking), ...extra });
  if (staat.onderdrukt)
    markdown =
      markdown.trimEnd() +
      `\n\n[^onderdrukt]: ${taal.onderdruktNoot(r.editie.drempel)}${taal.onderdruktVerwijzing}.\n`;
  if (staat.samengevoegd)
    markdown =
      markdown.trimEnd() +
      `\n\n[^samengevoegd]: ${taal.samengevoegdNoot}\n`;
  return markdown.trimEnd() + '\n';
}

/**
 * Render every chapter template of the monitor (the edition's own versions where it has them).
 *
 *   1. every chapter but the Literatuur and the Afkortingen, in the templates' order
 *   2. their citations resolved in one run (literatuur.ts): an unknown key is an error at the
 *      template's line; a reference nobody cites a warning
 *   3. the Literatuur, with the list of cited works (`literatuur`, Markdown paragraphs)
 *   4. the Afkortingen, with the abbreviations all other chapters use (`afkortingen`: afkorting,
 *      betekenis); one missing from the glossary is an error, one not spelled out at its first
 *      use in the Dutch text a warning (afkortingen.ts)
 *
 * A template that renders to nothing (its whole text inside a condition that does not hold, such
 * as `{{#if vergelijking}}`) is no chapter of this edition. The template's NN orders the
 * chapters; the output file is numbered by its position among the chapters that exist, so an
 * edition without the optional chapter keeps its numbering.
 */
export function vulHoofdstukken(sjablonen: Sjablonen, r: Resultaten, figuren: readonly Figuur[], opties: HoofdstukOpties = {}): Hoofdstuk[] {
  const waarschuw = opties.waarschuw ?? (() => {});
  const sjablonenLijst = hoofdstukSjablonen(sjablonen).map((s) => ({ ...s, slug: hoofdstukNaam(s.bestand), bron: { name: sjabloonNaam(s.pad, opties.root), text: readFileSync(s.pad, 'utf8') } }));
  const gevuld = new Map<string, string>();
  // 1.
  for (const s of sjablonenLijst) if (s.slug !== LITERATUUR && s.slug !== AFKORTINGEN) gevuld.set(s.pad, vulHoofdstuk(s.pad, r, figuren, opties));
  // 2.
  const gewoon = sjablonenLijst.filter((s) => gevuld.has(s.pad));
  const gedeeldPad = sjablonen.pad(LITERATUUR_BESTAND);
  const gedeeldNaam = sjabloonNaam(gedeeldPad, opties.root);
  const gedeeld = existsSync(gedeeldPad) ? leesLiteratuur(gedeeldPad, gedeeldNaam) : geenLiteratuur(gedeeldNaam);
  const literatuur = opties.literatuur ? combineer(gedeeld, opties.literatuur) : gedeeld;
  const geciteerd = citeer(gewoon.map((s) => ({ markdown: gevuld.get(s.pad)!, bronnen: [s.bron] })), literatuur, opties.citaatCache);
  gewoon.forEach((s, i) => gevuld.set(s.pad, geciteerd.markdown[i]!));
  for (const w of ongebruikteWaarschuwingen(literatuur, geciteerd.ongebruikt)) waarschuw(w);
  // 3.
  for (const s of sjablonenLijst) if (s.slug === LITERATUUR) gevuld.set(s.pad, vulHoofdstuk(s.pad, r, figuren, opties, { literatuur: geciteerd.lijst }));
  // 4.
  const lijstPad = sjablonen.pad(WOORDENLIJST);
  const lijstNaam = sjabloonNaam(lijstPad, opties.root);
  const controle = controleerAfkortingen(
    sjablonenLijst
      .filter((s) => s.slug !== AFKORTINGEN)
      .map((s) => ({ naam: s.bron.name, markdown: gevuld.get(s.pad)!, uitschrijven: s.slug !== LITERATUUR && hoofdstukTaal(s.bestand) === 'nl' })),
    leesWoordenlijst(lijstPad, lijstNaam),
    lijstNaam,
  );
  if (controle.onbekend.length > 0) throw new InputError(controle.onbekend, `Elke afkorting in de tekst staat in ${lijstNaam}, met wat zij betekent; het hoofdstuk Afkortingen wordt daaruit gemaakt.`);
  for (const w of controle.nietUitgeschreven) waarschuw(w);
  for (const s of sjablonenLijst) if (s.slug === AFKORTINGEN) gevuld.set(s.pad, vulHoofdstuk(s.pad, r, figuren, opties, { afkortingen: controle.gebruikt }));

  return sjablonenLijst
    .map((s) => ({ ...s, markdown: gevuld.get(s.pad)! }))
    .filter((h) => h.markdown.trim() !== '')
    .map((h, i) => {
      const bestand = h.bestand.replace(/^\d\d/, String(i + 1).padStart(2, '0'));
      return { bestand, markdown: h.markdown, soort: hoofdstukSoort(bestand), taal: hoofdstukTaal(bestand), bronnen: [h.bron] };
    });
}

/** The glossary of abbreviations, under the templates root (an edition may have its own). */
const WOORDENLIJST = 'afkortingen.json';
/** The references the shared templates cite, under the templates root. */
const LITERATUUR_BESTAND = 'literatuur.json';
