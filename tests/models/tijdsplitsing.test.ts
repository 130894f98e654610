/**
 * The time-split fit: episode splitting at day 182 and the counting-process Cox fit, against
 * R's survSplit + coxph(Surv(tstart, tijd, gebeurtenis) ~ ..., ties = "efron") (reference.json).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { buildDesign, designFromColumns, fitCox, type CoxDesign } from '../../src/models/index.ts';
import { phGroepen } from '../../src/models/zph.ts';
import { coxData } from '../../src/models/cox.ts';
import { splitDesign, SPLITS_DAG, tijdsplitsing } from '../../src/models/tijdsplitsing.ts';
import { assertClose, MONITOR_COVARIATES, MONITOR_INDICATORS, MONITOR_INTERACTIONS, monitorFrame, reference as R } from './reference.ts';

const REL = 1e-7;

function monitorDesign(): CoxDesign {
  return buildDesign(
    monitorFrame(),
    { model: 'cox_interactie', kind: 'cox', covariates: MONITOR_COVARIATES, indicators: MONITOR_INDICATORS, interactions: MONITOR_INTERACTIONS },
    10,
  );
}

describe('the time-split fit', () => {
  it('splits at day 182 as survSplit does and agrees with R coxph on (start, stop] rows', () => {
    assert.equal(SPLITS_DAG, R.monitor_split.cut);
    const design = monitorDesign();
    const activiteit = phGroepen(design.terms).find((g) => g.term === 'activiteit')!;
    const split = splitDesign(design, activiteit);
    assert.equal(split.n, R.monitor_split.rows);
    const fit = fitCox(split);
    assert.deepEqual(fit.terms, R.monitor_split.terms);
    assertClose(fit.coef, R.monitor_split.coef, REL, 'coef');
    assertClose(fit.se, R.monitor_split.se, REL, 'se');
    assertClose([fit.loglik.initial, fit.loglik.final], R.monitor_split.loglik, REL, 'loglik');
    assert.equal(fit.events, R.monitor_split.events);
  });

  it('splits of one design share their episodes and time order, and fit exactly as a split with arrays of its own', () => {
    const design = monitorDesign();
    const [a, b] = phGroepen(design.terms).filter((g) => g.term === 'activiteit' || g.term === 'huisvesting');
    const splitA = splitDesign(design, a!);
    const splitB = splitDesign(design, b!);
    assert.notDeepEqual(splitA.terms, splitB.terms);
    assert.ok(splitA.tijd === splitB.tijd && splitA.entry === splitB.entry && splitA.gebeurtenis === splitB.gebeurtenis, 'one set of episodes');
    assert.equal(coxData(splitA).order, coxData(splitB).order, 'one time order');
    // The same design with copies of its time arrays is ordered afresh: the fits are equal to the bit.
    const eigen: CoxDesign = { ...splitB, tijd: splitB.tijd.slice(), entry: splitB.entry!.slice(), gebeurtenis: splitB.gebeurtenis.slice() };
    assert.notEqual(coxData(eigen).order, coxData(splitB).order);
    assert.deepEqual(fitCox(eigen), fitCox(splitB));
  });

  it('reports the two periods of every level of the covariate, with Wald limits', () => {
    const design = monitorDesign();
    const r = tijdsplitsing(design, phGroepen(design.terms).find((g) => g.term === 'activiteit')!, 10);
    assert.equal(r.status, 'geschat');
    if (r.status !== 'geschat') return;
    assert.deepEqual(
      r.termen.map((t) => `${t.basisterm}|${t.periode}`),
      ['activiteit:werk|0-6m', 'activiteit:werk|6-24m', 'activiteit:opleiding|0-6m', 'activiteit:opleiding|6-24m', 'activiteit:uitkering|0-6m', 'activiteit:uitkering|6-24m'],
    );
    const i = R.monitor_split.terms.indexOf('activiteit:werk@6-24m');
    assertClose([r.termen[1]!.ratio], [Math.exp(R.monitor_split.coef[i])], REL, 'ratio');
  });

  it('is not estimated when a period column has fewer than k events (disclosure), and says why', () => {
    // 40 records; x = 1 for 10 of them, all followed up to day 155 at most (none reaches the
    // second period); the others on days 10..445.
    const n = 40;
    const tijd = Array.from({ length: n }, (_, i) => (i < 10 ? 20 + 15 * i : 10 + 15 * (i - 10)));
    const gebeurtenis = Array.from({ length: n }, (_, i) => (i % 3 === 2 ? 0 : 1));
    const x = Array.from({ length: n }, (_, i) => (i < 10 ? 1 : 0));
    const z = Array.from({ length: n }, (_, i) => (i % 2));
    const design = designFromColumns({ model: 't', terms: ['x', 'z'], columns: [x, z], tijd, gebeurtenis }) as CoxDesign;
    const r = tijdsplitsing(design, { term: 'x', columns: [0] }, 3);
    assert.deepEqual(r, { covariaat: 'x', status: 'onderdrukt', reden: 'records' });
    const zr = tijdsplitsing(design, { term: 'z', columns: [1] }, 3);
    assert.equal(zr.status, 'geschat');
  });
});
