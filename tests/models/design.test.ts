import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { buildDesign, termNames, type DesignSpec, type Frame } from '../../src/models/index.ts';
import { InputError } from '../../src/util/errors.ts';

/** Records per (activiteit, wanbetaler, gebeurtenis) cell, expanded into a frame. */
function frame(cells: [string, string, number, number][]): Frame {
  const activiteit: string[] = [];
  const wanbetaler: string[] = [];
  const gebeurtenis: number[] = [];
  for (const [a, w, e, count] of cells) {
    for (let i = 0; i < count; i++) {
      activiteit.push(a);
      wanbetaler.push(w);
      gebeurtenis.push(e);
    }
  }
  return { columns: { activiteit, wanbetaler }, tijd: gebeurtenis.map((_, i) => 1 + (i % 97)), gebeurtenis, uitkomst: gebeurtenis };
}

const SPEC: DesignSpec<'cox'> = {
  model: 'cox_test',
  kind: 'cox',
  covariates: [
    { name: 'activiteit', levels: ['geen', 'werk', 'opleiding', 'uitkering'] },
    { name: 'wanbetaler', levels: ['nee', 'ja'] },
  ],
  indicators: { inkomen: { covariate: 'activiteit', levels: ['werk', 'uitkering'] } },
  interactions: [['inkomen', 'wanbetaler:ja']],
};

