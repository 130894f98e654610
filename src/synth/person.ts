/**
 * One synthetic life: the person, their detentions, criminal cases and the spells of work,
 * benefits, addresses, debts, education and care around them, written as extract rows.
 *
 * The life runs forward in time from a while before the first detention:
 *
 *   pre-entry situation --CTMC--> instroom -> detention -> uitstroom -> situation at 1m_na
 *        ^                                                                 |
 *        |   next instroom <- cases (recidive from a PH model) <-----------+--CTMC--> ...
 *
 * Between detentions the situation evolves as a continuous-time Markov chain (rates in
 * params.ts). A detention ends or keeps jobs, benefits and addresses; the situation at
 * `1m_na` is drawn at release. The time to the first qualifying case after release comes from a
 * proportional-hazards model on that situation (and, after `6m_na`, on keeping the same job and
 * address), so the monitor's models find the relations of calibration.md. Every random draw
 * comes from the person's own stream, so a life does not depend on the peildatum except where
 * it is cut off.
 */
import { OPLEIDING, UITKERING_SOORT, type ExtractName } from '../extracts/contract.ts';
import { HUISHOUDEN } from '../vocabulary/lists.ts';
import { addMonths, addYears, ageOn, dayFromParts, isoFromDay, yearOf } from './dates.ts';
import { pseudoId } from './ids.ts';
import { BENEFIT, CARE, CAREER, DEBT, EDUCATION, HOUSING, ID, RECIDIVE, TRENDS_UNTIL, WORK } from './params.ts';
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
  instellingPool: number;
  briefPool: number;
  keys: { persoon: number; detentie: number; zaak: number; baan: number; adres: number; pool: number };
}

// Housing categories: 0..3 are woonadres with HUISHOUDEN[cat]; then the others.
const INST = 4;
const BRIEF = 5;
const GEEN = 6;

const PER_MONTH = 1 / 30.4375;
const N_EVENTS = 23;
const MAX_DETENTIONS = 63;
const MAX_CASES = 1023;
const MAX_JOBS = 255;
const MAX_ADDRESSES = 255;

const AFDOENING_QUAL = ['veroordeling', 'strafbeschikking', 'transactie'] as const;
const AFDOENING_QUAL_W = [0.6, 0.25, 0.15];
const AFDOENING_NONQUAL = ['sepot_beleid', 'sepot_technisch', 'vrijspraak', 'overig'] as const;
const AFDOENING_NONQUAL_W = [0.4, 0.25, 0.15, 0.2];
const BEN_SOORT = ['bijstand', 'werkloosheid', 'arbeidsongeschiktheid', 'overig'] as const;

interface Job {
  id: string;
  soort: string;
  begin: number;
}

interface House {
  cat: number;
  adres: string;
  begin: number;
}

/** The duration class: 0 kv (< 14 days), then 14-30, 31-90, 91-365, 366+. */
function durationClass(d: number): number {
  return d < 14 ? 0 : d <= 30 ? 1 : d <= 90 ? 2 : d <= 365 ? 3 : 4;
}

function ageClass(age: number): number {
  return age < 25 ? 0 : age < 35 ? 1 : age < 45 ? 2 : 3;
}

function eerdereClass(n: number): number {
  return n === 0 ? 0 : n <= 2 ? 1 : n <= 5 ? 2 : n <= 10 ? 3 : 4;
}

/** G, the distribution function that shapes the cumulative baseline hazard A * G(t). */
function baselineG(t: number): number {
  return 1 - Math.exp(-Math.pow(t / RECIDIVE.scaleDays, RECIDIVE.shape));
}

function baselineGInverse(g: number): number {
  return RECIDIVE.scaleDays * Math.pow(-Math.log(1 - g), 1 / RECIDIVE.shape);
}

/**
 * Weights of hoogste_opleiding by birth year: later generations leave school with a
 * startkwalificatie more often, so part of the weight of basis, vmbo and mbo1 moves to mbo2_4.
 */
function opleidingWeights(birthYear: number): number[] {
  const E = EDUCATION;
  const shift = Math.min(E.lowShiftMax, E.lowShiftPerBirthYear * Math.max(0, birthYear - E.lowShiftFrom));
  const w = [...E.hoogsteOpleiding];
  let moved = 0;
  for (const i of [0, 1, 2]) {
    moved += w[i]! * shift;
    w[i] = w[i]! * (1 - shift);
  }
  w[3] = w[3]! + moved;
  return w;
}

/** Years after 2016 on `day` (fractional, capped at 2021): the 7th meting's trends run on this. */
function yearsAfter2016(day: number): number {
  const y = yearOf(day) + (day - dayFromParts(yearOf(day), 1, 1)) / 365.25;
  return Math.min(TRENDS_UNTIL - 2016, Math.max(0, y - 2017));
}

