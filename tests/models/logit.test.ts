import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { buildDesign, designFromColumns, fitLogit, type LogitDesign } from '../../src/models/index.ts';
import {
  assertClose,
  dummy,
  MONITOR_COVARIATES,
  MONITOR_INDICATORS,
  MONITOR_INTERACTIONS,
  monitorFrame,
  modelError,
  numbers,
  readCsv,
  reference as R,
} from './reference.ts';

const REL = 1e-6;

function logitDesign(model: string, terms: string[], columns: number[][], uitkomst: number[]): LogitDesign {
  return designFromColumns({ model, terms, columns, uitkomst }) as LogitDesign;
}

function lungColumns(mergeEcog3: boolean): { terms: string[]; columns: number[][]; y: number[] } {
  const d = readCsv('lung.csv');
  const e = d.ph_ecog!;
  const base = [numbers(d.age!), dummy(d.sex!, 'v'), dummy(e, '1')];
  return mergeEcog3
    ? { terms: ['age', 'sex:v', 'ph_ecog:1', 'ph_ecog:2+'], columns: [...base, e.map((v) => (Number(v) >= 2 ? 1 : 0))], y: numbers(d.gebeurtenis!) }
    : { terms: ['age', 'sex:v', 'ph_ecog:1', 'ph_ecog:2', 'ph_ecog:3'], columns: [...base, dummy(e, '2'), dummy(e, '3')], y: numbers(d.gebeurtenis!) };
}

describe('fitLogit agrees with R glm(family = binomial)', () => {
  // R's glm reports standard errors from the weights of its penultimate IRLS iterate; the fit
  // reports them at the estimate. They agree with R's printed values to ~1e-4 relative (4
  // significant digits) and with glm refitted to full convergence (`se_exact`) to ~1e-8.
  it('on lung with a continuous covariate (the intercept is transformed back from centring)', () => {
    const { terms, columns, y } = lungColumns(true);
    const fit = fitLogit(logitDesign('lung', terms, columns, y));
    assert.deepEqual(fit.terms, R.lung_glm.terms);
    assertClose(fit.coef, R.lung_glm.coef, REL, 'coef');
    assertClose(fit.se, R.lung_glm.se, 1e-4, 'se');
    assertClose(fit.se, R.lung_glm.se_exact, 1e-6, 'se exact');
    assertClose([fit.deviance!, -2 * fit.loglik.initial, fit.loglik.final], [R.lung_glm.deviance, R.lung_glm.null_deviance, R.lung_glm.loglik], REL, 'deviance');
    assert.equal(fit.n, R.lung_glm.n);
    assert.equal(fit.events, R.lung_glm.events);
  });

  it('on a monitor-like frame, after the disclosure rule (which also counts uitkomst 0)', () => {
    const design = buildDesign(
      monitorFrame(),
      { model: 'logit_werk_6m', kind: 'logit', covariates: MONITOR_COVARIATES, indicators: MONITOR_INDICATORS, interactions: MONITOR_INTERACTIONS },
      10,
    );
    const fit = fitLogit(design);
    assert.deepEqual(fit.terms, R.monitor_glm.terms);
    assert.deepEqual(fit.samengevoegd, R.monitor_glm.merged);
    assert.deepEqual(fit.weggelaten, R.monitor_glm.dropped);
    assertClose(fit.coef, R.monitor_glm.coef, REL, 'coef');
    assertClose(fit.se, R.monitor_glm.se, 1e-4, 'se');
    assertClose(fit.se, R.monitor_glm.se_exact, 1e-8, 'se exact');
    assertClose([fit.deviance!], [R.monitor_glm.deviance], REL, 'deviance');
  });
});

describe('fitLogit refuses what cannot be estimated', () => {
  it('reports separation where R silently returns coefficient 13.5 (lung, the one ph.ecog = 3 record)', () => {
    assert.ok(R.lung_glm_separated.coef_ph_ecog_3 > 10);
    const { terms, columns, y } = lungColumns(false);
    const err = modelError(() => fitLogit(logitDesign('lung', terms, columns, y)));
    assert.equal(err.failure, 'separatie');
    assert.deepEqual(err.terms, ['ph_ecog:3']);
  });

  it('reports complete separation by a continuous covariate', () => {
    const x = Array.from({ length: 200 }, (_, i) => Math.sin(i * 1.7));
    const err = modelError(() => fitLogit(logitDesign('m', ['x'], [x], x.map((v) => (v > 0 ? 1 : 0)))));
    assert.equal(err.failure, 'separatie');
    assert.ok(err.terms.includes('x'));
  });

  it('reports collinear columns', () => {
    const a = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const y = Array.from({ length: 200 }, (_, i) => (i % 5 < 2 ? 1 : 0));
    const err = modelError(() => fitLogit(logitDesign('m', ['a', 'niet_a'], [a, a.map((v) => 1 - v)], y)));
    assert.equal(err.failure, 'singulier');
    assert.deepEqual(err.terms, ['niet_a']);
  });

  it('reports an outcome without variation', () => {
    const a = Array.from({ length: 50 }, (_, i) => i % 2);
    const err = modelError(() => fitLogit(logitDesign('m', ['a'], [a], new Array<number>(50).fill(1))));
    assert.equal(err.failure, 'geen_variatie');
    assert.match(err.message, /bij alle records 1/);
  });
});
