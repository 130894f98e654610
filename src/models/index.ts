/**
 * The statistical models of the monitor (docs/models.md): design matrices with the disclosure
 * rule, Cox (Efron ties) and logistic fits, Kaplan–Meier curves and Wald summaries. Pure
 * computation on frames; building the frames from the extracts is frames.ts, and computing
 * the publication's models and curves is run.ts.
 *
 *   frame --buildDesign(k)--> design --fitCox / fitLogit--> fit --waldTable--> rows
 *   tijd, gebeurtenis --kaplanMeier--> curve --cumulativeIncidenceByMonth--> months 1..24
 *   design, fit --coxZph--> test of proportional hazards --(p < PH_ALFA) tijdsplitsing--> ratios per period
 */
export { ModelError } from './errors.ts';
export { buildDesign, designFromColumns, termNames, type CoxDesign, type DesignSpec, type Frame, type LogitDesign } from './design.ts';
export { fitCox } from './cox.ts';
export { fitLogit } from './logit.ts';
export { kaplanMeier, kmAt, monthEndDay, cumulativeIncidenceByMonth } from './km.ts';
export { wald, waldTable } from './wald.ts';
export { pnorm, pnormUpper, erfc } from './normal.ts';