/** Share of detention records whose ID status is unknown, by date (grows over the years). */
function pOnbekend(day: number): number {
  const y = yearOf(day) + (day - dayFromParts(yearOf(day), 1, 1)) / 365.25;
  return 1 / (1 + Math.exp(-ID.onbekendSlope * (y - ID.onbekendMid)));
}

export class Life {
  private readonly rng: Rng;
  private readonly pid: string;
  private readonly rates = new Float64Array(N_EVENTS);

  // the person
  private birth = 0;
  private female = false;
  private opl = 'onbekend';
  private kwalNee = false;
  private death = Infinity;
  private emig = Infinity;
  /** first day that is no longer simulated (death, emigration or past the peildatum) */
  private stop = Infinity;
  private day65 = Infinity;
  private emp = 1;
  private benProp = 1;
  private debtProne = false;
  private ggzProne = false;
  private vzProne = false;

  // the situation
  private t = 0;
  private jobs: Job[] = [];
  private paused: Job[] = [];
  private ben: { soort: string; begin: number } | null = null;
  private house: House | null = null;
  private houseFreeFrom = -Infinity;
  private wanb = -1;
  private edu = -1;
  private ggz = -1;
  private vz = -1;
  private idValid = true;
  /** where the chain is heading: the next instroom (or Infinity) */
  private nextInstroom = Infinity;

  // what the detention did, for the release
  private protectedDetention = false;
  private houseLost = false;
  private preHouse: House | null = null;

  // counters
  private nDet = 0;
  private nCase = 0;
  private nQual = 0;
  private nJob = 0;
  private nAdres = 0;
  private triggerSameDay = false;
  private protectUntil = -Infinity;
  /** the last day of the job search after the last release (ends at the first new case) */
  private searchUntil = -Infinity;
  private searchFrom = Infinity;
  private written = false;

  constructor(
    private readonly w: World,
    private readonly key: number,
    private readonly rows: Rows,
  ) {
    this.rng = new Rng(w.seed, Math.floor(key / 2 ** 20), key % 2 ** 20);
    this.pid = pseudoId('P', key, w.keys.persoon);
  }

