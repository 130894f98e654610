/**
 * The Kamerbrief (the minister's letter that presents the edition) from the results.
 *
 *   templates/kamerbrief/beleidsreactie.md.hbs   the policy response and closing: authored prose
 *   templates/kamerbrief/kamerbrief.md.hbs       the letter: introduction and summary, with the
 *                                                 figures, then {{{beleidsreactie}}}
 *
 * Both are Handlebars in strict mode, like the monitor's chapters, and see the same context
 * (src/chapters/context.ts `sjabloonContext`). Figures reach the text only through the helpers
 * below, which print them with the monitor's own formatting (src/text/format.ts: exact
 * half-up rounding from the counts) and words (src/text/wording.ts), so the letter and the
 * monitor say the same number for the same indicator row.
 *
 * Every figure printed is recorded (`Brief.cijfers`) with the indicator rows or the model term it
 * comes from; with `markeer` the figures are wrapped in ⟦n|…⟧ so a test can check each one
 * against the published tables (tests/letter/).
 *
 * The kamerstuk header and the signature are not in the Markdown: the print shell prints them
 * from the edition (templates/print/kamerbrief.html). The Markdown starts with an HTML comment
 * that repeats them, so the committed letter shows its date and signatory in a diff.
 *
 * Helpers: all of the monitor's (src/chapters/helpers.ts: ind, pct, breuk, aantal, richting,
 * verandering, kies, eq, lijst, hoofdletter, hr, hrbi, hrrichting, ...), recorded; and for the letter:
 *   {{kans "model" "term"}}              "een grotere" / "een kleinere" / "geen aantoonbaar andere"
 *   {{noot "key"}}                       a footnote citing brief.referenties.key of the edition
 *   {{ref "key"}}                        that reference in the running text
 *   {{#voetnoot "key"}}text{{/voetnoot}} an authored footnote
 */
import { readFileSync } from 'node:fs';
import type { Sjablonen } from '../edition/templates.ts';
import type { Vergelijking } from '../vergelijking/vergelijk.ts';
import Handlebars from 'handlebars';
import type { Groep, Moment } from '../vocabulary/lists.ts';
import type { Publicatie } from '../indicators/disclosure.ts';
import type { Resultaten } from '../results/results.ts';
import { onderdruktNoot, SAMENGEVOEGD_NOOT, sjabloonNaam } from '../chapters/render.ts';
import { sjabloonContext } from '../chapters/context.ts';
import { fillTemplate } from '../chapters/handlebars.ts';
import { isRij, registerHelpers, type HelperOptions, type HoofdstukStaat } from '../chapters/helpers.ts';
import { helperError } from '../chapters/template-errors.ts';
import { datumTekst } from '../util/dates.ts';
import { hoofdletter } from '../text/wording.ts';
import type { TemplateSource } from '../html/context.ts';
import { parliamentaryYear } from '../html/document.ts';
import { InputError } from '../util/errors.ts';
import { mdTekst } from '../util/markdown.ts';
import { messages } from './messages.ts';

/** The output file, under out/kamerbrief/. */
export const BRIEF_BESTAND = 'kamerbrief.md';

/** An indicator row a figure comes from. */
export interface IndicatorVerwijzing {
  indicator: string;
  cohort: string;
  groep: Groep;
  moment: Moment;
}

/** One figure of the letter: what was printed and where it comes from. */
export type BriefCijfer =
  | { soort: 'pct' | 'breuk' | 'aantal'; tekst: string; rij: IndicatorVerwijzing }
  /** `richting`: "stijgt" / "daalt" / "gelijk"; `verandering`: "stijgt met 4 procentpunten". */
  | { soort: 'richting'; tekst: string; van: IndicatorVerwijzing; naar: IndicatorVerwijzing }
  | { soort: 'verandering'; tekst: string; vorm: 'tt' | 'vt'; van: IndicatorVerwijzing; naar: IndicatorVerwijzing }
  /** `hrrichting`: "groter" / "kleiner" / "gelijk"; `hr`, `hrbi`: the ratio and its interval. */
  | { soort: 'hrrichting' | 'hr' | 'hrbi'; tekst: string; model: string; term: string }
  | { soort: 'kans'; tekst: string; richting: 'groter' | 'kleiner' | 'gelijk'; model: string; term: string };