describe('buildDesign', () => {
  const big = frame([
    ['geen', 'nee', 1, 30],
    ['geen', 'nee', 0, 30],
    ['werk', 'ja', 1, 15],
    ['werk', 'nee', 0, 20],
    ['opleiding', 'nee', 1, 12],
    ['opleiding', 'ja', 0, 12],
    ['uitkering', 'ja', 1, 12],
    ['uitkering', 'nee', 0, 30],
  ]);

  it('codes every non-reference level as a 0/1 column named covariate:level, then the interactions', () => {
    const d = buildDesign(big, SPEC, 10);
    assert.deepEqual(termNames(d), ['activiteit:werk', 'activiteit:opleiding', 'activiteit:uitkering', 'wanbetaler:ja', 'inkomen*wanbetaler:ja']);
    assert.equal(d.n, 161);
    // Row 60 is the first werk/ja record: werk, wanbetaler ja, inkomen x ja.
    assert.deepEqual(Array.from(d.x.subarray(60 * 5, 61 * 5)), [1, 0, 0, 1, 1]);
    // Row 0 is geen/nee: all zero (the reference).
    assert.deepEqual(Array.from(d.x.subarray(0, 5)), [0, 0, 0, 0, 0]);
    assert.deepEqual(d.samengevoegd, []);
    assert.deepEqual(d.weggelaten, []);
  });

  it('merges a level with fewer than k records into the reference and reports it', () => {
    const d = buildDesign(big, SPEC, 25);
    // opleiding: 24 records; werk has 35 records but only 15 events; uitkering 42 and 12 events.
    assert.deepEqual(d.samengevoegd, [
      { covariate: 'activiteit', level: 'werk', reference: 'geen', reason: 'events' },
      { covariate: 'activiteit', level: 'opleiding', reference: 'geen', reason: 'records' },
      { covariate: 'activiteit', level: 'uitkering', reference: 'geen', reason: 'events' },
    ]);
    assert.deepEqual(termNames(d).slice(0, 1), ['wanbetaler:ja']);
  });

  it('merges a level with enough records but fewer than k events', () => {
    // opleiding: 24 records, 12 events; uitkering: 42 records, 12 events; werk: 15 events.
    const d = buildDesign(big, SPEC, 13);
    assert.deepEqual(d.samengevoegd, [
      { covariate: 'activiteit', level: 'opleiding', reference: 'geen', reason: 'events' },
      { covariate: 'activiteit', level: 'uitkering', reference: 'geen', reason: 'events' },
    ]);
    assert.deepEqual(termNames(d), ['activiteit:werk', 'wanbetaler:ja', 'inkomen*wanbetaler:ja']);
  });

  it('evaluates interactions on the raw values, so merging a level does not change them', () => {
    const d = buildDesign(big, SPEC, 13);
    const j = termNames(d).indexOf('inkomen*wanbetaler:ja');
    let ones = 0;
    for (let i = 0; i < d.n; i++) ones += d.x[i * d.p + j]!;
    assert.equal(ones, 27, 'werk/ja 15 + uitkering/ja 12, although uitkering is merged');
  });

  it('drops an interaction whose column has fewer than k events and reports it', () => {
    const f = frame([
      ['geen', 'nee', 1, 40],
      ['geen', 'ja', 0, 40],
      ['werk', 'nee', 1, 40],
      ['werk', 'ja', 1, 4],
      ['werk', 'ja', 0, 40],
      ['uitkering', 'nee', 1, 40],
      ['opleiding', 'nee', 1, 40],
    ]);
    const d = buildDesign(f, SPEC, 10);
    assert.deepEqual(d.weggelaten, [{ term: 'inkomen*wanbetaler:ja', reason: 'events' }]);
    assert.ok(!termNames(d).includes('inkomen*wanbetaler:ja'));
  });

  it('for a logistic model also merges a level with fewer than k records with uitkomst 0', () => {
    const f = frame([
      ['geen', 'nee', 1, 40],
      ['geen', 'ja', 0, 40],
      ['geen', 'ja', 1, 20],
      ['werk', 'nee', 1, 40],
      ['werk', 'nee', 0, 5],
      ['uitkering', 'nee', 1, 20],
      ['uitkering', 'ja', 0, 20],
      ['opleiding', 'nee', 1, 20],
      ['opleiding', 'ja', 0, 20],
    ]);
    const logit = buildDesign(f, { ...SPEC, kind: 'logit' }, 10);
    assert.deepEqual(logit.samengevoegd, [{ covariate: 'activiteit', level: 'werk', reference: 'geen', reason: 'non-events' }]);
    const cox = buildDesign(f, SPEC, 10);
    assert.deepEqual(cox.samengevoegd, [], 'for Cox censored records are not counted');
  });

  it('merges a level without records even when k is 0', () => {
    const d = buildDesign(frame([['geen', 'nee', 1, 5], ['werk', 'ja', 0, 5]]), SPEC, 0);
    assert.deepEqual(
      d.samengevoegd.map((m) => m.level),
      ['opleiding', 'uitkering'],
    );
  });

  it('refuses a value outside the level list with an InputError naming the record', () => {
    const f = frame([['geen', 'nee', 1, 3]]);
    const bad: Frame = { ...f, columns: { ...f.columns, activiteit: ['geen', 'geen', 'werkloos'] } };
    assert.throws(
      () => buildDesign(bad, SPEC, 0),
      (e: unknown) => e instanceof InputError && /record 3 heeft activiteit = 'werkloos'; verwacht een van: geen, werk/.test(e.message),
    );
  });

  it('refuses a Cox frame with a non-positive time', () => {
    const f = frame([['geen', 'nee', 1, 3]]);
    assert.throws(() => buildDesign({ ...f, tijd: [3, 0, 5] }, SPEC, 0), (e: unknown) => e instanceof InputError && /record 2 heeft tijd = 0/.test(e.message));
  });

  it('refuses an event that is not 0 or 1', () => {
    const f = frame([['geen', 'nee', 1, 3]]);
    assert.throws(() => buildDesign({ ...f, gebeurtenis: [1, 2, 0] }, SPEC, 0), (e: unknown) => e instanceof InputError && /gebeurtenis = 2/.test(e.message));
  });

  it('treats a spec naming an unknown level as a programmer error', () => {
    assert.throws(
      () => buildDesign(frame([['geen', 'nee', 1, 3]]), { ...SPEC, interactions: [['activiteit:baan', 'wanbetaler:ja']] }, 0),
      (e: unknown) => !(e instanceof InputError) && /unknown level 'baan'/.test(String(e)),
    );
  });
});