  /** Simulate the life starting with a first detention on `entry`; true when it is written. */
  run(entry: number): boolean {
    const rng = this.rng;
    const w = this.w;

    // 1. The person.
    const band = CAREER.entryAge[rng.pick(CAREER.entryAge.map((b) => b[2]))]!;
    const entryAge = rng.between(band[0], band[1]);
    this.birth = entry - Math.floor(entryAge * 365.25);
    this.female = rng.chance(CAREER.pFemale);
    this.opl = OPLEIDING[rng.pick(opleidingWeights(yearOf(this.birth)))]!;
    this.kwalNee = this.opl === 'basis' || this.opl === 'vmbo' || this.opl === 'mbo1';
    const emp = WORK.employability[rng.pick(WORK.employability.map((e) => e[0]))]!;
    this.emp = emp[1] * (this.kwalNee ? 1 : 1.3);
    this.benProp = BENEFIT.propensity[rng.pick(BENEFIT.propensity.map((p) => p[0]))]![1];
    this.debtProne = rng.chance(DEBT.pProne);
    this.ggzProne = rng.chance(CARE.pGgzProne);
    this.vzProne = rng.chance(CARE.pVzProne);
    this.day65 = addYears(this.birth, BENEFIT.pensionAge);

    const deathRate = CAREER.deathPerYear + (entryAge > 50 ? CAREER.deathPerYearOld : 0);
    const death = entry + Math.floor((rng.exp1() / deathRate) * 365.25);
    const mobile = rng.chance(CAREER.pMobile);
    const emig =
      entry + 30 + Math.floor((rng.exp1() / (mobile ? CAREER.emigrationPerYearMobile : CAREER.emigrationPerYear)) * 365.25);
    if (death < emig) this.death = death;
    else this.emig = emig;
    this.updateStop();

    // 2. Criminal history before the first detention, and the case that leads to it.
    const trigger = this.drawLag();
    const triggerDay = entry - trigger;
    const priorMean =
      (CAREER.priorCasesBase + CAREER.priorCasesPerYear * Math.max(0, entryAge - 18)) * Math.exp(0.8 * rng.normal() - 0.32);
    const k0 = rng.chance(CAREER.pNoPriorCases) ? 0 : Math.min(200, rng.poisson(priorMean));
    const lo = Math.max(addYears(this.birth, 12), entry - 12 * 365);
    const hi = triggerDay - 1;
    if (hi > lo) {
      const days: number[] = [];
      for (let i = 0; i < k0; i++) days.push(rng.int(lo, hi));
      const noise = rng.poisson(0.4 + 0.3 * k0);
      const nq: number[] = [];
      for (let i = 0; i < noise; i++) nq.push(rng.int(lo, hi));
      days.sort((a, b) => a - b);
      nq.sort((a, b) => a - b);
      for (const d of days) this.addCase(d, true);
      for (const d of nq) this.addCase(d, false);
    }
    this.addCase(triggerDay, true);
    this.triggerSameDay = trigger === 0;

    // 3. The situation a while before the first detention.
    const start = Math.max(addMonths(entry, -18), addYears(this.birth, 16));
    this.initialSituation(start);
    this.t = start;
    this.advance(entry);

    // 4. Detentions, releases and what follows, until death, emigration or the peildatum.
    let instroom = entry;
    while (instroom < this.stop && this.nDet < MAX_DETENTIONS) {
      const eerdere = this.nQual - (this.triggerSameDay ? 1 : 0);
      const d = this.drawDuration();
      let uitstroom = instroom + d - 1;
      let diedInside = false;
      if (this.death <= uitstroom) {
        uitstroom = this.death;
        diedInside = true;
      }
      if (this.emig <= uitstroom) {
        this.emig = uitstroom + 1 + rng.int(0, 90);
        this.updateStop();
      }
      const duur = uitstroom - instroom + 1;

      // ID status: the latent status, recorded or not.
      const u = rng.uniform();
      const idIn = u < pOnbekend(instroom) ? 'onbekend' : this.idValid ? 'geldig' : 'ongeldig';
      const cls = durationClass(duur);
      // A short stay leaves no time to apply for an ID; an arrest may cost one (kortverblijf).
      if (!this.idValid && rng.chance(cls === 0 ? ID.gainKv : ID.gainRikMax * Math.min(1, duur / 180))) this.idValid = true;
      else if (this.idValid && rng.chance(cls === 0 ? ID.lossKv : 1 - Math.exp(-ID.lossPerMonth * 0.5 * duur * PER_MONTH)))
        this.idValid = false;
      const u2 = rng.chance(ID.pSameRecording) ? u : rng.uniform();
      const idOut = u2 < pOnbekend(uitstroom) ? 'onbekend' : this.idValid ? 'geldig' : 'ongeldig';

      this.instroom(instroom, duur, uitstroom);
      if (uitstroom > w.horizon) break; // still detained at the peildatum: no completed record
      const did = pseudoId('D', this.key * 64 + this.nDet, w.keys.detentie);
      this.nDet++;
      this.rows.detenties.push(
        `${did},${this.pid},${isoFromDay(instroom)},${isoFromDay(uitstroom)},${idIn},${idOut}`,
      );
      if (diedInside) break;
      if (uitstroom >= w.releasesFrom) this.written = true;

      // The situation at 1m_na, then the recidive hazard on it.
      this.release(uitstroom, duur);
      const m1 = addMonths(uitstroom, 1);
      const m6 = addMonths(uitstroom, 6);
      const eta = this.linearPredictor(uitstroom, m1, duur, idOut, eerdere);
      const cap = RECIDIVE.A * Math.exp(eta.eta);
      const e = rng.exp1();
      const g6 = baselineG(m6 - uitstroom);
      let firstCase = Infinity;
      let capAfter = cap;
      if (e < cap * g6) {
        firstCase = uitstroom + Math.max(1, Math.ceil(baselineGInverse(e / cap)));
      } else {
        // Beyond 6m_na the hazard also depends on keeping the same job and address.
        this.advance(m6, false);
        const zelfdeBaan = this.jobs.some((j) => eta.jobsAtM1.includes(j.id));
        const stabiel = eta.adresAtM1 !== null && this.house !== null && this.house.cat <= 3 && this.house.adres === eta.adresAtM1;
        const m = Math.exp((zelfdeBaan ? RECIDIVE.zelfdeBaan : 0) + (stabiel ? RECIDIVE.stabielWonen : 0));
        capAfter = cap * m;
        const total = cap * (g6 + m * (1 - g6));
        if (e < total) {
          const g = g6 + (e / cap - g6) / m;
          firstCase = uitstroom + Math.max(1, Math.ceil(baselineGInverse(g)));
        }
      }
      this.searchUntil = Math.min(this.searchUntil, firstCase);
      const next = this.casesFrom(firstCase, capAfter);
      this.protectUntil = m1;
      this.advance(next);
      instroom = next;
    }
    this.closeAll();
    if (this.written) {
      const overl = this.death <= w.horizon ? isoFromDay(this.death) : '';
      const emi = this.emig <= w.horizon ? isoFromDay(this.emig) : '';
      this.rows.personen.push(
        `${this.pid},${this.female ? 'v' : 'm'},${isoFromDay(this.birth)},${this.opl},${overl},${emi}`,
      );
    }
    return this.written;
  }

  private updateStop(): void {
    this.stop = Math.min(this.death + 1, this.emig, this.w.horizon + 1);
  }

  /** Days from a case to the instroom it leads to: same day, within days, or months later. */
  private drawLag(): number {
    const kind = this.rng.pick(CAREER.lagWeights);
    return kind === 0 ? 0 : kind === 1 ? this.rng.int(1, 5) : Math.round(20 * Math.pow(20, this.rng.uniform()));
  }

