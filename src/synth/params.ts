/**
 * The parameters of the synthetic population, in one place.
 *
 * Rates are per month unless the name says otherwise. The values were tuned by generating
 * extracts and computing the monitor from them: data/6e-meting/README.md and
 * data/7e-meting/README.md give the targets (published figures and assumed relations) and the
 * figures reached, and the comments say which of them each value mainly drives. Change one,
 * regenerate, and check the monitor again (tests/calibration).
 */

/**
 * The 7th meting's cohorts (2017-2019) continue the 6th's picture through trends that start in
 * 2017 and run, per calendar year, up to this year (yearsAfter2016 in life-state.ts). They are
 * assumptions (data/7e-meting/README.md), not published figures.
 */
export const TRENDS_UNTIL = 2021;

/** Log hazard ratios of the recidive model (a proportional-hazards model at 1m_na). */
export const RECIDIVE = {
  /** Cumulative baseline hazard A * G(t), G a Weibull distribution function: a PH model whose
   * hazard fades, so criminal careers end (exp(-A e^eta) never reoffend again). */
  A: 0.52,
  scaleDays: 420,
  shape: 0.85,
  id: { geldig: 0, ongeldig: Math.log(1.22), onbekend: Math.log(1.05) },
  // werk and uitkering are the 'inkomen' levels; their effect grows with debts and prior cases
  // through the interactions below, so their average hazard ratio ends near 0.78 and 0.9.
  activiteit: { geen: 0, werk: Math.log(1.08), opleiding: Math.log(0.82), uitkering: Math.log(1.1) },
  /** alleenstaand, met_partner, bij_ouders, met_anderen, instelling, briefadres, geen_inschrijving */
  huisvesting: [0, Math.log(0.78), Math.log(0.85), Math.log(0.95), Math.log(1.2), Math.log(1.32), Math.log(1.3)],
  /** No effect of its own on average: the main effect offsets the inkomen x wanbetaler term. */
  wanbetaler: Math.log(1.2),
  vrouw: Math.log(0.65),
  vrouwZonderAdres: Math.log(1.5),
  inkomenWanbetaler: Math.log(0.75),
  inkomenVeelEerdere: Math.log(0.75),
  /** 18-24, 25-34, 35-44, 45+ */
  leeftijd: [Math.log(1.3), 0, Math.log(0.8), Math.log(0.55)],
  /** 0, 1-2, 3-5, 6-10, 11+ */
  eerdere: [0, Math.log(1.5), Math.log(2.0), Math.log(2.6), Math.log(3.5)],
  /** kv (<14), 14-30, 31-90, 91-365, 366+ */
  duur: [Math.log(1.1), 0, 0, Math.log(0.95), Math.log(0.85)],
  /** per calendar year of release after 2013 (2016 cohort reoffends a little less) */
  cohortTrend: -0.02,
  /** from 2017 (7th meting): an extra change per year (recidive_2j falls a little faster) */
  cohortTrendLate: -0.03,
  /** After 6m_na: the same job and the same woonadres at 1m_na and 6m_na. */
  zelfdeBaan: Math.log(0.55),
  stabielWonen: Math.log(0.75),
};

export const CAREER = {
  /** First detentions per year at scale 1 (tuned to ~32,000 uitstroom records per year). */
  entriesPerYear: 18_500,
  /** relative change of that number per year after 2013 (keeps cohort sizes level) ... */
  entryTrend: 0.015,
  /** ... until this year; after it first detentions fall by this much per year (slowly falling
   * cohorts in the 7th meting) */
  entryTrendUntil: 2015,
  entryTrendLate: -0.05,
  entryStartYear: 1992,
  pFemale: 0.12,
  /** age bands at the first detention: [from, to) in years and weight */
  entryAge: [
    [16, 18, 0.035],
    [18, 21, 0.14],
    [21, 25, 0.18],
    [25, 30, 0.17],
    [30, 35, 0.13],
    [35, 40, 0.1],
    [40, 45, 0.09],
    [45, 50, 0.07],
    [50, 55, 0.045],
    [55, 60, 0.028],
    [60, 70, 0.015],
  ] as const,
  /** share of first detainees without an earlier qualifying case; the others have a Poisson
   * number of them (at most 200) with mean priorCasesBase + priorCasesPerYear per year of age
   * over 18, times a lognormal factor */
  pNoPriorCases: 0.4,
  priorCasesBase: 1.2,
  priorCasesPerYear: 0.3,
  /** probability that a qualifying case leads to a detention: base + slope * prior cases */
  pDetentionBase: 0.18,
  pDetentionSlope: 0.02,
  pDetentionMax: 0.6,
  /** after a case without detention, another one follows with this probability */
  pBurstContinues: 0.72,
  burstGapDays: 75,
  /** lag from the case to instroom: same day, within days, or months later */
  lagWeights: [0.4, 0.35, 0.25] as const,
  /** probability a detention is short (kv, < 14 days) */
  pKv: 0.4,
  /** rik duration classes 14-30, 31-90, 91-365, 366+ */
  rikDuration: [0.27, 0.3, 0.31, 0.12] as const,
  /** deaths and emigrations per year */
  deathPerYear: 0.006,
  deathPerYearOld: 0.02,
  pMobile: 0.12,
  emigrationPerYearMobile: 0.06,
  emigrationPerYear: 0.003,
  /** non-qualifying cases: companions of a qualifying case, and a background rate */
  pCompanion: 0.3,
  noiseCasesPerMonth: 0.012,
};

