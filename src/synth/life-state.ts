/**
 * The state of one synthetic life, and the spells it writes.
 *
 * A life is simulated by several modules: the person and the detentions (person.ts), the chain
 * of events between detentions (rates.ts, events.ts), what a detention ends and what
 * the release starts (detention.ts) and the recidive model (recidive.ts). They share this state,
 * so its fields are public; nothing outside those modules sees a LifeState.
 *
 * A spell (a job, a benefit, an address, an enrolment, a registration as defaulter, care) is
 * opened with its begin day and written as an extract row when it is closed, cut at the
 * peildatum. Every random draw comes from the person's own stream (`rng`).
 */
import { UITKERING_SOORT, type AFDOENING, type ExtractName } from '../extracts/contract.ts';
import { HUISHOUDEN, HUISVESTING } from '../vocabulary/lists.ts';
import { dayFromParts, isoFromDay, yearOf } from './dates.ts';
import { pseudoId } from './ids.ts';
import { BENEFIT, ID, TRENDS_UNTIL, WORK } from './params.ts';
import { Rng } from './random.ts';

export type Rows = Record<ExtractName, string[]>;

/** What every life shares: the seed, the peildatum and the id keys. */
export interface World {
  seed: number;
  /** peildatum as a day number: nothing after it is written */
  horizon: number;
  /** persons without a release on or after this day are not written */
  releasesFrom: number;
  /** spells ending before this day are not written */
  spellsFrom: number;
  aantalInstellingen: number;
  aantalBriefadressen: number;
  keys: { persoon: number; detentie: number; zaak: number; baan: number; adres: number; pool: number };
}

// Housing categories are indices in HUISVESTING: 0..3 a woonadres with HUISHOUDEN[cat], then these.
export const INST = HUISVESTING.indexOf('instelling');
export const BRIEF = HUISVESTING.indexOf('briefadres');
export const GEEN = HUISVESTING.indexOf('geen_inschrijving');

export const PER_MONTH = 1 / 30.4375;
export const MAX_CASES = 1023;
export const MAX_JOBS = 255;
const MAX_ADDRESSES = 255;

type Afdoening = (typeof AFDOENING)[number];

/** Afdoeningen with their weights, as the two lists a draw needs. */
function afdoeningen(gewichten: Partial<Record<Afdoening, number>>): { namen: string[]; gewichten: number[] } {
  return { namen: Object.keys(gewichten), gewichten: Object.values(gewichten) };
}

/** The afdoeningen of a case that counts for recidive, and of one that does not. */
const AFDOENING_RECIDIVE = afdoeningen({ veroordeling: 0.6, strafbeschikking: 0.25, transactie: 0.15 });
const AFDOENING_OVERIG = afdoeningen({ sepot_beleid: 0.4, sepot_technisch: 0.25, vrijspraak: 0.15, overig: 0.2 });

/** The uitkering soorten of the chain, in the contract's order (pensioen is written apart). */
const UITKERING_SOORTEN = UITKERING_SOORT.filter((s) => s !== 'pensioen');

interface Job {
  id: string;
  soort: string;
  begin: number;
}

export interface House {
  cat: number;
  adres: string;
  begin: number;
}

/** The duration class: 0 kv (< 14 days), then 14-30, 31-90, 91-365, 366+. */
export function durationClass(d: number): number {
  return d < 14 ? 0 : d <= 30 ? 1 : d <= 90 ? 2 : d <= 365 ? 3 : 4;
}

export function ageClass(age: number): number {
  return age < 25 ? 0 : age < 35 ? 1 : age < 45 ? 2 : 3;
}

/** The calendar year of `day` with the days since 1 January as a fraction of 365.25. */
function fractionalYear(day: number): number {
  return yearOf(day) + (day - dayFromParts(yearOf(day), 1, 1)) / 365.25;
}

/** Years after 2016 on `day` (fractional, capped at TRENDS_UNTIL): the 7th meting's trends run on this. */
export function yearsAfter2016(day: number): number {
  const y = fractionalYear(day);
  return Math.min(TRENDS_UNTIL - 2016, Math.max(0, y - 2017));
}