  private drawDuration(): number {
    const rng = this.rng;
    if (rng.chance(CAREER.pKv)) return 1 + Math.min(12, Math.floor(rng.exp1() * 3.5));
    switch (rng.pick(CAREER.rikDuration)) {
      case 0:
        return rng.int(14, 30);
      case 1:
        return rng.int(31, 90);
      case 2:
        return Math.round(91 * Math.pow(365 / 91, rng.uniform()));
      default:
        return Math.round(366 * Math.pow(1800 / 366, rng.uniform()));
    }
  }

  // ---- cases ----------------------------------------------------------------------------

  private addCase(day: number, qualifying: boolean): void {
    if (this.nCase >= MAX_CASES || day > this.w.horizon) return;
    const rng = this.rng;
    const afdoening = qualifying
      ? AFDOENING_QUAL[rng.pick(AFDOENING_QUAL_W)]!
      : AFDOENING_NONQUAL[rng.pick(AFDOENING_NONQUAL_W)]!;
    const zid = pseudoId('Z', this.key * 1024 + this.nCase, this.w.keys.zaak);
    this.nCase++;
    if (qualifying) this.nQual++;
    this.rows.justitie.push(`${zid},${this.pid},${isoFromDay(day)},${afdoening}`);
  }

  /**
   * Cases from the first qualifying case after release on: a burst of cases, each of which may
   * lead to a detention; a burst without one is followed by another after a time from the same
   * hazard, or by nothing. Returns the next instroom (Infinity for none).
   */
  private casesFrom(first: number, cap: number): number {
    const rng = this.rng;
    let day = first;
    for (;;) {
      if (day >= this.stop || this.nCase >= MAX_CASES) return Infinity;
      this.addCase(day, true);
      if (rng.chance(CAREER.pCompanion)) this.addCase(day, false);
      const pDet = Math.min(CAREER.pDetentionMax, CAREER.pDetentionBase + CAREER.pDetentionSlope * this.nQual);
      if (rng.chance(pDet)) {
        const lag = this.drawLag();
        this.triggerSameDay = lag === 0;
        return day + lag;
      }
      if (rng.chance(CAREER.pBurstContinues)) {
        day += 1 + Math.floor(rng.exp1() * CAREER.burstGapDays);
        continue;
      }
      const e = rng.exp1();
      if (e >= cap) return Infinity;
      day += Math.max(1, Math.ceil(baselineGInverse(e / cap)));
    }
  }

  // ---- the recidive model ---------------------------------------------------------------

  private linearPredictor(
    uitstroom: number,
    m1: number,
    duur: number,
    idOut: string,
    eerdere: number,
  ): { eta: number; jobsAtM1: string[]; adresAtM1: string | null } {
    const R = RECIDIVE;
    const working = this.jobs.length > 0;
    const edu = this.edu >= 0 && this.edu <= m1;
    const benefit = this.ben !== null && this.ben.begin <= m1;
    const cat = this.house !== null && this.house.begin <= m1 ? this.house.cat : GEEN;
    const wanb = this.wanb >= 0 && this.wanb <= m1;
    const inkomen = working || (!edu && benefit);
    const veel = eerdere >= 6;
    let eta = 0;
    eta += idOut === 'ongeldig' ? R.id.ongeldig : idOut === 'onbekend' ? R.id.onbekend : 0;
    eta += working ? R.activiteit.werk : edu ? R.activiteit.opleiding : benefit ? R.activiteit.uitkering : 0;
    eta += R.huisvesting[cat]!;
    eta += wanb ? R.wanbetaler : 0;
    if (this.female) eta += R.vrouw + (cat >= BRIEF ? R.vrouwZonderAdres : 0);
    if (inkomen && wanb) eta += R.inkomenWanbetaler;
    if (inkomen && veel) eta += R.inkomenVeelEerdere;
    eta += R.leeftijd[ageClass(ageOn(this.birth, uitstroom))]!;
    eta += R.eerdere[eerdereClass(eerdere)]!;
    eta += R.duur[durationClass(duur)]!;
    const year = Math.min(2022, Math.max(2008, yearOf(uitstroom)));
    eta += R.cohortTrend * (year - 2013) + R.cohortTrendLate * yearsAfter2016(uitstroom);
    return {
      eta,
      jobsAtM1: this.jobs.map((j) => j.id),
      adresAtM1: this.house !== null && this.house.cat <= 3 && this.house.begin <= m1 ? this.house.adres : null,
    };
  }

  // ---- detention and release --------------------------------------------------------------