export interface Brief {
  markdown: string;
  cijfers: BriefCijfer[];
  /** The templates the letter was filled from, so later messages (cross-references) can name them. */
  bronnen?: readonly TemplateSource[];
}

export interface LetterOptions {
  /** Wrap every figure in ⟦n|…⟧, n its index in `cijfers` (for tests). */
  markeer?: boolean;
  /** File names in messages are relative to this folder (default: the working folder). */
  root?: string;
  /** The comparison with the previous meting, when the edition names one: the summary mentions the main changes. */
  vergelijking?: Vergelijking;
}

/** Letter state while rendering: the chapters' footnote flags, figures, notes. */
interface Staat extends HoofdstukStaat {
  cijfers: BriefCijfer[];
  noten: Map<string, string>;
}

const MARKERING = /⟦\d+\|([^⟧]*)⟧/g;

/** The letter's Markdown without the ⟦n|…⟧ markings. */
export function zonderMarkering(markdown: string): string {
  return markdown.replace(MARKERING, '$1');
}

function verwijzing(rij: Publicatie): IndicatorVerwijzing {
  return { indicator: rij.indicator, cohort: String(rij.cohort), groep: rij.groep as Groep, moment: rij.moment as Moment };
}

const KANS: Record<'groter' | 'kleiner' | 'gelijk', string> = {
  groter: 'een grotere',
  kleiner: 'een kleinere',
  gelijk: 'geen aantoonbaar andere',
};

type Uitvoer = string | { toString(): string };

/** What the letter's helpers share: the monitor's helpers they wrap, the recording of figures, the error. */
interface HelperTools {
  readonly hb: typeof Handlebars;
  readonly staat: Staat;
  readonly origineel: (naam: string) => (...args: unknown[]) => Uitvoer;
  /** Record a printed figure; return it, marked when asked. */
  readonly cijfer: (u: Uitvoer, c: (tekst: string) => BriefCijfer) => Uitvoer;
  readonly fout: (o: HelperOptions | undefined, wat: string) => InputError;
}

function createHandlebars(r: Resultaten, staat: Staat, bestand: string, markeer: boolean) {
  const hb = Handlebars.create();
  // The monitor's helpers, so the letter prints every figure as the monitor does.
  registerHelpers(hb, r, staat, bestand);
  const fout = (o: HelperOptions | undefined, wat: string) => helperError(bestand, o, wat);
  const origineel = (naam: string) => hb.helpers[naam] as (...args: unknown[]) => Uitvoer;
  const gedrukt = (u: Uitvoer) => !(u instanceof hb.SafeString) && typeof u === 'string';
  const cijfer = (u: Uitvoer, c: (tekst: string) => BriefCijfer): Uitvoer => {
    if (!gedrukt(u)) return u; // "–" with its footnote: nothing published to compare
    staat.cijfers.push(c(String(u)));
    // The marking is markup (read back by the letter's tests and tools); the figure in it is text.
    return markeer ? new hb.SafeString(`⟦${staat.cijfers.length - 1}|${mdTekst(String(u))}⟧`) : u;
  };
  const tools: HelperTools = { hb, staat, origineel, cijfer, fout };
  registerRowHelpers(tools);
  registerModelHelpers(tools);
  registerNoteHelpers(tools, r);
  // Capitals after a marking.
  hb.registerHelper('hoofdletter', (v: unknown) => {
    const t = String(v);
    const m = /^(⟦\d+\|)(.*)$/s.exec(t);
    if (v instanceof hb.SafeString) return new hb.SafeString(m ? m[1] + hoofdletter(m[2]!) : hoofdletter(t));
    return hoofdletter(t);
  });
  return hb;
}

