/**
 * Notation of numbers and dates for the text: Dutch (36%, 1.234, 0,75, 30 juni 2019) and, for
 * the English Summary, English (36%, 1,234, 0.75). Rounding is done on exact counts (half up),
 * so text, tables and letter agree to the digit, in either language.
 */

/** Whole percents of teller/noemer, rounded half up: "36%". */
export function procent(teller: number, noemer: number): string {
  return `${procentGetal(teller, noemer)}%`;
}

/** The whole-percent value itself (for comparisons in wording helpers). */
export function procentGetal(teller: number, noemer: number): number {
  if (noemer <= 0) throw new Error('procent: noemer must be positive');
  return Math.floor((200 * teller + noemer) / (2 * noemer));
}

/** The separators of a language: thousands and decimals. */
const SCHEIDING = {
  nl: { duizend: '.', decimaal: ',' },
  en: { duizend: ',', decimaal: '.' },
} as const;

function heelGetal(n: number, taal: keyof typeof SCHEIDING): string {
  if (!Number.isInteger(n)) throw new Error(`getal: not a whole number: ${n}`);
  const s = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, SCHEIDING[taal].duizend);
  return n < 0 ? `−${s}` : s;
}

function decimaalGetal(x: number, decimalen: number, taal: keyof typeof SCHEIDING): string {
  if (!Number.isFinite(x)) throw new Error(`decimaal: not a finite number: ${x}`);
  const [heel, deel] = Math.abs(x).toFixed(decimalen).split('.');
  const teken = x < 0 && Number(x.toFixed(decimalen)) !== 0 ? '−' : '';
  return `${teken}${heelGetal(Number(heel), taal)}${deel ? `${SCHEIDING[taal].decimaal}${deel}` : ''}`;
}

/** A whole number with a thousands dot: 1.234, 128.000. */
export function getal(n: number): string {
  return heelGetal(n, 'nl');
}

/** A number with a fixed number of decimals and a decimal comma: 0,75. */
export function decimaal(x: number, decimalen: number): string {
  return decimaalGetal(x, decimalen, 'nl');
}

/** English: a whole number with a thousands comma: 1,234, 128,000. */
export function wholeNumber(n: number): string {
  return heelGetal(n, 'en');
}

/** English: a number with a fixed number of decimals and a decimal point: 0.75, 1,234.5. */
export function decimalNumber(x: number, decimals: number): string {
  return decimaalGetal(x, decimals, 'en');
}