  private instroom(instroom: number, duur: number, uitstroom: number): void {
    const rng = this.rng;
    const cls = durationClass(duur);
    // Back inside within a month of the last release: the situation measured at that
    // release's 1m_na stays as it was, so the recidive model's covariates stay true.
    this.protectedDetention = instroom <= this.protectUntil;
    this.houseLost = false;
    this.preHouse = null;
    if (this.protectedDetention) return;
    // Spells ended by the detention end inside it, and never before they began.
    const clampEnd = Life.clampTo(uitstroom);

    for (const job of [...this.jobs]) {
      const keep = cls === 0 ? WORK.pKeep[0]! : Math.min(0.95, WORK.pKeep[cls]! * (1 + WORK.keepTrend * yearsAfter2016(uitstroom)));
      if (rng.chance(keep)) {
        if (duur > 45 && rng.chance(0.5)) {
          // Kept, but the polis shows a pause: a new spell of the same baan_id after release.
          this.closeJob(job, clampEnd(instroom + rng.int(0, 14), job.begin));
          this.paused.push(job);
        }
      } else {
        this.closeJob(job, clampEnd(instroom + rng.int(-7, 7), job.begin));
      }
    }
    if (this.ben !== null && rng.chance(BENEFIT.pStop[cls === 0 ? 0 : cls === 1 ? 1 : 2]!)) {
      this.closeBen(clampEnd(instroom + rng.int(0, 28), this.ben.begin));
    }
    const h = this.house;
    if (h === null) {
      this.houseLost = true;
    } else if (!rng.chance(HOUSING.pKeep[cls]! * (h.cat <= 3 ? 1 : 0.8))) {
      this.houseLost = true;
      this.preHouse = h;
      this.closeHouse(clampEnd(instroom + rng.int(0, duur - 1), h.begin));
    }
    if (this.edu >= 0 && rng.chance(cls === 0 ? EDUCATION.pStopKv : 0.8)) this.closeEdu(clampEnd(instroom + rng.int(0, 14), this.edu));
    if (this.ggz >= 0 && cls >= 1 && rng.chance(CARE.pStopInDetention))
      this.closeCare('ggz', clampEnd(instroom + rng.int(0, 30), this.ggz));
    if (this.vz >= 0 && cls >= 1 && rng.chance(CARE.pStopInDetention))
      this.closeCare('verslavingszorg', clampEnd(instroom + rng.int(0, 30), this.vz));
  }

  /** Set the situation at 1m_na: spells that start within the first month after release. */
  private release(uitstroom: number, duur: number): void {
    const rng = this.rng;
    const m1 = addMonths(uitstroom, 1);
    const span = m1 - uitstroom;
    const soon = this.soonAfter(uitstroom, span);
    const age = (uitstroom - this.birth) / 365.25;
    const young = age < 25;
    this.searchUntil = uitstroom + WORK.afterReleaseDays;
    this.searchFrom = m1;
    if (this.protectedDetention) {
      this.t = Math.max(this.t, m1);
      return;
    }
    const cls = durationClass(duur);

    // Housing first: it shapes the chance of a job.
    if (this.houseLost) {
      const pre = this.preHouse;
      const preCat = pre === null ? GEEN : pre.cat;
      if (pre !== null && pre.cat <= 3 && rng.chance(HOUSING.pReturn)) {
        this.openHouse(pre.cat, pre.adres, soon());
      } else if (preCat > 3 && rng.chance(cls === 0 ? HOUSING.pStayUnstableKv : HOUSING.pStayUnstable)) {
        if (preCat !== GEEN) this.openHouse(preCat, this.adresFor(preCat), soon());
      } else {
        const cat = rng.pick(young ? HOUSING.afterReleaseYoung : HOUSING.afterRelease);
        if (cat !== GEEN) this.openHouse(cat, this.adresFor(cat), soon());
      }
    }
    const cat = this.house === null ? GEEN : this.house.cat;

    for (const job of this.paused) this.openJob(soon(), job.id, job.soort);
    this.paused = [];
    if (this.jobs.length === 0 && age < 67) {
      const search = 1 + WORK.afterReleaseTrend * yearsAfter2016(m1);
      const p = WORK.pNewAtRelease * this.workFactor(cat, uitstroom) * (cls === 0 ? WORK.newAtReleaseKv : search);
      if (rng.chance(p)) this.openJob(soon());
    }
    const pEdu = (young ? EDUCATION.pAtReleaseYoung : EDUCATION.pAtRelease) * (cls === 0 ? EDUCATION.atReleaseKv : 1);
    if (this.edu < 0 && rng.chance(pEdu)) this.openEdu(soon());
    if (this.ben === null && age >= 18 && m1 < this.day65) {
      const base = cls === 0 ? BENEFIT.pAtReleaseKv : BENEFIT.pAtRelease * (1 + BENEFIT.atReleaseTrend * yearsAfter2016(uitstroom));
      const p = this.jobs.length > 0 ? BENEFIT.pAtReleaseWorking : Math.min(0.97, base * this.benProp * (age >= 45 ? 1.15 : 1));
      if (rng.chance(p)) this.openBen(this.drawBenSoort(age), soon());
    }
    const debtTrend = Math.max(0, 1 + DEBT.yearTrend * yearsAfter2016(uitstroom));
    if (this.wanb < 0 && rng.chance((this.debtProne ? DEBT.pAtReleaseProne : 0.012) * debtTrend)) this.wanb = soon();
    if (this.ggz < 0 && this.ggzProne && rng.chance(CARE.pAtReleaseProne)) this.ggz = soon();
    if (this.vz < 0 && this.vzProne && rng.chance(CARE.pAtReleaseProne)) this.vz = soon();
    this.t = m1;
  }

