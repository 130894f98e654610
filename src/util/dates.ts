/**
 * Dates, in the one form the monitor writes them: ISO `JJJJ-MM-DD` (extractie.json, the
 * extracts, the edition file, the documents' metadata), and the Dutch form a reader sees
 * ("30 juni 2019"). Every check of that form and every list of month names is here.
 *
 * No Intl: the output must not depend on the machine's ICU data.
 */
import { InternalError } from './errors.ts';

/** The shape of an ISO date, `JJJJ-MM-DD`; says nothing about whether the day exists. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Is `s` an ISO `JJJJ-MM-DD` date that exists in the calendar (not 2019-02-30)? */
export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The Dutch month names, January first. */
export const MAANDEN = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** "2019-06-30" -> "30 juni 2019". */
export function datumTekst(iso: string): string {
  if (!ISO_DATE.test(iso)) throw new InternalError(`datumTekst: not an ISO date: ${iso}`);
  const [jaar, maand, dag] = iso.split('-');
  return `${Number(dag)} ${MAANDEN[Number(maand) - 1]} ${jaar}`;
}