export const ID = {
  /** id_onbekend grows logistically: 25% in mid 2013, 50% in mid 2016 */
  onbekendMidden: 2016.5,
  onbekendHelling: 0.366,
  /** chance the recorded status at uitstroom is known/unknown like at instroom */
  pSameRecording: 0.85,
  pInvalidStart: 0.13,
  gainPerMonth: 0.05,
  lossPerMonth: 0.007,
  /** during detention: no time to get an ID in a short stay (kv), where one may be lost at the
   * arrest instead, so that id_geen_geldig of kv is no lower at uitstroom than at instroom */
  gainKv: 0,
  lossKv: 0.015,
  gainRikMax: 0.32,
};

export const WORK = {
  startPerMonth: 0.0165,
  /** job start multiplier in the months before a detention (things go wrong first) */
  beforeDetention: 0.1,
  /** job end multiplier in those months: werk falls from 6m_voor to 1m_voor, but not so far
   * that geen_inkomen at 1m_voor rises above 1m_na */
  endBeforeDetention: 3.0,
  beforeDetentionDays: 170,
  endPerMonth: 0.042,
  secondJobPerMonth: 0.004,
  secondJobEndPerMonth: 0.09,
  pZelfstandige: 0.06,
  /** employability classes: weight and multiplier of the job start rate */
  employability: [
    [0.5, 0.35],
    [0.33, 1.2],
    [0.17, 3.2],
  ] as const,
  idOngeldig: 0.45,
  /** job start multiplier by housing category */
  huisvesting: [1.0, 1.25, 1.1, 0.95, 0.5, 0.5, 0.4],
  unstableEnd: 1.6,
  geenStartkwalificatie: 0.8,
  vrouw: 0.85,
  /** 18-24, 25-34, 35-44, 45+ */
  leeftijd: [1.0, 1.05, 0.95, 0.7],
  /** slightly more work in later years, up to this year (werk before detention stays near 15%) */
  yearTrend: 0.05,
  yearTrendUntil: 2015,
  /** from 2017: relative rise per year of the job start rate after a release, until the first new
   * case and for at most this many days, from 1m_na on; and of the chance of a job at a rik release */
  afterReleaseTrend: 0.2,
  afterReleaseDays: 730,
  /** from 2017, outside that search: relative change per year of the job start rate */
  yearTrendLate: -0.15,
  /** from 2017: relative rise per year of keeping a job through a rik detention */
  keepTrend: 0.03,
  /** keeping the job through detention: kv, then rik by duration class */
  pKeep: [0.84, 0.9, 0.75, 0.5, 0.21],
  /** a new job started within a month of release */
  pNewAtRelease: 0.059,
  /** its multiplier after a short stay (kv): a detention of days does not help anyone find work,
   * so werk of kv at 1m_na stays under 1m_voor (kept jobs plus these do not make up for the lost) */
  newAtReleaseKv: 0.1,
  pInitial: 0.1,
};

export const BENEFIT = {
  startPerMonth: 0.06,
  endPerMonth: 0.02,
  /** benefit end multiplier in the months before a detention (WORK.beforeDetentionDays): benefits
   * lapse too when things go wrong, so uitkering and geen_inkomen at 1m_voor stay near 6m_voor */
  endBeforeDetention: 2.0,
  propensity: [
    [0.55, 1.45],
    [0.45, 0.45],
  ] as const,
  pWwAfterJob: 0.2,
  /** benefit start multiplier while working, and the chance a new job ends a benefit: together
   * they keep work and a benefit from overlapping before detention, so that with more work
   * before than after, geen_inkomen is still a little lower before (data/6e-meting/README.md) */
  startWorking: 0.01,
  pEndAtJobStart: 1,
  /** after release: chance of a benefit covering 1m_na for someone without a job */
  pAtRelease: 0.525,
  /** the same after a kv detention: most benefits simply continue, and a short stay is no
   * occasion to start one (geen_inkomen of kv at 1m_na no lower than at 1m_voor) */
  pAtReleaseKv: 0.03,
  /** the same for someone with a job at 1m_na: a supplementary benefit next to a small job after
   * release, the overlap that keeps geen_inkomen at 1m_na about a point above 1m_voor while
   * uitkering at 1m_na stays under 51% */
  pAtReleaseWorking: 0.1,
  /** from 2017: relative rise per year of pAtRelease (benefits arranged before release more
   * often; geen_inkomen falls over the 7th meting's cohorts) */
  atReleaseTrend: 0.05,
  /** during detention a benefit stops: kv (suspended and not yet resumed at 1m_na), then rik by
   * duration class 14-30, 31+ */
  pStop: [0.02, 0.5, 0.92],
  /** bijstand, werkloosheid, arbeidsongeschiktheid, overig (pensioen is separate) */
  soortWeights: [0.78, 0.03, 0.12, 0.07] as const,
  /** share of those without a job who have a benefit where a history starts (18 months before the
   * first detention): near the level the chain settles at, so that uitkering of first detainees
   * does not still climb between 6m_voor and 1m_voor */
  pInitial: 0.72,
  pensionAge: 65,
};

