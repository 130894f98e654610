/**
 * Words chosen from numbers: the parts of a Dutch statistical text that must change when the
 * data change. "twee derde", "ruim een kwart", "bijna de helft"; "stijgt", "daalt", "blijft
 * gelijk"; a 95% interval; "a, b en c".
 *
 * Pure functions on counts and numbers, so the chapters and the Kamerbrief use the same words
 * for the same figures. The Handlebars registration lives in ./helpers.ts.
 */
import { decimaal, procentGetal } from './format.ts';

/** 1.959964: the 97.5% point of the standard normal distribution. */
export const Z_95 = 1.959963984540054;

interface Breukvorm {
  /** The fraction as a proportion. */
  waarde: number;
  woorden: string;
}

/** Fractions a Dutch reader takes in at a glance, ascending. */
const BREUKEN: readonly Breukvorm[] = [
  { waarde: 1 / 10, woorden: 'een tiende' },
  { waarde: 1 / 5, woorden: 'een vijfde' },
  { waarde: 1 / 4, woorden: 'een kwart' },
  { waarde: 1 / 3, woorden: 'een derde' },
  { waarde: 1 / 2, woorden: 'de helft' },
  { waarde: 2 / 3, woorden: 'twee derde' },
  { waarde: 3 / 4, woorden: 'drie kwart' },
  { waarde: 4 / 5, woorden: 'vier vijfde' },
  { waarde: 9 / 10, woorden: 'negen tiende' },
];

/**
 * Percentage points within which a value is said to be the fraction itself ("een kwart" for
 * 24–26%); beyond it, up to halfway to the next fraction, it is "ruim" or "bijna" that fraction
 * ("ruim een kwart" for 28%, "bijna de helft" for 45%), as Dutch reports write.
 */
const BREUK_MARGE = 1;

/**
 * Which fraction a proportion is called, independent of language: the whole percent itself
 * (below 8% or above 92%, where no fraction reads naturally), or the index of the nearest
 * fraction in BREUKEN with 'ruim' (a little above it), 'bijna' (a little below) or neither.
 * The comparison uses the whole percentage the text would print, so words and number agree.
 * The Dutch words (`breuk`) and the English ones (wording-en.ts) are both chosen by it.
 */
export type Breukkeuze = { soort: 'procent'; procent: number } | { soort: 'breuk'; index: number; bijwoord: 'ruim' | 'bijna' | null };

export function breukKeuze(teller: number, noemer: number): Breukkeuze {
  const pct = procentGetal(teller, noemer);
  if (pct < 8 || pct > 92) return { soort: 'procent', procent: pct };
  let beste = 0;
  BREUKEN.forEach((b, i) => {
    if (Math.abs(pct - 100 * b.waarde) < Math.abs(pct - 100 * BREUKEN[beste]!.waarde)) beste = i;
  });
  const verschil = pct - 100 * BREUKEN[beste]!.waarde;
  return { soort: 'breuk', index: beste, bijwoord: Math.abs(verschil) <= BREUK_MARGE ? null : verschil > 0 ? 'ruim' : 'bijna' };
}

/**
 * A proportion teller/noemer in words: "twee derde", "ruim een kwart", "bijna de helft";
 * "5%" where no fraction reads naturally (see breukKeuze).
 */
export function breuk(teller: number, noemer: number): string {
  const k = breukKeuze(teller, noemer);
  if (k.soort === 'procent') return `${k.procent}%`;
  const woorden = BREUKEN[k.index]!.woorden;
  return k.bijwoord ? `${k.bijwoord} ${woorden}` : woorden;
}

/** A count pair: teller among noemer. */
export interface Aandeel {
  teller: number;
  noemer: number;
}

export type Richting = 'stijgt' | 'daalt' | 'gelijk';

export interface Verandering {
  richting: Richting;
  /** Difference b - a in percentage points, unrounded. */
  verschil: number;
  /** 95% limits of the difference in percentage points. */
  laag: number;
  hoog: number;
}

/**
 * The change from a to b, two proportions, with its 95% interval (normal approximation for two
 * independent proportions). A change is called a rise or fall only when the interval excludes
 * zero and the rounded percentages differ; otherwise the share stays level.
 *
 * Between meetmomenten the same people are measured twice; the independent-samples variance is
 * then larger than the paired one, so this test errs towards "blijft gelijk".
 */
