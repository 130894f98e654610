/**
 * Wald summaries of fitted coefficients: ratio exp(coef) (hazard or odds ratio), 95% limits
 * exp(coef ± 1.959964 se) and the two-sided p of z = coef / se, as R's `summary.coxph` and
 * `summary.glm` print them.
 */
import type { ModelFit } from './fit.ts';
import { pnormUpper, Z_975 } from './normal.ts';

export interface WaldRow {
  readonly term: string;
  readonly coef: number;
  readonly se: number;
  readonly ratio: number;
  readonly ciLaag: number;
  readonly ciHoog: number;
  readonly z: number;
  /** Two-sided p, 2 P(Z > |z|), exact to full precision far into the tail (0 beyond |z| 37.5). */
  readonly p: number;
}

/** The Wald summary of one coefficient. */
export function wald(term: string, coef: number, se: number): WaldRow {
  const z = coef / se;
  return {
    term,
    coef,
    se,
    ratio: Math.exp(coef),
    ciLaag: Math.exp(coef - Z_975 * se),
    ciHoog: Math.exp(coef + Z_975 * se),
    z,
    p: 2 * pnormUpper(Math.abs(z)),
  };
}

/** The Wald summary of every coefficient of a fit, in term order. */
export function waldTable(fit: ModelFit): WaldRow[] {
  return fit.terms.map((t, j) => wald(t, fit.coef[j]!, fit.se[j]!));
}
