/**
 * The rates of the chain between detentions: for each of the N_EVENTS events (events.ts applies
 * them), its rate per day in the current situation. No random draws happen here.
 *
 *   0-3   job: start, second job, end, end of the second job
 *   4-5   benefit: start, end
 *   6-11  housing: move, change of household, to geen_inschrijving, briefadres, instelling;
 *         from those to a woonadres
 *   12-13 wanbetaler: registered, deregistered
 *   14-15 education: start, end
 *   16-19 ggz, verslavingszorg: start, end
 *   20-21 ID: becomes valid, becomes invalid
 *   22    a case that does not count for recidive
 */
import { BENEFIT, CARE, CAREER, DEBT, EDUCATION, HOUSING, ID, WORK } from './params.ts';
import { BRIEF, GEEN, INST, MAX_JOBS, PER_MONTH, yearsAfter2016, type LifeState } from './life-state.ts';

export const N_EVENTS = 23;

/** What several rates depend on, on one day. */
interface Context {
  day: number;
  age: number;
  cat: number;
  /** a multiplier below 1 in the months before the next instroom (things go wrong first) */
  before: number;
}

function workRates(s: LifeState, c: Context, r: Float64Array): void {
  const { day, age, cat, before } = c;
  const nj = s.jobs.length;
  const unstable = cat >= INST;
  const search = before < 1 ? 1 : s.searchAfterRelease(day);
  r[0] = nj === 0 && age >= 16 && age < 67 ? WORK.startPerMonth * before * search * s.workFactor(cat, day) * PER_MONTH : 0;
  r[1] = nj === 1 && s.nJob < MAX_JOBS ? WORK.secondJobPerMonth * PER_MONTH : 0;
  const endBefore = before < 1 ? WORK.endBeforeDetention : 1;
  r[2] = nj >= 1 ? WORK.endPerMonth * endBefore * (unstable ? WORK.unstableEnd : 1) * (s.emp > 2 ? 0.7 : 1) * PER_MONTH : 0;
  r[3] = nj >= 2 ? WORK.secondJobEndPerMonth * PER_MONTH : 0;
}

function benefitRates(s: LifeState, c: Context, r: Float64Array): void {
  const { day, age, before } = c;
  const nj = s.jobs.length;
  r[4] =
    s.ben === null && age >= 18 && day < s.day65
      ? BENEFIT.startPerMonth * s.benProp * (nj > 0 ? BENEFIT.startWorking : 1) * PER_MONTH
      : 0;
  const benEndBefore = before < 1 ? BENEFIT.endBeforeDetention : 1;
  r[5] = s.ben !== null ? BENEFIT.endPerMonth * (nj > 0 ? 4 : 1) * benEndBefore * PER_MONTH : 0;
}

function housingRates(c: Context, r: Float64Array): void {
  const { age, cat, before } = c;
  if (cat <= 3) {
    r[6] = HOUSING.movePerMonth * PER_MONTH;
    r[7] = age >= 18 ? HOUSING.householdPerMonth * PER_MONTH : 0;
    r[8] = HOUSING.woonadresNaarGeen * PER_MONTH;
    r[9] = HOUSING.woonadresNaarBrief * PER_MONTH;
    r[10] = HOUSING.woonadresNaarInstelling * PER_MONTH;
    r[11] = 0;
  } else {
    const from = cat === INST ? HOUSING.vanInstelling : cat === BRIEF ? HOUSING.vanBriefadres : HOUSING.vanGeenInschrijving;
    r[6] = 0;
    r[7] = 0;
    r[11] = from[0]! * (before < 1 ? HOUSING.settleBeforeDetention : 1) * PER_MONTH;
    r[9] = from[1]! * PER_MONTH;
    r[10] = from[2]! * PER_MONTH;
    r[8] = from[3]! * PER_MONTH;
  }
}

function debtRates(s: LifeState, c: Context, r: Float64Array): void {
  const { day, age } = c;
  const income = s.jobs.length > 0 || s.ben !== null || day >= s.day65;
  r[12] =
    s.wanb < 0 && age >= 18
      ? (s.debtProne ? DEBT.startProne : DEBT.startOther) *
        (income ? 1 : DEBT.noIncome) *
        Math.max(0, 1 + DEBT.yearTrend * yearsAfter2016(day)) *
        PER_MONTH
      : 0;
  r[13] = s.wanb >= 0 ? DEBT.endPerMonth * (1 + DEBT.endYearTrend * yearsAfter2016(day)) * PER_MONTH : 0;
}

function educationRates(s: LifeState, c: Context, r: Float64Array): void {
  const { age, before } = c;
  r[14] =
    s.edu < 0
      ? (age < 23 ? EDUCATION.startYoung : age < 30 ? EDUCATION.startMid : EDUCATION.startOld) *
        (before < 1 ? EDUCATION.startBeforeDetention : 1) *
        PER_MONTH
      : 0;
  r[15] = s.edu >= 0 ? EDUCATION.endPerMonth * PER_MONTH : 0;
}

function careIdAndCaseRates(s: LifeState, c: Context, r: Float64Array): void {
  const unstable = c.cat >= INST;
  r[16] = s.ggz < 0 ? (s.ggzProne ? CARE.startProne : CARE.startOther) * PER_MONTH : 0;
  r[17] = s.ggz >= 0 ? CARE.endPerMonth * PER_MONTH : 0;
  r[18] = s.vz < 0 ? (s.vzProne ? CARE.startProne : CARE.startOther) * PER_MONTH : 0;
  r[19] = s.vz >= 0 ? CARE.endPerMonth * PER_MONTH : 0;
  r[20] = s.idValid ? 0 : ID.gainPerMonth * (unstable ? 0.5 : 1) * PER_MONTH;
  r[21] = s.idValid ? ID.lossPerMonth * (unstable ? 2 : 1) * PER_MONTH : 0;
  r[22] = c.age >= 12 ? CAREER.noiseCasesPerMonth * PER_MONTH : 0;
}

/** Fill `r` with the rate of every event on `day`; returns their sum (never 0). */
export function computeRates(s: LifeState, day: number, r: Float64Array): number {
  const c: Context = {
    day,
    age: (day - s.birth) / 365.25,
    cat: s.house === null ? GEEN : s.house.cat,
    before: s.volgendeInstroom - day < WORK.beforeDetentionDays ? WORK.beforeDetention : 1,
  };
  workRates(s, c, r);
  benefitRates(s, c, r);
  housingRates(c, r);
  debtRates(s, c, r);
  educationRates(s, c, r);
  careIdAndCaseRates(s, c, r);
  let total = 0;
  for (let i = 0; i < N_EVENTS; i++) total += r[i]!;
  return total > 0 ? total : 1e-9;
}