/** Share of detention records whose ID status is onbekend, by date (grows over the years). */
export function aandeelOnbekend(day: number): number {
  const y = fractionalYear(day);
  return 1 / (1 + Math.exp(-ID.onbekendHelling * (y - ID.onbekendMidden)));
}

export class LifeState {
  readonly rng: Rng;
  readonly pid: string;

  // the person
  birth = 0;
  female = false;
  opl = 'onbekend';
  kwalNee = false;
  death = Infinity;
  emig = Infinity;
  /** first day that is no longer simulated (death, emigration or past the peildatum) */
  stop = Infinity;
  day65 = Infinity;
  emp = 1;
  benProp = 1;
  debtProne = false;
  ggzProne = false;
  vzProne = false;

  // the situation
  t = 0;
  jobs: Job[] = [];
  paused: Job[] = [];
  ben: { soort: string; begin: number } | null = null;
  house: House | null = null;
  houseFreeFrom = -Infinity;
  wanb = -1;
  edu = -1;
  ggz = -1;
  vz = -1;
  idValid = true;
  /** where the chain is heading: the next instroom (or Infinity) */
  volgendeInstroom = Infinity;

  // what the detention did, for the release
  protectedDetention = false;
  houseLost = false;
  preHouse: House | null = null;

  // counters
  nDet = 0;
  nCase = 0;
  nQual = 0;
  nJob = 0;
  nAddress = 0;
  triggerSameDay = false;
  protectUntil = -Infinity;
  /** the last day of the job search after the last release (ends at the first new case) */
  searchUntil = -Infinity;
  searchFrom = Infinity;
  written = false;

  constructor(
    readonly w: World,
    readonly key: number,
    readonly rows: Rows,
  ) {
    this.rng = new Rng(w.seed, Math.floor(key / 2 ** 20), key % 2 ** 20);
    this.pid = pseudoId('P', key, w.keys.persoon);
  }

  /** A case on `day` (none past the peildatum or beyond MAX_CASES); `qualifying`: it counts for recidive. */
  addCase(day: number, qualifying: boolean): void {
    if (this.nCase >= MAX_CASES || day > this.w.horizon) return;
    const rng = this.rng;
    const { namen, gewichten } = qualifying ? AFDOENING_RECIDIVE : AFDOENING_OVERIG;
    const afdoening = namen[rng.pick(gewichten)]!;
    const zid = pseudoId('Z', this.key * 1024 + this.nCase, this.w.keys.zaak);
    this.nCase++;
    if (qualifying) this.nQual++;
    this.rows.justitie.push(`${zid},${this.pid},${isoFromDay(day)},${afdoening}`);
  }

  /** Multiplier of the chance of finding a job: person, ID, housing, age, labour market. */
  workFactor(cat: number, day: number): number {
    const age = (day - this.birth) / 365.25;
    const year = Math.min(WORK.yearTrendUntil, Math.max(2010, yearOf(day)));
    return (
      this.emp *
      (this.idValid ? 1 : WORK.idOngeldig) *
      WORK.huisvesting[cat]! *
      (this.kwalNee ? WORK.geenStartkwalificatie : 1) *
      (this.female ? WORK.vrouw : 1) *
      WORK.leeftijd[ageClass(age)]! *
      (1 + WORK.yearTrend * (year - 2013))
    );
  }

  /**
   * Multiplier of the job start rate after a release, up to the first new case (at most
   * WORK.afterReleaseDays): from 2017 on a tighter labour market reaches ex-detainees looking
   * for work, so werk after release rises over the 7th meting's cohorts; before a detention,
   * which follows a new case, it does not (there the labour market reaches them less each year).
   * The chain's search starts at 1m_na; the chance of a job at release (rik) rises alike.
   */
  searchAfterRelease(day: number): number {
    const t = yearsAfter2016(day);
    if (day >= this.searchFrom && day <= this.searchUntil) return 1 + WORK.afterReleaseTrend * t;
    return 1 + WORK.yearTrendLate * t;
  }

