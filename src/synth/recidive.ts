/**
 * The recidive model: the time from a release to the first case that counts for recidive comes
 * from a proportional-hazards model on the situation at `1m_na` (and, after `6m_na`, on keeping
 * the same job and address), with the cumulative baseline hazard A * G(t) of params.ts, so the
 * monitor's models find the relations the data's READMEs describe.
 */
import { addMonths, ageOn, yearOf } from './dates.ts';
import { advance } from './events.ts';
import { RECIDIVE } from './params.ts';
import { ageClass, BRIEF, durationClass, GEEN, yearsAfter2016, type LifeState } from './life-state.ts';

/** G, the distribution function that shapes the cumulative baseline hazard A * G(t). */
function baselineG(t: number): number {
  return 1 - Math.exp(-Math.pow(t / RECIDIVE.scaleDays, RECIDIVE.shape));
}

export function baselineGInverse(g: number): number {
  return RECIDIVE.scaleDays * Math.pow(-Math.log(1 - g), 1 / RECIDIVE.shape);
}

/** The class of the number of eerdere cases: 0, 1-2, 3-5, 6-10, 11+. */
function eerdereKlasse(n: number): number {
  return n === 0 ? 0 : n <= 2 ? 1 : n <= 5 ? 2 : n <= 10 ? 3 : 4;
}

/** The covariates of the model at 1m_na. */
interface Covariates {
  working: boolean;
  edu: boolean;
  benefit: boolean;
  cat: number;
  wanb: boolean;
}

function covariatesAt(s: LifeState, m1: number): Covariates {
  return {
    working: s.jobs.length > 0,
    edu: s.edu >= 0 && s.edu <= m1,
    benefit: s.ben !== null && s.ben.begin <= m1,
    cat: s.house !== null && s.house.begin <= m1 ? s.house.cat : GEEN,
    wanb: s.wanb >= 0 && s.wanb <= m1,
  };
}

function idTerm(idOut: string): number {
  return idOut === 'ongeldig' ? RECIDIVE.id.ongeldig : idOut === 'onbekend' ? RECIDIVE.id.onbekend : 0;
}

function activiteitTerm(c: Covariates): number {
  const a = RECIDIVE.activiteit;
  return c.working ? a.werk : c.edu ? a.opleiding : c.benefit ? a.uitkering : 0;
}

/** The linear predictor of a release (the terms added in a fixed order). */
function linearPredictor(s: LifeState, release: Release, m1: number): number {
  const { uitstroom, duur, idOut, eerdere } = release;
  const R = RECIDIVE;
  const c = covariatesAt(s, m1);
  const inkomen = c.working || (!c.edu && c.benefit);
  const veel = eerdere >= 6;
  let eta = 0;
  eta += idTerm(idOut);
  eta += activiteitTerm(c);
  eta += R.huisvesting[c.cat]!;
  eta += c.wanb ? R.wanbetaler : 0;
  if (s.female) eta += R.vrouw + (c.cat >= BRIEF ? R.vrouwZonderAdres : 0);
  if (inkomen && c.wanb) eta += R.inkomenWanbetaler;
  if (inkomen && veel) eta += R.inkomenVeelEerdere;
  eta += R.leeftijd[ageClass(ageOn(s.birth, uitstroom))]!;
  eta += R.eerdere[eerdereKlasse(eerdere)]!;
  eta += R.duur[durationClass(duur)]!;
  const year = Math.min(2022, Math.max(2008, yearOf(uitstroom)));
  eta += R.cohortTrend * (year - 2013) + R.cohortTrendLate * yearsAfter2016(uitstroom);
  return eta;
}

/** The release a first case is drawn for. */
export interface Release {
  uitstroom: number;
  duur: number;
  /** the ID status recorded at uitstroom */
  idOut: string;
  /** the number of eerdere cases that count for recidive */
  eerdere: number;
}

/**
 * Draw the day of the first case after a release (Infinity for none), running the chain to
 * 6m_na when it falls after that. `cap` is the cumulative hazard of a life without end, for
 * the cases after the first (after 6m_na it includes the job and address factor).
 */
export function firstCaseAfter(s: LifeState, release: Release): { firstCase: number; cap: number } {
  const uitstroom = release.uitstroom;
  const m1 = addMonths(uitstroom, 1);
  const m6 = addMonths(uitstroom, 6);
  const jobsAtM1 = s.jobs.map((j) => j.id);
  const addressAtM1 = s.house !== null && s.house.cat <= 3 && s.house.begin <= m1 ? s.house.adres : null;
  const cap = RECIDIVE.A * Math.exp(linearPredictor(s, release, m1));
  const e = s.rng.exp1();
  const g6 = baselineG(m6 - uitstroom);
  if (e < cap * g6) return { firstCase: uitstroom + Math.max(1, Math.ceil(baselineGInverse(e / cap))), cap };
  // Beyond 6m_na the hazard also depends on keeping the same job and address.
  advance(s, m6, false);
  const zelfdeBaan = s.jobs.some((j) => jobsAtM1.includes(j.id));
  const stabiel = addressAtM1 !== null && s.house !== null && s.house.cat <= 3 && s.house.adres === addressAtM1;
  const m = Math.exp((zelfdeBaan ? RECIDIVE.zelfdeBaan : 0) + (stabiel ? RECIDIVE.stabielWonen : 0));
  const total = cap * (g6 + m * (1 - g6));
  if (e >= total) return { firstCase: Infinity, cap: cap * m };
  const g = g6 + (e / cap - g6) / m;
  return { firstCase: uitstroom + Math.max(1, Math.ceil(baselineGInverse(g))), cap: cap * m };
}
