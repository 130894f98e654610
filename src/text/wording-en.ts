/**
 * Words chosen from numbers, in English, for the Summary: "two thirds", "just over a quarter",
 * "almost half"; "rises", "falls", "remains level"; a 95% interval; "a, b and c".
 *
 * Every decision (which fraction, whether a change is a rise, a fall or none, which side of 1 a
 * ratio lies) is taken by the Dutch module (./wording.ts) and only worded here, so the Summary
 * can never say something the Samenvatting does not. British spelling, no serial comma.
 */

import { decimalNumber, procentGetal } from './format.ts';
import { breukKeuze, hoofdletter, lijst, verandering, type Aandeel, type Richting, type Vorm } from './wording.ts';

/** The fractions of wording.ts (BREUKEN), in the same order. */
const FRACTIONS: readonly string[] = ['a tenth', 'a fifth', 'a quarter', 'a third', 'half', 'two thirds', 'three quarters', 'four fifths', 'nine tenths'];

const QUALIFIER = { ruim: 'just over', bijna: 'almost' } as const;

/**
 * A proportion teller/noemer in words: "two thirds", "just over a quarter", "almost half";
 * "5%" where no fraction reads naturally. Same thresholds as the Dutch `breuk`.
 */
export function fraction(teller: number, noemer: number): string {
  const k = breukKeuze(teller, noemer);
  if (k.soort === 'procent') return `${k.procent}%`;
  const words = FRACTIONS[k.index]!;
  return k.bijwoord ? `${QUALIFIER[k.bijwoord]} ${words}` : words;
}

/** Verb forms of a change, as in wording.ts: present ('tt'), past ('vt') and noun ('zn'). */
const CHANGE_WORDS: Record<Richting, Record<Vorm, string>> = {
  stijgt: { tt: 'rises', vt: 'rose', zn: 'a rise' },
  daalt: { tt: 'falls', vt: 'fell', zn: 'a fall' },
  gelijk: { tt: 'remains level', vt: 'remained level', zn: 'no substantial change' },
};

/** The change in words: "rises" / "rose" / "a rise" and so on. */
export function changeWord(v: ReturnType<typeof verandering> | Richting, vorm: Vorm = 'tt'): string {
  const richting = typeof v === 'string' ? v : v.richting;
  return CHANGE_WORDS[richting][vorm];
}

/** The difference between the whole percents the text prints: "4 percentage points", "1 percentage point". */
function percentagePoints(a: Aandeel, b: Aandeel): string {
  const pp = Math.abs(procentGetal(b.teller, b.noemer) - procentGetal(a.teller, a.noemer));
  return `${pp} ${pp === 1 ? 'percentage point' : 'percentage points'}`;
}

/**
 * A change with its size: "rises by 4 percentage points", "fell by 1 percentage point",
 * "remains level" (the size of a change that is not one is not printed).
 */
export function changeText(a: Aandeel, b: Aandeel, vorm: Exclude<Vorm, 'zn'> = 'tt'): string {
  const v = verandering(a, b);
  if (v.richting === 'gelijk') return changeWord(v, vorm);
  return `${changeWord(v, vorm)} by ${percentagePoints(a, b)}`;
}

/** An interval of ratios or other numbers with a decimal point: "1.07–1.33". */
export function intervalNumber(low: number, high: number, decimals = 2): string {
  return `${decimalNumber(low, decimals)}–${decimalNumber(high, decimals)}`;
}

/** An English enumeration without a serial comma: "a", "a and b", "a, b and c"; or "or". */
export function list(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  return lijst(items, conjunction);
}

/** Capitalise the first letter, for a fraction or list at the start of a sentence. */
export function capitalise(s: string): string {
  return hoofdletter(s, 'en');
}

/** Small whole numbers in words, as English prose writes them ("four cohorts"); else digits. */
export function numberWord(n: number): string {
  const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
  return Number.isInteger(n) && n >= 0 && n < words.length ? words[n]! : String(n);
}

/** An ordinal in digits: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