  uitkeringSoort(age: number): string {
    const w: number[] = [...BENEFIT.soortWeights];
    if (age >= 45) w[2] = w[2]! * 2.5;
    return UITKERING_SOORTEN[this.rng.pick(w)]!;
  }

  // ---- spells -----------------------------------------------------------------------------

  /** Write a spell row, cut at the peildatum; spells that never started are dropped. */
  emit(extract: ExtractName, prefix: string, begin: number, end: number): void {
    if (begin > this.w.horizon || end < begin || end < this.w.spellsFrom) return;
    const einde = end > this.w.horizon ? '' : isoFromDay(end);
    this.rows[extract].push(`${prefix},${isoFromDay(begin)},${einde}`);
  }

  openJob(begin: number, id?: string, soort?: string): void {
    if (this.nJob >= MAX_JOBS && id === undefined) return;
    const baanId = id ?? pseudoId('B', this.key * 256 + this.nJob++, this.w.keys.baan);
    const s = soort ?? (this.rng.chance(WORK.pZelfstandige) ? 'zelfstandige' : 'werknemer');
    this.jobs.push({ id: baanId, soort: s, begin });
  }

  closeJob(job: Job, end: number): void {
    this.emit('banen', `${this.pid},${job.id},${job.soort}`, job.begin, end);
    this.jobs = this.jobs.filter((j) => j !== job);
  }

  openBen(soort: string, begin: number): void {
    this.ben = { soort, begin };
  }

  closeBen(end: number): void {
    if (this.ben === null) return;
    this.emit('uitkeringen', `${this.pid},${this.ben.soort}`, this.ben.begin, end);
    this.ben = null;
  }

  addressFor(cat: number): string {
    if (cat === INST) return pseudoId('A', 2 ** 40 + this.rng.int(0, this.w.aantalInstellingen - 1), this.w.keys.pool);
    if (cat === BRIEF) return pseudoId('A', 2 ** 41 + this.rng.int(0, this.w.aantalBriefadressen - 1), this.w.keys.pool);
    const n = Math.min(this.nAddress++, MAX_ADDRESSES);
    return pseudoId('A', this.key * 256 + n, this.w.keys.adres);
  }

  openHouse(cat: number, adres: string, begin: number): void {
    this.house = { cat, adres, begin };
  }

  closeHouse(end: number): void {
    const h = this.house;
    if (h === null) return;
    const soort = h.cat <= 3 ? 'woonadres' : HUISVESTING[h.cat]!;
    const hh = h.cat <= 3 ? HUISHOUDEN[h.cat]! : '';
    this.emit('adressen', `${this.pid},${h.adres},${soort},${hh}`, h.begin, end);
    this.house = null;
    this.houseFreeFrom = Math.max(end, h.begin) + 1;
  }

  closeEdu(end: number): void {
    this.emit('onderwijs', this.pid, this.edu, end);
    this.edu = -1;
  }

  closeCare(soort: 'ggz' | 'verslavingszorg', end: number): void {
    const begin = soort === 'ggz' ? this.ggz : this.vz;
    this.emit('zorg', `${this.pid},${soort}`, begin, end);
    if (soort === 'ggz') this.ggz = -1;
    else this.vz = -1;
  }

  /** Close every open spell when the life stops: at death, the day before emigration, or open. */
  closeAll(): void {
    const w = this.w;
    const end = this.death <= w.horizon ? this.death : this.emig <= w.horizon ? this.emig - 1 : Infinity;
    for (const job of [...this.jobs]) this.closeJob(job, end);
    this.closeBen(end);
    if (this.day65 <= w.horizon) this.emit('uitkeringen', `${this.pid},pensioen`, this.day65, end);
    this.closeHouse(end);
    if (this.wanb >= 0) this.emit('wanbetalers', this.pid, this.wanb, end);
    if (this.edu >= 0) this.closeEdu(end);
    if (this.ggz >= 0) this.closeCare('ggz', end);
    if (this.vz >= 0) this.closeCare('verslavingszorg', end);
  }
}
