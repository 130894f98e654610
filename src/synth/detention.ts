/**
 * What a detention does to the situation: at instroom it ends or keeps jobs, benefits, the
 * address, education and care; at release the situation at `1m_na` is drawn (spells that start
 * within the first month after release). The draws happen in a fixed order.
 */
import { addMonths } from './dates.ts';
import { BENEFIT, CARE, DEBT, EDUCATION, HOUSING, WORK } from './params.ts';
import { durationClass, GEEN, yearsAfter2016, type LifeState } from './life-state.ts';

/** A day clamped to the detention (never after uitstroom) and to the spell (never before it began). */
function clampTo(uitstroom: number): (d: number, begin: number) => number {
  return (d, begin) => Math.max(begin, Math.min(uitstroom, d));
}

/** A draw of a day in the first month after release (so the spell covers 1m_na). */
function soonAfter(s: LifeState, uitstroom: number, span: number): () => number {
  return () => uitstroom + s.rng.int(1, span);
}

/** Jobs ended by a detention, or kept (some with a pause in the polis, resumed at release). */
function jobsInDetention(s: LifeState, instroom: number, duur: number, uitstroom: number): void {
  const rng = s.rng;
  const cls = durationClass(duur);
  const clampEnd = clampTo(uitstroom);
  for (const job of [...s.jobs]) {
    const keep = cls === 0 ? WORK.pKeep[0]! : Math.min(0.95, WORK.pKeep[cls]! * (1 + WORK.keepTrend * yearsAfter2016(uitstroom)));
    if (rng.chance(keep)) {
      if (duur > 45 && rng.chance(0.5)) {
        // Kept, but the polis shows a pause: a new spell of the same baan_id after release.
        s.closeJob(job, clampEnd(instroom + rng.int(0, 14), job.begin));
        s.paused.push(job);
      }
    } else {
      s.closeJob(job, clampEnd(instroom + rng.int(-7, 7), job.begin));
    }
  }
}

/** What a detention from `instroom` to `uitstroom` (`duur` days) ends. */
export function bijInstroom(s: LifeState, instroom: number, duur: number, uitstroom: number): void {
  const rng = s.rng;
  const cls = durationClass(duur);
  // Back inside within a month of the last release: the situation measured at that
  // release's 1m_na stays as it was, so the recidive model's covariates stay true.
  s.protectedDetention = instroom <= s.protectUntil;
  s.houseLost = false;
  s.preHouse = null;
  if (s.protectedDetention) return;
  // Spells ended by the detention end inside it, and never before they began.
  const clampEnd = clampTo(uitstroom);

  jobsInDetention(s, instroom, duur, uitstroom);
  if (s.ben !== null && rng.chance(BENEFIT.pStop[cls === 0 ? 0 : cls === 1 ? 1 : 2]!)) {
    s.closeBen(clampEnd(instroom + rng.int(0, 28), s.ben.begin));
  }
  const h = s.house;
  if (h === null) {
    s.houseLost = true;
  } else if (!rng.chance(HOUSING.pKeep[cls]! * (h.cat <= 3 ? 1 : 0.8))) {
    s.houseLost = true;
    s.preHouse = h;
    s.closeHouse(clampEnd(instroom + rng.int(0, duur - 1), h.begin));
  }
  if (s.edu >= 0 && rng.chance(cls === 0 ? EDUCATION.pStopKv : 0.8)) s.closeEdu(clampEnd(instroom + rng.int(0, 14), s.edu));
  if (s.ggz >= 0 && cls >= 1 && rng.chance(CARE.pStopInDetention)) s.closeCare('ggz', clampEnd(instroom + rng.int(0, 30), s.ggz));
  if (s.vz >= 0 && cls >= 1 && rng.chance(CARE.pStopInDetention))
    s.closeCare('verslavingszorg', clampEnd(instroom + rng.int(0, 30), s.vz));
}