export const HOUSING = {
  /** initial category weights for adults and under 25s */
  initial: [0.32, 0.2, 0.2, 0.09, 0.04, 0.06, 0.09],
  initialYoung: [0.18, 0.07, 0.48, 0.11, 0.04, 0.05, 0.07],
  /** woonadres: moving (new address), change of household, losing the registration */
  movePerMonth: 0.022,
  householdPerMonth: 0.008,
  woonadresNaarGeen: 0.007,
  woonadresNaarBrief: 0.004,
  woonadresNaarInstelling: 0.003,
  /** leaving instelling, briefadres, geen_inschrijving: to woonadres, brief, inst, geen */
  vanInstelling: [0.07, 0.01, 0, 0.02],
  vanBriefadres: [0.055, 0, 0.005, 0.015],
  vanGeenInschrijving: [0.065, 0.03, 0.01, 0],
  /** household of a new woonadres: adult and under 25 */
  household: [0.45, 0.22, 0.18, 0.15],
  householdYoung: [0.2, 0.1, 0.55, 0.15],
  /** keeping the address through detention: kv, then rik by duration class */
  pKeep: [0.9, 0.85, 0.7, 0.5, 0.28],
  /** category at 1m_na when the address was not kept (niet_ingeschreven 22%) */
  afterRelease: [0.29, 0.06, 0.14, 0.09, 0.13, 0.13, 0.16],
  afterReleaseYoung: [0.12, 0.03, 0.27, 0.1, 0.12, 0.15, 0.22],
  /** without a woonadres before detention: the same category after release */
  pStayUnstable: 0.5,
  /** the same after a short stay (kv): days inside do not get anyone registered at an address, so
   * niet_ingeschreven of kv at 1m_na stays at least at 1m_voor */
  pStayUnstableKv: 0.97,
  /** multiplier of the rate of leaving instelling, briefadres or geen_inschrijving for a woonadres
   * in the months before a detention (WORK.beforeDetentionDays): things go wrong first, so
   * niet_ingeschreven does not fall from 6m_voor to 1m_voor */
  settleBeforeDetention: 0.25,
  pReturn: 0.25,
  instellingenPerSchaal: 400,
  briefadressenPerSchaal: 150,
};

export const DEBT = {
  pProne: 0.335,
  startProne: 0.022,
  startOther: 0.0015,
  noIncome: 1.4,
  endPerMonth: 0.024,
  pInitialProne: 0.4,
  pAtReleaseProne: 0.1,
  /** from 2017: relative change per year of the chance of becoming a defaulter (wanbetaler_jaar_na
   * falls over the 7th meting's cohorts) */
  yearTrend: -0.2,
  /** from 2017: relative rise per year of the rate of leaving the register */
  endYearTrend: 0.5,
};

export const EDUCATION = {
  /** hoogste_opleiding: basis, vmbo, mbo1, mbo2_4, havo_vwo, hbo_wo, onbekend (78% of the known
   * below mbo2 for those born up to lowShiftFrom; two thirds in the 6th meting's cohorts) */
  hoogsteOpleiding: [0.197, 0.291, 0.14, 0.102, 0.05, 0.025, 0.195],
  /** for each birth year after lowShiftFrom this share of basis, vmbo and mbo1 moves to mbo2_4
   * (geen_startkwalificatie about 60% in the 7th meting) */
  lowShiftFrom: 1984,
  lowShiftPerBirthYear: 0.05,
  lowShiftMax: 0.6,
  startYoung: 0.008,
  startMid: 0.0025,
  startOld: 0.0006,
  endPerMonth: 0.07,
  pAtReleaseYoung: 0.04,
  pAtRelease: 0.01,
  /** multiplier of those after a short stay (kv) */
  atReleaseKv: 0.25,
  /** enrolment ended by a short stay (kv; a rik detention ends 80%) */
  pStopKv: 0.15,
  /** multiplier of the start rates in the months before a detention (WORK.beforeDetentionDays) */
  startBeforeDetention: 0.3,
};

export const CARE = {
  pGgzProne: 0.25,
  pVzProne: 0.2,
  startProne: 0.025,
  startOther: 0.0008,
  endPerMonth: 0.05,
  pStopInDetention: 0.5,
  pAtReleaseProne: 0.25,
};

/** Persons are written when they have a release on or after this day; older spells are cut. */
export const WINDOW = {
  releasesFrom: '2008-01-01',
  spellsFrom: '2006-01-01',
};