/** Figures of indicator rows: one row (pct, breuk, aantal) or the change between two. */
function registerRowHelpers({ hb, staat, origineel, cijfer }: HelperTools): void {
  for (const soort of ['pct', 'breuk', 'aantal'] as const) {
    const f = origineel(soort);
    hb.registerHelper(soort, (v: unknown, o: HelperOptions) => {
      const u = f(v, o);
      return isRij(v) ? cijfer(u, (tekst) => ({ soort, tekst, rij: verwijzing(v) })) : u;
    });
  }
  // Words from two rows ("stijgt", or "stijgt met 4 procentpunten"): recorded, not marked when
  // used as a value (richting goes into `kies` or `eq`).
  const richting = origineel('richting');
  hb.registerHelper('richting', (a: unknown, b: unknown, o: HelperOptions) => {
    const u = richting(a, b, o);
    if (isRij(a) && isRij(b) && u !== 'onbekend')
      staat.cijfers.push({ soort: 'richting', tekst: String(u), van: verwijzing(a), naar: verwijzing(b) });
    return u;
  });
  const verandering = origineel('verandering');
  hb.registerHelper('verandering', (a: unknown, b: unknown, o: HelperOptions) => {
    const u = verandering(a, b, o);
    if (!isRij(a) || !isRij(b)) return u;
    return cijfer(u, (tekst) => ({ soort: 'verandering', tekst, vorm: o.hash?.vorm === 'vt' ? 'vt' : 'tt', van: verwijzing(a), naar: verwijzing(b) }));
  });
}

/** Model terms: the hazard ratio, its interval and direction, and the letter's words for it. */
function registerModelHelpers({ hb, staat, origineel, cijfer, fout }: HelperTools): void {
  const hrrichting = origineel('hrrichting');
  hb.registerHelper('hrrichting', (m: unknown, t: unknown, o: HelperOptions) => {
    const u = hrrichting(m, t, o);
    if (u !== 'onbekend') staat.cijfers.push({ soort: 'hrrichting', tekst: String(u), model: String(m), term: String(t) });
    return u;
  });
  for (const soort of ['hr', 'hrbi'] as const) {
    const f = origineel(soort);
    hb.registerHelper(soort, (m: unknown, t: unknown, o: HelperOptions) =>
      cijfer(f(m, t, o), (tekst) => ({ soort, tekst, model: String(m), term: String(t) })),
    );
  }
  /**
   * {{#if (geschat "model" "term")}}: whether the model has an estimate of its own for the term
   * (on small data a level can be merged into its reference); guard every {{kans}} with it.
   */
  hb.registerHelper('geschat', (m: unknown, t: unknown, o: HelperOptions) => hrrichting(m, t, o) !== 'onbekend');
  /** {{kans "model" "term"}}: "een grotere", "een kleinere" or "geen aantoonbaar andere" (kans). */
  hb.registerHelper('kans', (m: unknown, t: unknown, o: HelperOptions) => {
    const u = hrrichting(m, t, o);
    if (u === 'onbekend') throw fout(o, `model '${String(m)}' heeft geen eigen schatting voor '${String(t)}' (samengevoegd met de referentie)`);
    const r = u as 'groter' | 'kleiner' | 'gelijk';
    return cijfer(KANS[r], (tekst) => ({ soort: 'kans', tekst, richting: r, model: String(m), term: String(t) }));
  });
}

/** References and notes: from brief.referenties of the edition, or written in the template. */
function registerNoteHelpers({ hb, staat, fout }: HelperTools, r: Resultaten): void {
  const referentie = (sleutel: unknown, o: HelperOptions) => {
    const tekst = r.editie.brief.referenties[String(sleutel)];
    if (tekst === undefined)
      throw fout(o, `referentie '${String(sleutel)}' staat niet in brief.referenties van het editiebestand`);
    return mdTekst(tekst); // text from the edition file, never markup (src/util/markdown.ts)
  };
  /** {{noot "key"}}: a footnote citing brief.referenties.key. */
  hb.registerHelper('noot', (sleutel: unknown, o: HelperOptions) => {
    staat.noten.set(String(sleutel), referentie(sleutel, o));
    return new hb.SafeString(`[^${String(sleutel)}]`);
  });
  /** {{ref "key"}}: the reference in the running text. */
  hb.registerHelper('ref', referentie);
  /** {{#voetnoot "key"}}text{{/voetnoot}}: an authored footnote. */
  hb.registerHelper('voetnoot', function (this: unknown, sleutel: unknown, o: HelperOptions & { fn?: (c: unknown) => string }) {
    if (typeof sleutel !== 'string' || !/^[a-z][a-z0-9_]*$/.test(sleutel) || !o.fn)
      throw fout(o, "'voetnoot' verwacht een sleutel: {{#voetnoot \"corona\"}}…{{/voetnoot}}");
    if (staat.noten.has(sleutel)) throw fout(o, `voetnoot '${sleutel}' bestaat al`);
    staat.noten.set(sleutel, o.fn(this).trim().replace(/\s*\n\s*/g, ' '));
    return new hb.SafeString(`[^${sleutel}]`);
  });
}

