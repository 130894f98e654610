/**
 * The proportional hazards test against R's cox.zph(fit, transform = "km") of survival 3.x
 * (reference.json, written by make-reference.R), and the chi-squared tail against R's pchisq.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { buildDesign, designFromColumns, fitCox, type CoxDesign } from '../../src/models/index.ts';
import { coxZph, kmTransform, phGroepen, type PhToets } from '../../src/models/zph.ts';
import { pchisqUpper } from '../../src/models/chisq.ts';
import {
  assertClose,
  dummy,
  MONITOR_COVARIATES,
  MONITOR_INDICATORS,
  MONITOR_INTERACTIONS,
  monitorFrame,
  numbers,
  readCsv,
  reference as R,
} from './reference.ts';

// Asked for: 4 significant digits. The test agrees far better; 1e-6 leaves room for rounding
// only.
const REL = 1e-6;

function assertZph(rows: PhToets[], ref: { terms: string[]; chisq: number[]; df: number[]; p: number[] }, name: string): void {
  assert.deepEqual(
    rows.map((r) => r.term),
    ref.terms,
    `${name} terms`,
  );
  assert.deepEqual(
    rows.map((r) => r.df),
    ref.df,
    `${name} df`,
  );
  assertClose(
    rows.map((r) => r.chisq),
    ref.chisq,
    REL,
    `${name} chisq`,
  );
  assertClose(
    rows.map((r) => r.p),
    ref.p,
    REL,
    `${name} p`,
  );
}

function cox(model: string, terms: string[], columns: number[][], d: Record<string, string[]>): CoxDesign {
  return designFromColumns({ model, terms, columns, tijd: numbers(d.tijd!), gebeurtenis: numbers(d.gebeurtenis!) }) as CoxDesign;
}

describe('coxZph agrees with R cox.zph(fit, transform = "km")', () => {
  it('on lung: a continuous covariate, a 0/1 column and a factor of three columns (one of a single record)', () => {
    const d = readCsv('lung.csv');
    const e = d.ph_ecog!;
    const design = cox('lung', R.lung_cox.terms, [numbers(d.age!), dummy(d.sex!, 'v'), dummy(e, '1'), dummy(e, '2'), dummy(e, '3')], d);
    const groepen = [
      { term: 'age', columns: [0] },
      { term: 'sex', columns: [1] },
      { term: 'ph_ecog', columns: [2, 3, 4] },
    ];
    assertZph(coxZph(design, fitCox(design), groepen), R.lung_zph, 'lung');
  });

  it('on veteran: a four-level factor next to continuous karno', () => {
    const d = readCsv('veteran.csv');
    const c = d.celltype!;
    const design = cox(
      'veteran',
      R.veteran_cox.terms,
      [dummy(d.trt!, '2'), dummy(c, 'smallcell'), dummy(c, 'adeno'), dummy(c, 'large'), numbers(d.karno!), dummy(d.prior!, '10')],
      d,
    );
    const groepen = [
      { term: 'trt', columns: [0] },
      { term: 'celltype', columns: [1, 2, 3] },
      { term: 'karno', columns: [4] },
      { term: 'prior', columns: [5] },
    ];
    assertZph(coxZph(design, fitCox(design), groepen), R.veteran_zph, 'veteran');
  });

  it('with heavily tied event times (Efron terms in the information)', () => {
    const d = readCsv('ties_sim.csv');
    const design = cox('ties', R.ties_cox.terms, [dummy(d.groep!, 'b'), dummy(d.groep!, 'c'), numbers(d.x!), dummy(d.vlag!, 'ja')], d);
    const groepen = [
      { term: 'groep', columns: [0, 1] },
      { term: 'x', columns: [2] },
      { term: 'vlag', columns: [3] },
    ];
    assertZph(coxZph(design, fitCox(design), groepen), R.ties_zph, 'ties');
  });

  it('on the monitor-like frame: groups by covariate from the design (merged levels gone), each interaction alone', () => {
    const design = buildDesign(
      monitorFrame(),
      { model: 'cox_interactie', kind: 'cox', covariates: MONITOR_COVARIATES, indicators: MONITOR_INDICATORS, interactions: MONITOR_INTERACTIONS },
      10,
    );
    const rows = coxZph(design, fitCox(design));
    assertZph(rows, R.monitor_zph, 'monitor');
    // huisvesting lost bij_ouders and instelling to the rule: 4 of its 6 levels are tested.
    assert.equal(rows.find((r) => r.term === 'huisvesting')!.df, 4);
  });

  it('gives a different answer when the coefficients are not the fit (the test is at the estimate)', () => {
    const d = readCsv('ties_sim.csv');
    const design = cox('ties', R.ties_cox.terms, [dummy(d.groep!, 'b'), dummy(d.groep!, 'c'), numbers(d.x!), dummy(d.vlag!, 'ja')], d);
    const zero = coxZph(design, { coef: [0, 0, 0, 0] });
    assert.ok(Math.abs(zero.at(-1)!.chisq - R.ties_zph.chisq.at(-1)) > 1e-3 * R.ties_zph.chisq.at(-1));
  });
});

describe('phGroepen and kmTransform', () => {
  it('groups the levels of a covariate and keeps interactions and numeric columns alone, in design order', () => {
    assert.deepEqual(
      phGroepen([
        { kind: 'level', term: 'a:x', covariate: 'a', level: 'x' },
        { kind: 'level', term: 'b:y', covariate: 'b', level: 'y' },
        { kind: 'level', term: 'a:z', covariate: 'a', level: 'z' },
        { kind: 'interaction', term: 'a:x*b:y', factors: ['a:x', 'b:y'] },
        { kind: 'numeric', term: 'leeftijd' },
      ]),
      [
        { term: 'a', columns: [0, 2] },
        { term: 'b', columns: [1] },
        { term: 'a:x*b:y', columns: [3] },
        { term: 'leeftijd', columns: [4] },
      ],
    );
  });

  it('is 1 - S(t-) of the whole frame, centred on its mean over the events', () => {
    // Times 1, 2, 2, 3 with events at 1, 2 (one of two), 3: S = 3/4 after 1, 3/4 * 2/3 = 1/2 after 2.
    const g = kmTransform([1, 2, 2, 3], [1, 1, 0, 1]);
    const raw = [0, 0.25, 0.25, 0.5];
    const mean = (0 + 0.25 + 0.5) / 3;
    assertClose(g, raw.map((v) => v - mean), 1e-15, 'g', 1e-15);
  });
});

describe('pchisqUpper agrees with R pchisq(lower.tail = FALSE)', () => {
  it('for df 1, 2, 3, 6 and 13, from the centre into the far tail', () => {
    const x: number[] = R.pchisq.x;
    const df: number[] = R.pchisq.df;
    assertClose(
      x.map((v, i) => pchisqUpper(v, df[i]!)),
      R.pchisq.p,
      1e-10,
      'pchisq',
      0,
    );
  });
});
