/**
 * The language of a chapter: how its helpers write numbers and words. Every chapter is Dutch
 * except the Summary, the English version of the Samenvatting. The helpers (./helpers.ts) and
 * the chapter renderer (./render.ts) take one of these and never test the language themselves,
 * so a template reads the same in either language: {{pct ...}}, {{breuk ...}}, {{lijst ...}}.
 *
 * A chapter's language follows from its name (`hoofdstukTaal`), as its kind does
 * (`hoofdstukSoort` in ./render.ts): the Summary is English wherever it is, in whichever
 * edition's version.
 */
import type { Groep, Moment } from '../vocabulary/lists.ts';
import { GROEP_TEKST, GROEP_TEKST_EN, MOMENT_ZIN, MOMENT_ZIN_EN, type Taal } from '../vocabulary/labels.ts';
import { decimaal, decimalNumber, getal, wholeNumber } from '../text/format.ts';
import { breuk, hoofdletter, intervalGetal, lijst, telwoord, veranderingTekst, type Aandeel } from '../text/wording.ts';
import { capitalise, changeText, fraction, intervalNumber, list, numberWord } from '../text/wording-en.ts';

export type { Taal } from '../vocabulary/labels.ts';

/** What differs between the languages of the chapters. */
export interface Notatie {
  taal: Taal;
  getal(n: number): string;
  decimaal(x: number, decimalen: number): string;
  breuk(teller: number, noemer: number): string;
  verandering(a: Aandeel, b: Aandeel, vorm: 'tt' | 'vt'): string;
  /** A change that cannot be stated because a side is suppressed (before the footnote marker). */
  nietTeVergelijken(vorm: 'tt' | 'vt'): string;
  intervalGetal(laag: number, hoog: number): string;
  /** `of`: join with "of"/"or" instead of "en"/"and". */
  lijst(items: readonly string[], of: boolean): string;
  telwoord(n: number): string;
  hoofdletter(s: string): string;
  /** Two findings that differ: "respectievelijk a en b" / "a and b respectively". */
  respectievelijk(a: string, b: string): string;
  moment: Record<Moment, string>;
  groep: Record<Groep, string>;
  /** The footnote behind every "–": why a figure is not published (without the final stop). */
  onderdruktNoot(drempel: number): string;
  /** Where that is explained (appended to the chapter's footnote). */
  onderdruktVerwijzing: string;
  /** The footnote behind a model term merged into its reference level. */
  samengevoegdNoot: string;
}

export const NEDERLANDS: Notatie = {
  taal: 'nl',
  getal,
  decimaal,
  breuk,
  verandering: veranderingTekst,
  nietTeVergelijken: (vorm) => `${vorm === 'vt' ? 'was' : 'is'} niet te vergelijken`,
  intervalGetal: (laag, hoog) => intervalGetal(laag, hoog),
  lijst: (items, of) => lijst(items, of ? 'of' : 'en'),
  telwoord,
  hoofdletter,
  respectievelijk: (a, b) => `respectievelijk ${a} en ${b}`,
  moment: MOMENT_ZIN,
  groep: GROEP_TEKST,
  onderdruktNoot: (drempel) =>
    `Een – staat voor een cijfer dat niet wordt gepubliceerd omdat het op minder dan ${drempel} personen berust of daaruit af te leiden zou zijn`,
  onderdruktVerwijzing: ' (zie de bijlage over geheimhouding)',
  samengevoegdNoot:
    'Deze categorie telt te weinig personen of gebeurtenissen om apart te schatten en is in het model samengevoegd met de referentiecategorie.',
};

const ENGLISH: Notatie = {
  taal: 'en',
  getal: wholeNumber,
  decimaal: decimalNumber,
  breuk: fraction,
  verandering: changeText,
  nietTeVergelijken: (vorm) => (vorm === 'vt' ? 'could not be compared' : 'cannot be compared'),
  intervalGetal: (laag, hoog) => intervalNumber(laag, hoog),
  lijst: (items, of) => list(items, of ? 'or' : 'and'),
  telwoord: numberWord,
  hoofdletter: capitalise,
  respectievelijk: (a, b) => `${a} and ${b} respectively`,
  moment: MOMENT_ZIN_EN,
  groep: GROEP_TEKST_EN,
  onderdruktNoot: (drempel) =>
    `A – stands for a figure that is not published because it rests on fewer than ${drempel} persons or could be derived from such a figure`,
  onderdruktVerwijzing: ' (see the appendix on confidentiality, in Dutch)',
  samengevoegdNoot: 'This category has too few persons or events to be estimated separately and is merged with the reference category in the model.',
};

export const NOTATIES: Record<Taal, Notatie> = { nl: NEDERLANDS, en: ENGLISH };

/** The chapters that are not in Dutch, by their name without number (`NN-summary.md.hbs`). */
const TALEN: Readonly<Record<string, Taal>> = { summary: 'en' };

/** The language of a chapter from its file name (template or output): 'en' for NN-summary. */
export function hoofdstukTaal(bestand: string): Taal {
  return TALEN[hoofdstukNaam(bestand)] ?? 'nl';
}

/** A chapter's name without folder, number and extension: `monitor/05-afkortingen.md.hbs` -> `afkortingen`. */
export function hoofdstukNaam(bestand: string): string {
  return bestand.replace(/^.*[\\/]/, '').replace(/^\d\d-/, '').replace(/\.md(?:\.hbs)?$/, '');
}
