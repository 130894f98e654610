/**
 * One model fitted for publication: its frame under the disclosure rule, the fit, the Wald
 * table, and for a Cox model the test of proportional hazards with the time-split fit of each
 * covariate that fails it. What leaves this module is fit for publication: coefficients of
 * levels and interactions that passed the rule and counts rounded down to a multiple of k.
 *
 *   frame ──kiesReferenties──> spec ──buildDesign(k)──> fitCox / fitLogit ──> ModelUitkomst
 *
 * Choices beyond docs/models.md:
 * - A whole model is left out when its own counts break the indicator rule (fewer than k
 *   records, events, or records without an event), as an indicator row would be.
 * - A reference level below the threshold gives way to the largest level (ReferentieWissel).
 */
import { buildDesign, type DesignSpec, type DroppedTerm, type MergedLevel, type SmallCount } from './design.ts';
import { rondAf } from './disclosure.ts';
import { ModelError } from './errors.ts';
import { fitCox } from './cox.ts';
import type { ModelFit } from './fit.ts';
import type { ModelDefinitie, ModelFrame } from './frames.ts';
import { fitLogit } from './logit.ts';
import { geenEindigeWaarde } from './messages.ts';
import { tijdsplitsing, type Tijdsplitsing } from './tijdsplitsing.ts';
import { waldTable, type WaldRow } from './wald.ts';
import { coxZph, PH_ALFA, PH_GLOBAL, phGroepen, type PhToets } from './zph.ts';

/** Why a whole model is not published: its own counts break the rule (as an indicator row would). */
export type ModelRegel = 'records_onder_drempel' | 'gebeurtenissen_onder_drempel' | 'rest_onder_drempel';

/** What a model's outcome says of it whatever its status: its name, kind and the moment its covariates describe. */
type UitkomstBasis = Pick<ModelDefinitie, 'model' | 'kind' | 'moment'>;

/** What fitModel does with a model that cannot be estimated: report it in the outcome, or throw its ModelError. */
export type BijFout = 'melden' | 'stoppen';

/** A fitted, publishable model. */
export interface GeschatModel extends UitkomstBasis {
  readonly status: 'geschat';
  /**
   * Records and events, rounded down to a multiple of k: exact, they would differ from a
   * published noemer or teller by the few a model leaves out (the landmark's first month, for
   * one), so only the rounded counts are published.
   */
  readonly n: number;
  readonly events: number;
  /** Log likelihood at the estimate (R's `loglik[2]` for coxph, `logLik()` for glm). */
  readonly loglik: number;
  /** One row per coefficient (the logistic model starts with `(Intercept)`). */
  readonly termen: readonly WaldRow[];
  readonly referenties: readonly ReferentieWissel[];
  readonly samengevoegd: readonly MergedLevel[];
  readonly weggelaten: readonly DroppedTerm[];
  /**
   * Cox models: the test of proportional hazards (zph.ts, R's cox.zph with transform "km"),
   * one row per covariate or interaction and GLOBAL; empty for the logistic model.
   */
  readonly ph: readonly PhToets[];
  /**
   * Cox models: for each covariate (not GLOBAL) whose test has p < PH_ALFA, its hazard ratios
   * for months 0–6 and 6–24 of follow-up apart (tijdsplitsing.ts), in the order of `ph`.
   */
  readonly tijdsplitsingen: readonly Tijdsplitsing[];
}

/** A model whose population is too small to publish anything of it. */
export interface OnderdruktModel extends UitkomstBasis {
  readonly status: 'onderdrukt';
  readonly regel: ModelRegel;
}

/** A model that could not be estimated (separation, collinearity, no convergence). */
interface MisluktModel extends UitkomstBasis {
  readonly status: 'fout';
  readonly fout: ModelError;
  readonly referenties: readonly ReferentieWissel[];
  readonly samengevoegd: readonly MergedLevel[];
  readonly weggelaten: readonly DroppedTerm[];
}

export type ModelUitkomst = GeschatModel | OnderdruktModel | MisluktModel;

/**
 * A covariate whose reference level (docs/models.md's first level) has fewer than k records or
 * events (or, for the logistic model, records without the outcome) in the model's
 * population. Its coefficients would contrast every level with that small group, disclosing
 * it and, when it is empty, making the design singular; the level with the most records that
 * passes the rule becomes the reference instead (the small one is then merged into it).
 */
export interface ReferentieWissel {
  readonly covariate: string;
  readonly oorspronkelijk: string;
  readonly nieuw: string;
  readonly reden: SmallCount;
}

