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
 * Between detentions the situation evolves as a continuous-time Markov chain (rates.ts,
 * events.ts; the rates in params.ts). A detention ends or keeps jobs, benefits and addresses;
 * the situation at `1m_na` is drawn at release (detention.ts). The time to the first qualifying
 * case after release comes from a proportional-hazards model on that situation (recidive.ts),
 * so the monitor's models find the relations that data/6e-meting/README.md describes. Every
 * random draw comes from the person's own stream, in a fixed order, so a life does not depend
 * on the peildatum except where it is cut off.
 */
import { OPLEIDING } from '../extracts/contract.ts';
import { addMonths, addYears, isoFromDay, yearOf } from './dates.ts';
import { bijInstroom, bijUitstroom } from './detention.ts';
import { advance } from './events.ts';
import { pseudoId } from './ids.ts';
import { aandeelOnbekend, durationClass, GEEN, INST, LifeState, MAX_CASES, PER_MONTH } from './life-state.ts';
import { BENEFIT, CARE, CAREER, DEBT, EDUCATION, HOUSING, ID, WORK } from './params.ts';
import { baselineGInverse, firstCaseAfter } from './recidive.ts';

const MAX_DETENTIONS = 63;

/**
 * Weights of hoogste_opleiding by birth year: later generations leave school with a
 * startkwalificatie more often, so part of the weight of basis, vmbo and mbo1 moves to mbo2_4.
 */
function opleidingGewichten(geboortejaar: number): number[] {
  const E = EDUCATION;
  const shift = Math.min(E.lowShiftMax, E.lowShiftPerBirthYear * Math.max(0, geboortejaar - E.lowShiftFrom));
  const w = [...E.hoogsteOpleiding];
  let moved = 0;
  for (const i of [0, 1, 2]) {
    moved += w[i]! * shift;
    w[i] = w[i]! * (1 - shift);
  }
  w[3] = w[3]! + moved;
  return w;
}

export class Life extends LifeState {
  /** Simulate the life starting with a first detention on `entry`; true when it is written. */
  run(entry: number): boolean {
    const entryAge = this.drawPerson(entry);
    this.drawHistory(entry, entryAge);

    // The situation a while before the first detention.
    const start = Math.max(addMonths(entry, -18), addYears(this.birth, 16));
    this.initialSituation(start);
    this.t = start;
    advance(this, entry);

    // Detentions, releases and what follows, until death, emigration or the peildatum.
    let instroom: number | undefined = entry;
    while (instroom !== undefined && instroom < this.stop && this.nDet < MAX_DETENTIONS) {
      instroom = this.detention(instroom);
    }
    this.closeAll();
    if (this.written) {
      const w = this.w;
      const overl = this.death <= w.horizon ? isoFromDay(this.death) : '';
      const emi = this.emig <= w.horizon ? isoFromDay(this.emig) : '';
      this.rows.personen.push(
        `${this.pid},${this.female ? 'v' : 'm'},${isoFromDay(this.birth)},${this.opl},${overl},${emi}`,
      );
    }
    return this.written;
  }

  /** The person: age at the first detention, sex, education, propensities, death or emigration. */
  private drawPerson(entry: number): number {
    const rng = this.rng;
    const band = CAREER.entryAge[rng.pick(CAREER.entryAge.map((b) => b[2]))]!;
    const entryAge = rng.between(band[0], band[1]);
    this.birth = entry - Math.floor(entryAge * 365.25);
    this.female = rng.chance(CAREER.pFemale);
    this.opl = OPLEIDING[rng.pick(opleidingGewichten(yearOf(this.birth)))]!;
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
    return entryAge;
  }

  /** Criminal history before the first detention, and the case that leads to it. */
  private drawHistory(entry: number, entryAge: number): void {
    const rng = this.rng;
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
  }