export function verandering(a: Aandeel, b: Aandeel): Verandering {
  if (a.noemer <= 0 || b.noemer <= 0) throw new Error('verandering: noemer must be positive');
  const pa = a.teller / a.noemer;
  const pb = b.teller / b.noemer;
  const se = Math.sqrt((pa * (1 - pa)) / a.noemer + (pb * (1 - pb)) / b.noemer);
  const verschil = 100 * (pb - pa);
  const laag = verschil - 100 * Z_95 * se;
  const hoog = verschil + 100 * Z_95 * se;
  const zichtbaar = procentGetal(a.teller, a.noemer) !== procentGetal(b.teller, b.noemer);
  let richting: Richting = 'gelijk';
  if (zichtbaar && laag > 0) richting = 'stijgt';
  else if (zichtbaar && hoog < 0) richting = 'daalt';
  return { richting, verschil, laag, hoog };
}

/** Verb forms of a change. */
export type Vorm = 'tt' | 'vt' | 'zn';

const VERANDERING_WOORDEN: Record<Richting, Record<Vorm, string>> = {
  stijgt: { tt: 'stijgt', vt: 'steeg', zn: 'een stijging' },
  daalt: { tt: 'daalt', vt: 'daalde', zn: 'een daling' },
  gelijk: { tt: 'blijft gelijk', vt: 'bleef gelijk', zn: 'geen wezenlijke verandering' },
};

/** The change in words: "stijgt" / "steeg" / "een stijging" and so on. */
export function veranderingWoord(v: Verandering | Richting, vorm: Vorm = 'tt'): string {
  const richting = typeof v === 'string' ? v : v.richting;
  return VERANDERING_WOORDEN[richting][vorm];
}

/**
 * A change with its size: "stijgt met 4 procentpunten", "daalt met 1 procentpunt",
 * "blijft gelijk" (the size of a change that is not one is not printed).
 */
export function veranderingTekst(a: Aandeel, b: Aandeel, vorm: Exclude<Vorm, 'zn'> = 'tt'): string {
  const v = verandering(a, b);
  if (v.richting === 'gelijk') return veranderingWoord(v, vorm);
  return `${veranderingWoord(v, vorm)} met ${procentpunten(a, b)}`;
}

/** The difference between the whole percents the text prints: "4 procentpunten", "1 procentpunt". */
export function procentpunten(a: Aandeel, b: Aandeel): string {
  const pp = Math.abs(procentGetal(b.teller, b.noemer) - procentGetal(a.teller, a.noemer));
  return `${pp} ${pp === 1 ? 'procentpunt' : 'procentpunten'}`;
}

/** Wilson 95% interval of a proportion, as proportions. */
function wilson(teller: number, noemer: number): { laag: number; hoog: number } {
  if (noemer <= 0) throw new Error('wilson: noemer must be positive');
  const p = teller / noemer;
  const z2 = Z_95 * Z_95;
  const midden = (p + z2 / (2 * noemer)) / (1 + z2 / noemer);
  const half = (Z_95 * Math.sqrt((p * (1 - p)) / noemer + z2 / (4 * noemer * noemer))) / (1 + z2 / noemer);
  return { laag: Math.max(0, midden - half), hoog: Math.min(1, midden + half) };
}

/** A proportion's 95% interval in whole percents: "34–38%". */
export function intervalProcent(teller: number, noemer: number): string {
  const { laag, hoog } = wilson(teller, noemer);
  return `${Math.round(100 * laag)}–${Math.round(100 * hoog)}%`;
}

/** An interval of ratios or other numbers with a decimal comma: "1,07–1,33". */
export function intervalGetal(laag: number, hoog: number, decimalen = 2): string {
  return `${decimaal(laag, decimalen)}–${decimaal(hoog, decimalen)}`;
}

/**
 * A Dutch enumeration: "a", "a en b", "a, b en c"; `voegwoord` may be "of" (or, for the English
 * Summary, "and" and "or": English without a serial comma is built the same way).
 */
export function lijst(items: readonly string[], voegwoord: 'en' | 'of' | 'and' | 'or' = 'en'): string {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(', ')} ${voegwoord} ${items[items.length - 1]}`;
}

/** Capitalise the first letter, for a fraction or list at the start of a sentence. */
export function hoofdletter(s: string, taal: 'nl' | 'en' = 'nl'): string {
  return s.length === 0 ? s : s[0]!.toLocaleUpperCase(taal) + s.slice(1);
}

/** Small whole numbers in words, as Dutch prose writes them ("vier cohorten"); else digits. */
export function telwoord(n: number): string {
  const woorden = ['nul', 'een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien', 'elf', 'twaalf'];
  return Number.isInteger(n) && n >= 0 && n < woorden.length ? woorden[n]! : String(n);
}

/**
 * A ratio (hazard or odds ratio) in words relative to its reference: "groter", "kleiner" or
 * "niet aantoonbaar anders", decided by the 95% interval.
 */
export function ratioRichting(ciLaag: number, ciHoog: number): 'groter' | 'kleiner' | 'gelijk' {
  if (ciLaag > 1) return 'groter';
  if (ciHoog < 1) return 'kleiner';
  return 'gelijk';
}