/** The model's own counts under the indicator rule: too few records, events or non-events. */
function modelRegel(n: number, events: number, k: number): ModelRegel | null {
  if (n < k) return 'records_onder_drempel';
  if (events < k) return 'gebeurtenissen_onder_drempel';
  if (n - events < k) return 'rest_onder_drempel';
  return null;
}

/** Fits one model on its frame with threshold k; a failed fit is reported in the outcome unless bijFout is 'stoppen'. */
export function fitModel(d: ModelDefinitie, mf: ModelFrame, k: number, bijFout: BijFout): ModelUitkomst {
  const basis = { model: d.model, kind: d.kind, moment: d.moment };
  const uitkomst = d.kind === 'cox' ? mf.frame.gebeurtenis! : mf.frame.uitkomst!;
  let events = 0;
  for (let i = 0; i < mf.n; i++) events += uitkomst[i]!;
  const regel = modelRegel(mf.n, events, k);
  if (regel) return { ...basis, status: 'onderdrukt', regel };

  const { spec, referenties } = kiesReferenties(mf, d, k);
  const design = buildDesign(mf.frame, spec, k);
  try {
    const fit: ModelFit = design.kind === 'cox' ? fitCox(design) : fitLogit(design);
    const termen = waldTable(fit);
    const bad = termen.find((t) => ![t.coef, t.se, t.ratio, t.ciLaag, t.ciHoog, t.p].every(Number.isFinite));
    if (bad || !Number.isFinite(fit.loglik.final)) {
      throw geenEindigeWaarde(d.model, bad?.term);
    }
    // Proportional hazards, and the time-split fit of each covariate that fails it.
    const ph = design.kind === 'cox' ? coxZph(design, fit) : [];
    const groepen = design.kind === 'cox' ? phGroepen(design.terms) : [];
    const tijdsplitsingen =
      design.kind === 'cox'
        ? ph.filter((r) => r.term !== PH_GLOBAL && r.p < PH_ALFA).map((r) => tijdsplitsing(design, groepen.find((g) => g.term === r.term)!, k))
        : [];
    return {
      ...basis,
      status: 'geschat',
      // Published rounded down to a multiple of k, as at_risk (disclosure.ts, rule 3).
      n: rondAf(fit.n, k),
      events: rondAf(fit.events, k),
      loglik: fit.loglik.final,
      termen,
      referenties,
      samengevoegd: design.samengevoegd,
      weggelaten: design.weggelaten,
      ph,
      tijdsplitsingen,
    };
  } catch (e) {
    if (!(e instanceof ModelError) || bijFout === 'stoppen') throw e;
    return { ...basis, status: 'fout', fout: e, referenties, samengevoegd: design.samengevoegd, weggelaten: design.weggelaten };
  }
}

/** Replaces references that break the rule (see ReferentieWissel); the levels keep their order. */
function kiesReferenties(mf: ModelFrame, d: ModelDefinitie, k: number): { spec: DesignSpec; referenties: ReferentieWissel[] } {
  const uitkomst = d.kind === 'cox' ? mf.frame.gebeurtenis! : mf.frame.uitkomst!;
  const referenties: ReferentieWissel[] = [];
  const covariates = d.design.covariates.map((c) => {
    const values = mf.frame.columns[c.name]!;
    // Counted by level index (a value outside the levels is buildDesign's error to report).
    const index = new Map(c.levels.map((l, j) => [l, j]));
    const perLevel = new Float64Array(c.levels.length);
    const eventsPerLevel = new Float64Array(c.levels.length);
    for (let i = 0; i < mf.n; i++) {
      const j = index.get(values[i]!);
      if (j === undefined) continue;
      perLevel[j]! += 1;
      eventsPerLevel[j]! += uitkomst[i]!;
    }
    const records = (l: string) => perLevel[index.get(l)!]!;
    const reden = (l: string): SmallCount | null => {
      const r = records(l);
      const e = eventsPerLevel[index.get(l)!]!;
      if (r < Math.max(k, 1)) return 'records';
      if (e < k) return 'events';
      if (d.kind === 'logit' && r - e < k) return 'non-events';
      return null;
    };
    const ref = c.levels[0]!;
    const waarom = reden(ref);
    if (!waarom) return c;
    // The largest level that passes; ties go to the earlier level.
    const nieuw = c.levels.filter((l) => !reden(l)).sort((a, b) => records(b) - records(a) || c.levels.indexOf(a) - c.levels.indexOf(b))[0];
    if (!nieuw) return c; // every level is small: all are merged into the reference, no term
    referenties.push({ covariate: c.name, oorspronkelijk: ref, nieuw, reden: waarom });
    return { name: c.name, levels: [nieuw, ...c.levels.filter((l) => l !== nieuw)] };
  });
  return { spec: { ...d.design, covariates }, referenties };
}