  /**
   * One detention from `instroom`, the release and what follows it up to the next instroom,
   * which is returned (Infinity for none); undefined when the life ends inside.
   */
  private detention(instroom: number): number | undefined {
    const w = this.w;
    const eerdere = this.nQual - (this.triggerSameDay ? 1 : 0);
    const d = this.drawDuration();
    let uitstroom = instroom + d - 1;
    let diedInside = false;
    if (this.death <= uitstroom) {
      uitstroom = this.death;
      diedInside = true;
    }
    if (this.emig <= uitstroom) {
      this.emig = uitstroom + 1 + this.rng.int(0, 90);
      this.updateStop();
    }
    const duur = uitstroom - instroom + 1;
    const { idIn, idOut } = this.idStatus(instroom, uitstroom, duur);

    bijInstroom(this, instroom, duur, uitstroom);
    if (uitstroom > w.horizon) return undefined; // still detained at the peildatum: no completed record
    const did = pseudoId('D', this.key * 64 + this.nDet, w.keys.detentie);
    this.nDet++;
    this.rows.detenties.push(`${did},${this.pid},${isoFromDay(instroom)},${isoFromDay(uitstroom)},${idIn},${idOut}`);
    if (diedInside) return undefined;
    if (uitstroom >= w.releasesFrom) this.written = true;

    // The situation at 1m_na, then the recidive hazard on it.
    bijUitstroom(this, uitstroom, duur);
    const { firstCase, cap } = firstCaseAfter(this, { uitstroom, duur, idOut, eerdere });
    this.searchUntil = Math.min(this.searchUntil, firstCase);
    const next = this.casesFrom(firstCase, cap);
    this.protectUntil = addMonths(uitstroom, 1);
    advance(this, next);
    return next;
  }

  /** The ID status recorded at instroom and at uitstroom: the latent status, or onbekend. */
  private idStatus(instroom: number, uitstroom: number, duur: number): { idIn: string; idOut: string } {
    const rng = this.rng;
    const u = rng.uniform();
    const idIn = u < aandeelOnbekend(instroom) ? 'onbekend' : this.idValid ? 'geldig' : 'ongeldig';
    const cls = durationClass(duur);
    // A short stay leaves no time to apply for an ID; an arrest may cost one (kortverblijf).
    if (!this.idValid && rng.chance(cls === 0 ? ID.gainKv : ID.gainRikMax * Math.min(1, duur / 180))) this.idValid = true;
    else if (this.idValid && rng.chance(cls === 0 ? ID.lossKv : 1 - Math.exp(-ID.lossPerMonth * 0.5 * duur * PER_MONTH)))
      this.idValid = false;
    const u2 = rng.chance(ID.pSameRecording) ? u : rng.uniform();
    const idOut = u2 < aandeelOnbekend(uitstroom) ? 'onbekend' : this.idValid ? 'geldig' : 'ongeldig';
    return { idIn, idOut };
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

  /** The situation where the history starts, a while before the first detention. */
  private initialSituation(start: number): void {
    const rng = this.rng;
    const age = (start - this.birth) / 365.25;
    const young = age < 25;
    const after = (years: number, from: number): number => Math.max(addYears(this.birth, years), from);
    const cat = rng.pick(young ? HOUSING.initialYoung : HOUSING.initial);
    if (cat !== GEEN) this.openHouse(cat, this.addressFor(cat), after(0, start - rng.int(0, 2000)));
    if (age >= 16 && rng.chance(WORK.pInitial * this.workFactor(cat, start) * 0.8)) {
      this.openJob(after(16, start - rng.int(0, 720)));
    }
    if (age >= 18 && this.jobs.length === 0 && start < this.day65 && rng.chance(BENEFIT.pInitial * this.benProp)) {
      this.openBen(this.uitkeringSoort(age), after(18, start - rng.int(0, 720)));
    }
    if (age >= 18 && this.debtProne && rng.chance(DEBT.pInitialProne)) this.wanb = after(18, start - rng.int(0, 600));
    if (young && rng.chance(0.08)) this.edu = start - rng.int(0, 300);
    if (this.ggzProne && rng.chance(0.3)) this.ggz = after(12, start - rng.int(0, 400));
    if (this.vzProne && rng.chance(0.3)) this.vz = after(14, start - rng.int(0, 400));
    this.idValid = !rng.chance(ID.pInvalidStart * (cat >= INST ? 1.5 : 1));
  }
}