/** What the release does to an address lost in detention: the old one back, the same kind, or a draw. */
function housingAtRelease(s: LifeState, cls: number, young: boolean, soon: () => number): void {
  const rng = s.rng;
  const pre = s.preHouse;
  const preCat = pre === null ? GEEN : pre.cat;
  if (pre !== null && pre.cat <= 3 && rng.chance(HOUSING.pReturn)) {
    s.openHouse(pre.cat, pre.adres, soon());
  } else if (preCat > 3 && rng.chance(cls === 0 ? HOUSING.pStayUnstableKv : HOUSING.pStayUnstable)) {
    if (preCat !== GEEN) s.openHouse(preCat, s.addressFor(preCat), soon());
  } else {
    const cat = rng.pick(young ? HOUSING.afterReleaseYoung : HOUSING.afterRelease);
    if (cat !== GEEN) s.openHouse(cat, s.addressFor(cat), soon());
  }
}

/** Paused jobs resume; a new job, perhaps, with a chance that depends on the housing at release. */
function jobsAtRelease(s: LifeState, uitstroom: number, cls: number, soon: () => number): void {
  const cat = s.house === null ? GEEN : s.house.cat;
  const m1 = addMonths(uitstroom, 1);
  const age = (uitstroom - s.birth) / 365.25;
  for (const job of s.paused) s.openJob(soon(), job.id, job.soort);
  s.paused = [];
  if (s.jobs.length === 0 && age < 67) {
    const search = 1 + WORK.afterReleaseTrend * yearsAfter2016(m1);
    const p = WORK.pNewAtRelease * s.workFactor(cat, uitstroom) * (cls === 0 ? WORK.newAtReleaseKv : search);
    if (s.rng.chance(p)) s.openJob(soon());
  }
}

/** A benefit starting at release, for someone without one. */
function benefitAtRelease(s: LifeState, uitstroom: number, cls: number, soon: () => number): void {
  const m1 = addMonths(uitstroom, 1);
  const age = (uitstroom - s.birth) / 365.25;
  if (s.ben === null && age >= 18 && m1 < s.day65) {
    const base = cls === 0 ? BENEFIT.pAtReleaseKv : BENEFIT.pAtRelease * (1 + BENEFIT.atReleaseTrend * yearsAfter2016(uitstroom));
    const p = s.jobs.length > 0 ? BENEFIT.pAtReleaseWorking : Math.min(0.97, base * s.benProp * (age >= 45 ? 1.15 : 1));
    if (s.rng.chance(p)) s.openBen(s.uitkeringSoort(age), soon());
  }
}

/** Education, a benefit, a registration as wanbetaler and care starting at release. */
function othersAtRelease(s: LifeState, uitstroom: number, cls: number, soon: () => number): void {
  const rng = s.rng;
  const young = (uitstroom - s.birth) / 365.25 < 25;
  const pEdu = (young ? EDUCATION.pAtReleaseYoung : EDUCATION.pAtRelease) * (cls === 0 ? EDUCATION.atReleaseKv : 1);
  if (s.edu < 0 && rng.chance(pEdu)) s.edu = soon();
  benefitAtRelease(s, uitstroom, cls, soon);
  const debtTrend = Math.max(0, 1 + DEBT.yearTrend * yearsAfter2016(uitstroom));
  if (s.wanb < 0 && rng.chance((s.debtProne ? DEBT.pAtReleaseProne : 0.012) * debtTrend)) s.wanb = soon();
  if (s.ggz < 0 && s.ggzProne && rng.chance(CARE.pAtReleaseProne)) s.ggz = soon();
  if (s.vz < 0 && s.vzProne && rng.chance(CARE.pAtReleaseProne)) s.vz = soon();
}

/** Set the situation at 1m_na: spells that start within the first month after release. */
export function bijUitstroom(s: LifeState, uitstroom: number, duur: number): void {
  const m1 = addMonths(uitstroom, 1);
  const soon = soonAfter(s, uitstroom, m1 - uitstroom);
  s.searchUntil = uitstroom + WORK.afterReleaseDays;
  s.searchFrom = m1;
  if (s.protectedDetention) {
    s.t = Math.max(s.t, m1);
    return;
  }
  const cls = durationClass(duur);

  // Housing first: it shapes the chance of a job.
  if (s.houseLost) housingAtRelease(s, cls, (uitstroom - s.birth) / 365.25 < 25, soon);
  jobsAtRelease(s, uitstroom, cls, soon);
  othersAtRelease(s, uitstroom, cls, soon);
  s.t = m1;
}
