/**
 * Dutch notation of numbers and dates for the text: 36%, 1.234, 0,75, 30 juni 2019.
 * Rounding is done on exact counts (half up), so text, tables and letter agree to the digit.
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

/** A whole number with a thousands dot: 1.234, 128.000. */
export function getal(n: number): string {
  if (!Number.isInteger(n)) throw new Error(`getal: not a whole number: ${n}`);
  const s = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return n < 0 ? `−${s}` : s;
}

/** A number with a fixed number of decimals and a decimal comma: 0,75. */
export function decimaal(x: number, decimalen: number): string {
  if (!Number.isFinite(x)) throw new Error(`decimaal: not a finite number: ${x}`);
  const [heel, deel] = Math.abs(x).toFixed(decimalen).split('.');
  const teken = x < 0 && Number(x.toFixed(decimalen)) !== 0 ? '−' : '';
  return `${teken}${getal(Number(heel))}${deel ? `,${deel}` : ''}`;
}

const MAANDEN = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** "2019-06-30" -> "30 juni 2019". */
export function datumTekst(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`datumTekst: not an ISO date: ${iso}`);
  return `${Number(m[3])} ${MAANDEN[Number(m[2]) - 1]} ${m[1]}`;
}
