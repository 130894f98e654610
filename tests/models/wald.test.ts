import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { designFromColumns, erfc, fitLogit, pnorm, pnormUpper, wald, waldTable, type LogitDesign } from '../../src/models/index.ts';
import { assertClose, dummy, numbers, readCsv, reference as R } from './reference.ts';

describe('the normal distribution function', () => {
  it("agrees with R's pnorm to 1e-14 relative, far into the tail", () => {
    const { z, lower, upper_of_neg, two_sided } = R.pnorm;
    assertClose(
      z.map((x: number) => pnorm(-x)),
      lower,
      1e-14,
      'pnorm(-z)',
      0,
    );
    assertClose(
      z.map((x: number) => pnormUpper(-x)),
      upper_of_neg,
      1e-15,
      'pnorm(-z, lower = FALSE)',
    );
    assertClose(
      z.map((x: number) => 2 * pnormUpper(x)),
      two_sided,
      1e-14,
      '2 pnorm(-z)',
      0,
    );
  });

  it('gives erfc to 1e-13 relative (mpmath values; the rest is the rounding of x sqrt 2)', () => {
    const x = [0.5, 1, 2, 5, 10, 20];
    // eslint-disable-next-line no-loss-of-precision -- mpmath's values as printed, more digits than a double holds
    const exact = [0.479500122186953462317, 0.157299207050285130659, 0.00467773498104726583793, 1.53745979442803485019e-12, 2.088487583762544757e-45, 5.39586561160790092893e-176];
    assertClose(x.map(erfc), exact, 1e-13, 'erfc', 0);
  });

  it('is 0 and 1 beyond |x| = 37.5, never NaN', () => {
    assert.deepEqual([pnorm(-40), pnorm(40), pnormUpper(40)], [0, 1, 0]);
    assert.equal(pnorm(-Infinity), 0);
  });
});

describe('wald', () => {
  it('gives exp(coef), limits exp(coef -/+ 1.959964 se) and the two-sided p', () => {
    const row = wald('id:ongeldig', Math.log(1.2), 0.05);
    assert.ok(Math.abs(row.ratio - 1.2) < 1e-15);
    assert.ok(Math.abs(row.ciLaag - 1.2 * Math.exp(-1.959963984540054 * 0.05)) < 1e-15);
    assert.ok(Math.abs(row.ciHoog - 1.2 * Math.exp(1.959963984540054 * 0.05)) < 1e-14);
    // R: 2 * pnorm(-log(1.2) / 0.05)
    assert.ok(Math.abs(row.p / 0.00026590769582721156 - 1) < 1e-13, String(row.p));
  });

  it("reproduces glm's p-values on lung", () => {
    const d = readCsv('lung.csv');
    const e = d.ph_ecog!;
    const design = designFromColumns({
      model: 'lung',
      terms: ['age', 'sex:v', 'ph_ecog:1', 'ph_ecog:2+'],
      columns: [numbers(d.age!), dummy(d.sex!, 'v'), dummy(e, '1'), e.map((v) => (Number(v) >= 2 ? 1 : 0))],
      uitkomst: numbers(d.gebeurtenis!),
    }) as LogitDesign;
    const rows = waldTable(fitLogit(design));
    // glm's printed p uses its penultimate-iterate standard errors (see logit.test.ts), so
    // compare with the p of glm refitted to full convergence, and with the printed one to 1e-3.
    assertClose(
      rows.map((r) => r.p),
      R.lung_glm.p_exact,
      1e-6,
      'p exact',
    );
    assertClose(
      rows.map((r) => r.p),
      R.lung_glm.p,
      1e-3,
      'p',
    );
  });
});