function lees(pad: string, naam: string): string {
  try {
    return readFileSync(pad, 'utf8');
  } catch {
    throw new InputError([messages.templateUnreadable(naam)]);
  }
}

/** The comment that opens the Markdown: the kamerstuk data the print shell prints. */
function kopCommentaar(r: Resultaten): string {
  const b = r.editie.brief;
  const regels = [
    `Tweede Kamer der Staten-Generaal, vergaderjaar ${parliamentaryYear(b.datum)}`,
    `${b.dossier.nummer} ${b.dossier.titel}, nr. ${b.nr}`,
    b.briefhoofd,
    b.geadresseerde,
    `${b.plaats}, ${datumTekst(b.datum)}`,
    `Ondertekening: ${b.ondertekenaar.functie}, ${b.ondertekenaar.naam}`,
  ].map((s) => s.replace(/-(?=-)/g, '- ')); // no "--" (so no "-->" or "--!>") can close the comment early
  return `<!--\n${regels.join('\n')}\n(kop en ondertekening drukt templates/print/kamerbrief.html af uit het editiebestand)\n-->`;
}

/**
 * Render the letter from the templates kamerbrief/*.md.hbs (the edition's own versions where it has them).
 * Throws InputError with file:line for a template error or a missing value.
 */
export function renderLetter(sjablonen: Sjablonen, r: Resultaten, options: LetterOptions = {}): Brief {
  const root = options.root ?? process.cwd();
  const staat: Staat = { cijfers: [], noten: new Map(), onderdrukt: false, samengevoegd: false };
  const context = sjabloonContext(r, [], options.vergelijking);

  const reactiePad = sjablonen.pad('kamerbrief/beleidsreactie.md.hbs');
  const reactieNaam = sjabloonNaam(reactiePad, root);
  const reactieBron = lees(reactiePad, reactieNaam);
  const reactie = fillTemplate(createHandlebars(r, staat, reactieNaam, options.markeer ?? false), reactieBron, reactieNaam, context);

  const briefPad = sjablonen.pad('kamerbrief/kamerbrief.md.hbs');
  const briefNaam = sjabloonNaam(briefPad, root);
  const briefBron = lees(briefPad, briefNaam);
  let markdown = fillTemplate(createHandlebars(r, staat, briefNaam, options.markeer ?? false), briefBron, briefNaam, {
    ...context,
    beleidsreactie: reactie.trim(),
  });

  // Definitions in the order the notes are first referred to (the order they are numbered in).
  const eerst = (k: string) => markdown.indexOf(`[^${k}]`);
  const noten = [...staat.noten].sort(([a], [b]) => eerst(a) - eerst(b)).map(([k, tekst]) => `[^${k}]: ${tekst}`);
  if (staat.onderdrukt)
    noten.push(`[^onderdrukt]: ${onderdruktNoot(r.editie.drempel)}.`);
  if (staat.samengevoegd)
    noten.push(`[^samengevoegd]: ${SAMENGEVOEGD_NOOT}`);
  markdown = `${kopCommentaar(r)}\n\n${markdown.trim().replace(/\n{3,}/g, '\n\n')}\n`;
  if (noten.length > 0) markdown += `\n${noten.join('\n')}\n`;
  return {
    markdown,
    cijfers: staat.cijfers,
    bronnen: [
      { name: briefNaam, text: briefBron },
      { name: reactieNaam, text: reactieBron },
    ],
  };
}
