/**
 * Dates as day numbers (days since 1970-01-01, UTC) for the generator: integer arithmetic in
 * the hot loop, ISO strings only when a row is written.
 *
 * The ISO strings and calendar parts of every day in 1900–2100 are tabulated once, so
 * formatting a date and month arithmetic are array look-ups.
 */

const MS_PER_DAY = 86_400_000;
const FIRST = Date.UTC(1900, 0, 1) / MS_PER_DAY;
const LAST = Date.UTC(2100, 11, 31) / MS_PER_DAY;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

let isoTable: string[] | undefined;
let yearTable: Int16Array | undefined;
let monthTable: Int8Array | undefined;
let dayTable: Int8Array | undefined;

function tables(): { iso: string[]; y: Int16Array; m: Int8Array; d: Int8Array } {
  if (!isoTable || !yearTable || !monthTable || !dayTable) {
    const n = LAST - FIRST + 1;
    isoTable = new Array<string>(n);
    yearTable = new Int16Array(n);
    monthTable = new Int8Array(n);
    dayTable = new Int8Array(n);
    for (let i = 0; i < n; i++) {
      const dt = new Date((FIRST + i) * MS_PER_DAY);
      isoTable[i] = dt.toISOString().slice(0, 10);
      yearTable[i] = dt.getUTCFullYear();
      monthTable[i] = dt.getUTCMonth() + 1;
      dayTable[i] = dt.getUTCDate();
    }
  }
  return { iso: isoTable, y: yearTable, m: monthTable, d: dayTable };
}

function index(day: number): number {
  const i = day - FIRST;
  if (!Number.isInteger(i) || i < 0 || day > LAST) throw new RangeError(`day ${day} outside 1900–2100`);
  return i;
}

/** Day number of a calendar date (month 1–12). */
export function dayFromParts(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Day number of an ISO date (assumed valid). */
export function dayFromIso(s: string): number {
  return Date.parse(`${s}T00:00:00Z`) / MS_PER_DAY;
}

/** The ISO string of a day number. */
export function isoFromDay(day: number): string {
  return tables().iso[index(day)]!;
}

export function yearOf(day: number): number {
  return tables().y[index(day)]!;
}

/**
 * `day` plus `n` months, keeping the day of the month and clamping it to the last day of the
 * target month (31 January + 1 month = 28 or 29 February), as docs/indicators.md defines the meetmomenten.
 */
export function addMonths(day: number, n: number): number {
  const t = tables();
  const i = index(day);
  const y = t.y[i]!;
  const m = t.m[i]! - 1 + n;
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = tm === 1 ? (ty % 4 === 0 && (ty % 100 !== 0 || ty % 400 === 0) ? 29 : 28) : MONTH_DAYS[tm]!;
  return Date.UTC(ty, tm, Math.min(t.d[i]!, last)) / MS_PER_DAY;
}

/** `day` plus `n` whole years (29 February clamps to 28 February). */
export function addYears(day: number, n: number): number {
  return addMonths(day, 12 * n);
}

/** Full years of age on `day` for someone born on `birth`. */
export function ageOn(birth: number, day: number): number {
  const t = tables();
  const b = index(birth);
  const d = index(day);
  let age = t.y[d]! - t.y[b]!;
  if (t.m[d]! < t.m[b]! || (t.m[d] === t.m[b] && t.d[d]! < t.d[b]!)) age--;
  return age;
}
