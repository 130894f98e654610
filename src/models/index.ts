/**
 * The statistical models of the monitor (models.md): design matrices with the disclosure
 * rule, Cox (Efron ties) and logistic fits, Kaplan–Meier curves and Wald summaries. Pure
 * computation on frames; building the frames from the extracts happens elsewhere.
 *
 *   frame --buildDesign(k)--> design --fitCox / fitLogit--> fit --waldTable--> rows
 *   tijd, gebeurtenis --kaplanMeier--> curve --cumulativeIncidenceByMonth--> months 1..24
 *   design, fit --coxZph--> test of proportional hazards --(p < PH_ALFA) tijdsplitsing--> ratios per period
 */
export { ModelError, type ModelFailure } from './errors.ts';
export {
  buildDesign,
  designFromColumns,
  termNames,
  type CoxDesign,
  type CovariateSpec,
  type Design,
  type DesignSpec,
  type DroppedTerm,
  type Frame,
  type IndicatorSpec,
  type LogitDesign,
  type MergedLevel,
  type ModelKind,
  type SmallCount,
  type TermInfo,
} from './design.ts';
export { fitCox, COX_EPS } from './cox.ts';
export { fitLogit, GLM_EPS, INTERCEPT } from './logit.ts';
export type { FitOptions, ModelFit } from './fit.ts';
export {
  kaplanMeier,
  kmAt,
  monthEndDay,
  cumulativeIncidenceByMonth,
  type KaplanMeier,
  type KmPoint,
  type MonthlyIncidence,
} from './km.ts';
export { wald, waldTable, type WaldRow } from './wald.ts';
export { pnorm, pnormUpper, pnormBoth, erfc, Z_975 } from './normal.ts';
export { coxZph, kmTransform, phGroepen, PH_ALFA, PH_GLOBAL, type PhGroep, type PhToets } from './zph.ts';
export { splitsDesign, tijdsplitsing, SPLITS_DAG, PERIODEN, type Periode, type PeriodeTerm, type Tijdsplitsing } from './tijdsplitsing.ts';
export { pchisqUpper, gammaQ, logGamma } from './chisq.ts';