  private static clampTo(uitstroom: number): (d: number, begin: number) => number {
    return (d, begin) => Math.max(begin, Math.min(uitstroom, d));
  }

  /** A draw of a day in the first month after release (so the spell covers 1m_na). */
  private soonAfter(uitstroom: number, span: number): () => number {
    return () => uitstroom + this.rng.int(1, span);
  }

  /** Multiplier of the chance of finding a job: person, ID, housing, age, labour market. */
  private workFactor(cat: number, day: number): number {
    const age = (day - this.birth) / 365.25;
    const year = Math.min(WORK.yearTrendUntil, Math.max(2010, yearOf(day)));
    return (
      this.emp *
      (this.idValid ? 1 : WORK.idInvalid) *
      WORK.huisvesting[cat]! *
      (this.kwalNee ? WORK.noStartkwalificatie : 1) *
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
  private searchAfterRelease(day: number): number {
    const t = yearsAfter2016(day);
    if (day >= this.searchFrom && day <= this.searchUntil) return 1 + WORK.afterReleaseTrend * t;
    return 1 + WORK.yearTrendLate * t;
  }

  private drawBenSoort(age: number): string {
    const w: number[] = [...BENEFIT.soortWeights];
    if (age >= 45) w[2] = w[2]! * 2.5;
    return BEN_SOORT[this.rng.pick(w)]!;
  }

  // ---- the situation between detentions (CTMC) ------------------------------------------------

  private initialSituation(start: number): void {
    const rng = this.rng;
    const age = (start - this.birth) / 365.25;
    const young = age < 25;
    const after = (years: number, from: number): number => Math.max(addYears(this.birth, years), from);
    const cat = rng.pick(young ? HOUSING.initialYoung : HOUSING.initial);
    if (cat !== GEEN) this.openHouse(cat, this.adresFor(cat), after(0, start - rng.int(0, 2000)));
    if (age >= 16 && rng.chance(WORK.pInitial * this.workFactor(cat, start) * 0.8)) {
      this.openJob(after(16, start - rng.int(0, 720)));
    }
    if (age >= 18 && this.jobs.length === 0 && start < this.day65 && rng.chance(BENEFIT.pInitial * this.benProp)) {
      this.openBen(this.drawBenSoort(age), after(18, start - rng.int(0, 720)));
    }
    if (age >= 18 && this.debtProne && rng.chance(DEBT.pInitialProne)) this.wanb = after(18, start - rng.int(0, 600));
    if (young && rng.chance(0.08)) this.edu = start - rng.int(0, 300);
    if (this.ggzProne && rng.chance(0.3)) this.ggz = after(12, start - rng.int(0, 400));
    if (this.vzProne && rng.chance(0.3)) this.vz = after(14, start - rng.int(0, 400));
    this.idValid = !rng.chance(ID.pInvalidStart * (cat >= INST ? 1.5 : 1));
  }

  /** Run the chain from this.t up to (not including) `to`, or until the life stops. */
  private advance(to: number, instroom = true): void {
    this.nextInstroom = instroom ? to : Infinity;
    const end = Math.min(to, this.stop);
    if (this.t >= end) return;
    if (this.t < this.day65 && this.day65 < end) {
      this.chain(this.day65);
      if (this.ben !== null) this.closeBen(this.day65 - 1);
    }
    this.chain(end);
  }

  private chain(end: number): void {
    const rng = this.rng;
    const r = this.rates;
    let t = this.t;
    for (;;) {
      const total = this.computeRates(Math.floor(t), r);
      t += rng.exp1() / total;
      if (t >= end) break;
      let u = rng.uniform() * total;
      let e = 0;
      for (; e < N_EVENTS - 1; e++) {
        u -= r[e]!;
        if (u < 0) break;
      }
      this.t = t;
      this.apply(e, Math.floor(t));
    }
    this.t = end;
  }

  private computeRates(day: number, r: Float64Array): number {
    const age = (day - this.birth) / 365.25;
    const cat = this.house === null ? GEEN : this.house.cat;
    const unstable = cat >= INST;
    const nj = this.jobs.length;
    const income = nj > 0 || this.ben !== null || day >= this.day65;
    const before = this.nextInstroom - day < WORK.beforeDetentionDays ? WORK.beforeDetention : 1;
    const search = before < 1 ? 1 : this.searchAfterRelease(day);
    r[0] = nj === 0 && age >= 16 && age < 67 ? WORK.startPerMonth * before * search * this.workFactor(cat, day) * PER_MONTH : 0;
    r[1] = nj === 1 && this.nJob < MAX_JOBS ? WORK.secondJobPerMonth * PER_MONTH : 0;
    const endBefore = before < 1 ? WORK.endBeforeDetention : 1;
    r[2] = nj >= 1 ? WORK.endPerMonth * endBefore * (unstable ? WORK.unstableEnd : 1) * (this.emp > 2 ? 0.7 : 1) * PER_MONTH : 0;
    r[3] = nj >= 2 ? WORK.secondJobEndPerMonth * PER_MONTH : 0;
    r[4] =
      this.ben === null && age >= 18 && day < this.day65
        ? BENEFIT.startPerMonth * this.benProp * (nj > 0 ? BENEFIT.startWorking : 1) * PER_MONTH
        : 0;
    const benEndBefore = before < 1 ? BENEFIT.endBeforeDetention : 1;
    r[5] = this.ben !== null ? BENEFIT.endPerMonth * (nj > 0 ? 4 : 1) * benEndBefore * PER_MONTH : 0;
    if (cat <= 3) {
      r[6] = HOUSING.movePerMonth * PER_MONTH;
      r[7] = age >= 18 ? HOUSING.householdPerMonth * PER_MONTH : 0;
      r[8] = HOUSING.woonToGeen * PER_MONTH;
      r[9] = HOUSING.woonToBrief * PER_MONTH;
      r[10] = HOUSING.woonToInst * PER_MONTH;
      r[11] = 0;
    } else {
      const from = cat === INST ? HOUSING.fromInst : cat === BRIEF ? HOUSING.fromBrief : HOUSING.fromGeen;
      r[6] = 0;
      r[7] = 0;
      r[11] = from[0]! * (before < 1 ? HOUSING.settleBeforeDetention : 1) * PER_MONTH;
      r[9] = from[1]! * PER_MONTH;
      r[10] = from[2]! * PER_MONTH;
      r[8] = from[3]! * PER_MONTH;
    }
    r[12] =
      this.wanb < 0 && age >= 18
        ? (this.debtProne ? DEBT.startProne : DEBT.startOther) *
          (income ? 1 : DEBT.noIncome) *
          Math.max(0, 1 + DEBT.yearTrend * yearsAfter2016(day)) *
          PER_MONTH
        : 0;
    r[13] = this.wanb >= 0 ? DEBT.endPerMonth * (1 + DEBT.endYearTrend * yearsAfter2016(day)) * PER_MONTH : 0;
    r[14] =
      this.edu < 0
        ? (age < 23 ? EDUCATION.startYoung : age < 30 ? EDUCATION.startMid : EDUCATION.startOld) *
          (before < 1 ? EDUCATION.startBeforeDetention : 1) *
          PER_MONTH
        : 0;
    r[15] = this.edu >= 0 ? EDUCATION.endPerMonth * PER_MONTH : 0;
    r[16] = this.ggz < 0 ? (this.ggzProne ? CARE.startProne : CARE.startOther) * PER_MONTH : 0;
    r[17] = this.ggz >= 0 ? CARE.endPerMonth * PER_MONTH : 0;
    r[18] = this.vz < 0 ? (this.vzProne ? CARE.startProne : CARE.startOther) * PER_MONTH : 0;
    r[19] = this.vz >= 0 ? CARE.endPerMonth * PER_MONTH : 0;
    r[20] = this.idValid ? 0 : ID.gainPerMonth * (unstable ? 0.5 : 1) * PER_MONTH;
    r[21] = this.idValid ? ID.lossPerMonth * (unstable ? 2 : 1) * PER_MONTH : 0;
    r[22] = age >= 12 ? CAREER.noiseCasesPerMonth * PER_MONTH : 0;
    let total = 0;
    for (let i = 0; i < N_EVENTS; i++) total += r[i]!;
    return total > 0 ? total : 1e-9;
  }

  private apply(e: number, d: number): void {
    const rng = this.rng;
    const h = this.house;
    // Address changes need a day after the current spell began (spells may not overlap).
    if (e >= 6 && e <= 11 && ((h !== null && d <= h.begin) || d < this.houseFreeFrom)) return;
    switch (e) {
      case 0: {
        this.openJob(d);
        if (this.ben !== null && rng.chance(BENEFIT.pEndAtJobStart)) this.closeBen(Math.max(this.ben.begin, d - 1));
        return;
      }
      case 1:
        this.openJob(d);
        return;
      case 2:
      case 3: {
        const job = this.jobs[e - 2]!;
        this.closeJob(job, d);
        if (this.jobs.length === 0 && this.ben === null && d + 1 < this.day65 && rng.chance(BENEFIT.pWwAfterJob)) {
          this.openBen('werkloosheid', d + 1);
        }
        return;
      }
      case 4:
        this.openBen(this.drawBenSoort((d - this.birth) / 365.25), d);
        return;
      case 5:
        this.closeBen(d);
        return;
      case 6:
      case 11: {
        const young = (d - this.birth) / 365.25 < 25;
        const cat = rng.pick(young ? HOUSING.householdYoung : HOUSING.household);
        if (h !== null) this.closeHouse(d - 1);
        this.openHouse(cat, this.adresFor(cat), d);
        return;
      }
      case 7: {
        if (h === null) return;
        const young = (d - this.birth) / 365.25 < 25;
        let cat = rng.pick(young ? HOUSING.householdYoung : HOUSING.household);
        if (cat === h.cat) cat = (cat + 1 + rng.int(0, 2)) % 4;
        this.closeHouse(d - 1);
        this.openHouse(cat, h.adres, d);
        return;
      }
      case 8:
        if (h !== null) this.closeHouse(d - 1);
        return;
      case 9:
      case 10: {
        const cat = e === 9 ? BRIEF : INST;
        if (h !== null) this.closeHouse(d - 1);
        this.openHouse(cat, this.adresFor(cat), d);
        return;
      }
      case 12:
        this.wanb = d;
        return;
      case 13:
        this.emit('wanbetalers', this.pid, this.wanb, d);
        this.wanb = -1;
        return;
      case 14:
        this.edu = d;
        return;
      case 15:
        this.closeEdu(d);
        return;
      case 16:
        this.ggz = d;
        return;
      case 17:
        this.closeCare('ggz', d);
        return;
      case 18:
        this.vz = d;
        return;
      case 19:
        this.closeCare('verslavingszorg', d);
        return;
      case 20:
        this.idValid = true;
        return;
      case 21:
        this.idValid = false;
        return;
      default:
        this.addCase(d, false);
    }
  }

  // ---- spells -----------------------------------------------------------------------------

  /** Write a spell row, cut at the peildatum; spells that never started are dropped. */
  private emit(extract: ExtractName, prefix: string, begin: number, end: number): void {
    if (begin > this.w.horizon || end < begin || end < this.w.spellsFrom) return;
    const einde = end > this.w.horizon ? '' : isoFromDay(end);
    this.rows[extract].push(`${prefix},${isoFromDay(begin)},${einde}`);
  }

  private openJob(begin: number, id?: string, soort?: string): void {
    if (this.nJob >= MAX_JOBS && id === undefined) return;
    const baanId = id ?? pseudoId('B', this.key * 256 + this.nJob++, this.w.keys.baan);
    const s = soort ?? (this.rng.chance(WORK.pZelfstandige) ? 'zelfstandige' : 'werknemer');
    this.jobs.push({ id: baanId, soort: s, begin });
  }

  private closeJob(job: Job, end: number): void {
    this.emit('banen', `${this.pid},${job.id},${job.soort}`, job.begin, end);
    this.jobs = this.jobs.filter((j) => j !== job);
  }

  private openBen(soort: string, begin: number): void {
    this.ben = { soort, begin };
  }

  private closeBen(end: number): void {
    if (this.ben === null) return;
    this.emit('uitkeringen', `${this.pid},${this.ben.soort}`, this.ben.begin, end);
    this.ben = null;
  }

  private adresFor(cat: number): string {
    if (cat === INST) return pseudoId('A', 2 ** 40 + this.rng.int(0, this.w.instellingPool - 1), this.w.keys.pool);
    if (cat === BRIEF) return pseudoId('A', 2 ** 41 + this.rng.int(0, this.w.briefPool - 1), this.w.keys.pool);
    const n = Math.min(this.nAdres++, MAX_ADDRESSES);
    return pseudoId('A', this.key * 256 + n, this.w.keys.adres);
  }

  private openHouse(cat: number, adres: string, begin: number): void {
    this.house = { cat, adres, begin };
  }

  private closeHouse(end: number): void {
    const h = this.house;
    if (h === null) return;
    const soort = h.cat <= 3 ? 'woonadres' : h.cat === INST ? 'instelling' : 'briefadres';
    const hh = h.cat <= 3 ? HUISHOUDEN[h.cat]! : '';
    this.emit('adressen', `${this.pid},${h.adres},${soort},${hh}`, h.begin, end);
    this.house = null;
    this.houseFreeFrom = Math.max(end, h.begin) + 1;
  }

  private openEdu(begin: number): void {
    this.edu = begin;
  }

  private closeEdu(end: number): void {
    this.emit('onderwijs', this.pid, this.edu, end);
    this.edu = -1;
  }

  private closeCare(soort: 'ggz' | 'verslavingszorg', end: number): void {
    const begin = soort === 'ggz' ? this.ggz : this.vz;
    this.emit('zorg', `${this.pid},${soort}`, begin, end);
    if (soort === 'ggz') this.ggz = -1;
    else this.vz = -1;
  }

  /** Close every open spell when the life stops: at death, the day before emigration, or open. */
  private closeAll(): void {
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

/** The uitkering soorten used, checked against the contract at load time. */
for (const s of [...BEN_SOORT, 'pensioen']) {
  if (!(UITKERING_SOORT as readonly string[]).includes(s)) throw new Error(`unknown uitkering soort ${s}`);
}
