import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { cumulativeIncidenceByMonth, kaplanMeier, kmAt, monthEndDay } from '../../src/models/index.ts';
import { assertClose, monitorFrame, numbers, readCsv, reference as R } from './reference.ts';

const REL = 1e-10;

describe('kaplanMeier agrees with R survfit (Greenwood, conf.type = "log")', () => {
  for (const [name, file] of [
    ['lung', 'lung.csv'],
    ['ties', 'ties_sim.csv'],
  ] as const) {
    it(`gives R's full curve on ${name}: times, counts, S, std.err and limits`, () => {
      const d = readCsv(file);
      const km = kaplanMeier(numbers(d.tijd!), numbers(d.gebeurtenis!));
      const ref = R[`${name}_km`];
      assert.deepEqual(Array.from(km.time), ref.time);
      assert.deepEqual(Array.from(km.nRisk), ref.n_risk);
      assert.deepEqual(Array.from(km.nEvent), ref.n_event);
      assert.deepEqual(Array.from(km.nCensor), ref.n_censor);
      assertClose(km.surv, ref.surv, REL, 'surv');
      assertClose(km.stdErr, ref.std_err, REL, 'std.err');
      assertClose(km.lower.map(Number), ref.lower, REL, 'lower');
      assertClose(km.upper.map(Number), ref.upper, REL, 'upper');
    });
  }
});

describe('cumulativeIncidenceByMonth', () => {
  it('ends month m on day floor(m * 365.25 / 12): 30, 365, 730', () => {
    assert.deepEqual([1, 2, 12, 24].map(monthEndDay), [30, 60, 365, 730]);
  });

  for (const [name, select] of [
    ['monitor_km_months', () => true],
    ['monitor_km_months_v', (g: string) => g === 'v'],
  ] as const) {
    it(`gives 1 - S, its limits and the counts of R's summary(fit, times) (${name})`, () => {
      const f = monitorFrame();
      const keep = f.columns.geslacht!.map((g) => select(g));
      const km = kaplanMeier(
        f.tijd.filter((_, i) => keep[i]),
        f.gebeurtenis.filter((_, i) => keep[i]),
      );
      const months = cumulativeIncidenceByMonth(km, 24, 10);
      const ref = R[name];
      assert.deepEqual(
        months.map((m) => m.dag),
        ref.dag,
      );
      assert.deepEqual(
        months.map((m) => m.atRisk),
        ref.n_risk,
      );
      assert.deepEqual(
        months.map((m) => m.events),
        ref.events,
      );
      assertClose(
        months.map((m) => m.cumulatief),
        ref.surv.map((s: number) => 1 - s),
        REL,
        'cumulatief',
      );
      assertClose(
        months.map((m) => m.ciLaag!),
        ref.upper.map((s: number) => 1 - s),
        REL,
        'ci_laag = 1 - upper',
      );
      assertClose(
        months.map((m) => m.ciHoog!),
        ref.lower.map((s: number) => 1 - s),
        REL,
        'ci_hoog = 1 - lower',
      );
    });
  }

  it('reads lung past its last observation with nobody at risk, as R with extend = TRUE', () => {
    const d = readCsv('lung.csv');
    const months = cumulativeIncidenceByMonth(kaplanMeier(numbers(d.tijd!), numbers(d.gebeurtenis!)));
    assert.deepEqual(
      months.map((m) => m.atRisk),
      R.lung_km_months.n_risk,
    );
    assertClose(
      months.map((m) => 1 - m.cumulatief),
      R.lung_km_months.surv,
      REL,
      'surv',
    );
  });

  it('suppresses a point with fewer than k at risk or fewer than k events behind it', () => {
    // 30 records: 3 events in month 1, then 7 more by day 100, the rest censored at day 400.
    const tijd = [...[5, 10, 20], ...[40, 45, 50, 60, 70, 80, 100], ...new Array<number>(20).fill(400)];
    const gebeurtenis = [...new Array<number>(10).fill(1), ...new Array<number>(20).fill(0)];
    const months = cumulativeIncidenceByMonth(kaplanMeier(tijd, gebeurtenis), 24, 10);
    assert.equal(months[0]!.events, 3);
    assert.equal(months[0]!.onderdrukt, true, 'month 1: 3 events');
    assert.equal(months[3]!.events, 10);
    assert.equal(months[3]!.onderdrukt, false, 'month 4: 10 events, 20 at risk');
    assert.equal(months[13]!.atRisk, 0);
    assert.equal(months[13]!.onderdrukt, true, 'month 14: nobody at risk');
  });

  it('has cumulative incidence 0 with limits 0 before the first event', () => {
    const pt = kmAt(kaplanMeier([50, 60], [1, 0]), 10);
    assert.deepEqual([pt.surv, pt.lower, pt.upper, pt.atRisk, pt.events], [1, 1, 1, 2, 0]);
  });

  it('gives no limits (not NaN) once everyone has had the event', () => {
    const km = kaplanMeier([1, 2, 3], [1, 1, 1]);
    const pt = kmAt(km, 5);
    assert.equal(pt.surv, 0);
    assert.equal(pt.lower, null);
    assert.equal(pt.upper, null);
  });
});
