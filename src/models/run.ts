/**
 * Compute the models of the monitor on the working tables: build the frames (frames.ts), fit
 * cox_basis, cox_interactie, cox_landmark_6m and logit_werk_6m with the disclosure rule, and
 * read the Kaplan–Meier curves with their delay and suppression (disclosure.ts).
 *
 *   working tables ──buildModelFrames──> frames ──buildDesign(k)──> fitCox / fitLogit ──> ModelUitkomst
 *                                       km_record ──kaplanMeier──> curves ──vertraagKm(k)──> KmPunt
 *
 * What leaves this module is fit for publication: coefficients of levels and interactions
 * that passed the rule, counts of whole models that passed it (rounded down to a multiple of k),
 * and the delayed Kaplan–Meier curves with rounded at_risk, whose suppressed values are null.
 * Person-level data stay in the connection.
 *
 * Choices beyond docs/models.md:
 * - Kaplan–Meier curves: by cohort (each and 'totaal') x groep (rik, kv, 'totaal'), and for
 *   rik by category of id, activiteit, huisvesting and wanbetaler with the cohorts pooled
 *   (cohort 'totaal' only: per cohort the categories would be small and mostly suppressed).
 *   Month m is read at day floor(m * 365.25 / 12) after release (km.ts, monthEndDay).
 * - Their population is the models' entry rule, observable at 1m_na, for rik and kv alike.
 *   Those dropped died, emigrated or passed the peildatum within a month of release. The
 *   curves by category take, like cox_basis, only the records in the landmark at 1m_na (no
 *   qualifying case and no end of follow-up up to the 1m_na date) with time from that date;
 *   on the axis of months since release month m is read m - 1 months after the landmark.
 *   They add up to a landmark curve of rik that is not published, not to the rik curve
 *   from release, so they are no longer a family for the suppression (kmFamilies).
 * - A whole model is left out when its own counts break the indicator rule (fewer than k
 *   records, events, or records without an event), as an indicator row would be.
 * - A reference level below the threshold gives way to the largest level (ReferentieWissel).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Edition } from '../edition/edition.ts';
import { buildDesign, type DesignSpec, type DroppedTerm, type MergedLevel, type SmallCount } from './design.ts';
import { ModelError, type ModelFailure } from './errors.ts';
import { fitCox } from './cox.ts';
import { fitLogit } from './logit.ts';
import type { ModelFit } from './fit.ts';
import { kaplanMeier, kmAt, monthEndDay } from './km.ts';
import { waldTable, type WaldRow } from './wald.ts';
import {
  buildModelFrames,
  kmUitsplitsingen,
  modelDefinities,
  NIVEAUS,
  readKmRecords,
  readModelFrame,
  type KmRecords,
  type KmUitsplitsing,
  type ModelDefinitie,
  type ModelFrame,
  type ModelNaam,
} from './frames.ts';
import { getoondeMaand, rondAf, vertraagKm, type KmCurveTellingen, type KmFamilie, type KmRegel } from './disclosure.ts';
import { coxZph, PH_ALFA, PH_GLOBAL, phGroepen, type PhToets } from './zph.ts';
import { tijdsplitsing, type Tijdsplitsing } from './tijdsplitsing.ts';

/**
 * The curve of every rik record that enters the 1m_na landmark, all categories together: the
 * curves by category of each breakdown add up to it, so it is published as their total (the
 * reference line of the charts by category, and a known total for disclosure control).
 */
export const LANDMARK_CURVE = 'landmark_1m';

/** Months of the Kaplan–Meier output. */
export const KM_MAANDEN = 24;

/** Why a whole model is not published: its own counts break the rule (as an indicator row would). */
export type ModelRegel = 'records_onder_drempel' | 'gebeurtenissen_onder_drempel' | 'rest_onder_drempel';

interface UitkomstBasis {
  readonly model: ModelNaam;
  readonly kind: 'cox' | 'logit';
  /** The moment the covariates describe. */
  readonly moment: '1m_na' | '6m_na';
}

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

/** One point of recidive_km.csv after disclosure control; values are null when suppressed. */
export interface KmPunt {
  /** 'totaal' for the curves by cohort and groep, else id, activiteit, huisvesting, wanbetaler. */
  readonly uitsplitsing: 'totaal' | typeof LANDMARK_CURVE | KmUitsplitsing;
  readonly categorie: string;
  /** A cohort year or 'totaal'. */
  readonly cohort: string;
  readonly groep: 'rik' | 'kv' | 'totaal';
  readonly maand: number;
  /** At risk at the end of the last visible step's month, rounded down to a multiple of k (disclosure.ts, rule 3). */
  readonly atRisk: number | null;
  /** Cumulative recidive 1 - S of the delayed curve: the value of its last visible step (disclosure.ts). */
  readonly cumulatief: number | null;
  readonly ciLaag: number | null;
  readonly ciHoog: number | null;
  readonly onderdrukt: boolean;
}

/** A delayed or suppressed Kaplan–Meier point and its rule (for the audit file; never its values). */
export interface KmOnderdrukking {
  readonly uitsplitsing: string;
  readonly categorie: string;
  readonly cohort: string;
  readonly groep: string;
  readonly maand: number;
  readonly regel: KmRegel;
}

/** What the report says about a model beyond its coefficients (merges, drops, failures). */
export interface ModelNoot {
  readonly model: ModelNaam;
  readonly soort: 'referentie' | 'samengevoegd' | 'weggelaten' | 'onderdrukt' | 'fout' | 'tijdsplitsing';
  /** The term concerned: `<covariate>:<level>` or an interaction; absent for the whole model. */
  readonly term?: string;
  /** For a merged level: the reference level it was counted with; for 'referentie': the new reference. */
  readonly referentie?: string;
  readonly reden: SmallCount | ModelRegel | ModelFailure;
  /** One Dutch sentence for the table note. */
  readonly tekst: string;
}

export interface ModelResults {
  /** The disclosure threshold k applied. */
  readonly drempel: number;
  readonly cohorten: readonly string[];
  /** In the order of MODELLEN. */
  readonly modellen: readonly ModelUitkomst[];
  /** Sorted as recidive_km.csv. */
  readonly km: readonly KmPunt[];
  readonly kmOnderdrukkingen: readonly KmOnderdrukking[];
  /** Merged levels, dropped interactions, suppressed and failed models, in model order. */
  readonly noten: readonly ModelNoot[];
}

export interface ComputeModelsOptions {
  /**
   * What a model that cannot be estimated does: 'melden' (default) records it in the results
   * (status 'fout', a note with the Dutch message) and goes on; 'stoppen' throws its ModelError.
   */
  readonly bijFout?: 'melden' | 'stoppen';
  /**
   * Receives the duration of each stage in ms ('frames', then '<model>' for reading its frame
   * and fitting it, then 'km'), for benchmarks; the results do not depend on it.
   */
  readonly meting?: (stap: string, ms: number) => void;
  /**
   * The published rows of indicatoren.csv. A Kaplan–Meier curve by cohort and groep keeps its
   * visible steps away from the published recidive_2j teller of the same cohort and groep
   * (disclosure.ts, rule 5); without them no such coupling is applied.
   */
  readonly indicatoren?: readonly { indicator: string; cohort: string; groep: string; teller: number | null }[];
}

/**
 * Builds the model frames on the working tables (buildWorkingTables must have run for the same
 * edition and peildatum), fits the four models and computes the Kaplan–Meier curves, all with
 * the edition's disclosure threshold.
 */
export async function computeModels(
  conn: DuckDBConnection,
  edition: Edition,
  peildatum: string,
  options: ComputeModelsOptions = {},
): Promise<ModelResults> {
  let klok = performance.now();
  const meet = (stap: string) => {
    const nu = performance.now();
    options.meting?.(stap, nu - klok);
    klok = nu;
  };
  await buildModelFrames(conn, edition, peildatum);
  meet('frames');
  const k = edition.drempel;
  const definities = modelDefinities(edition);

  // cox_basis and cox_interactie share their frame.
  const frames = new Map<string, ModelFrame>();
  const modellen: ModelUitkomst[] = [];
  for (const d of definities) {
    const frame = frames.get(d.tabel) ?? (await readModelFrame(conn, d));
    frames.set(d.tabel, frame);
    modellen.push(fitModel(d, frame, k, options.bijFout ?? 'melden'));
    meet(d.model);
  }
  const records = await readKmRecords(conn, edition);
  const gekoppeld = new Map<string, number[]>();
  for (const i of options.indicatoren ?? [])
    if (i.indicator === 'recidive_2j' && i.teller !== null) gekoppeld.set(`${i.cohort}|${i.groep}`, [i.teller]);
  const { km, kmOnderdrukkingen } = kmPunten(records, edition.cohorten.map(String), k, gekoppeld, kmUitsplitsingen(edition.basisvoorwaarden));
  meet('km');
  return {
    drempel: k,
    cohorten: edition.cohorten.map(String),
    modellen,
    km,
    kmOnderdrukkingen,
    noten: modellen.flatMap(notenVan),
  };
}

/** The model's own counts under the indicator rule: too few records, events or non-events. */
function modelRegel(n: number, events: number, k: number): ModelRegel | null {
  if (n < k) return 'records_onder_drempel';
  if (events < k) return 'gebeurtenissen_onder_drempel';
  if (n - events < k) return 'rest_onder_drempel';
  return null;
}

function fitModel(d: ModelDefinitie, mf: ModelFrame, k: number, bijFout: 'melden' | 'stoppen'): ModelUitkomst {
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
      throw new ModelError(
        d.model,
        'geen_convergentie',
        `de schatting gaf geen eindige waarde${bad ? ` voor ${bad.term}` : ' voor de log-likelihood'}.`,
        bad ? [bad.term] : [],
      );
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
      samengevoegd: design.merged,
      weggelaten: design.dropped,
      ph,
      tijdsplitsingen,
    };
  } catch (e) {
    if (!(e instanceof ModelError) || bijFout === 'stoppen') throw e;
    return { ...basis, status: 'fout', fout: e, referenties, samengevoegd: design.merged, weggelaten: design.dropped };
  }
}

/** Replaces references that break the rule (see ReferentieWissel); the levels keep their order. */
function kiesReferenties(mf: ModelFrame, d: ModelDefinitie, k: number): { spec: DesignSpec; referenties: ReferentieWissel[] } {
  const uitkomst = d.kind === 'cox' ? mf.frame.gebeurtenis! : mf.frame.uitkomst!;
  const referenties: ReferentieWissel[] = [];
  const covariates = d.design.covariates.map((c) => {
    const values = mf.frame.columns[c.name]!;
    const records = new Map<string, number>(c.levels.map((l) => [l, 0]));
    const events = new Map<string, number>(c.levels.map((l) => [l, 0]));
    for (let i = 0; i < mf.n; i++) {
      records.set(values[i]!, (records.get(values[i]!) ?? 0) + 1);
      events.set(values[i]!, (events.get(values[i]!) ?? 0) + uitkomst[i]!);
    }
    const reden = (l: string): SmallCount | null => {
      const r = records.get(l) ?? 0;
      const e = events.get(l) ?? 0;
      if (r < Math.max(k, 1)) return 'records';
      if (e < k) return 'events';
      if (d.kind === 'logit' && r - e < k) return 'non-events';
      return null;
    };
    const ref = c.levels[0]!;
    const waarom = reden(ref);
    if (!waarom) return c;
    // The largest level that passes; ties go to the earlier level.
    const nieuw = c.levels.filter((l) => !reden(l)).sort((a, b) => records.get(b)! - records.get(a)! || c.levels.indexOf(a) - c.levels.indexOf(b))[0];
    if (!nieuw) return c; // every level is small: all are merged into the reference, no term
    referenties.push({ covariate: c.name, oorspronkelijk: ref, nieuw, reden: waarom });
    return { name: c.name, levels: [nieuw, ...c.levels.filter((l) => l !== nieuw)] };
  });
  return { spec: { ...d.design, covariates }, referenties };
}

/** Why a level or term was not estimated, in Dutch (also used by the report's notes). */
export const TELLING_TEKST: Record<SmallCount, string> = {
  records: 'minder records dan de drempel',
  events: 'minder gebeurtenissen dan de drempel',
  'non-events': 'minder records zonder de uitkomst dan de drempel',
};
const MODEL_REGEL_TEKST: Record<ModelRegel, string> = {
  records_onder_drempel: 'de populatie van het model telt minder records dan de drempel',
  gebeurtenissen_onder_drempel: 'de populatie van het model telt minder gebeurtenissen dan de drempel',
  rest_onder_drempel: 'de populatie van het model telt minder records zonder gebeurtenis dan de drempel',
};

function notenVan(m: ModelUitkomst): ModelNoot[] {
  if (m.status === 'onderdrukt') {
    return [{ model: m.model, soort: 'onderdrukt', reden: m.regel, tekst: `Model ${m.model} is niet gepubliceerd: ${MODEL_REGEL_TEKST[m.regel]}.` }];
  }
  const noten: ModelNoot[] = [
    ...m.referenties.map(
      (r): ModelNoot => ({
        model: m.model,
        soort: 'referentie',
        term: `${r.covariate}:${r.oorspronkelijk}`,
        referentie: r.nieuw,
        reden: r.reden,
        tekst: `De referentiecategorie van ${r.covariate} is ${r.nieuw} in plaats van ${r.oorspronkelijk} (${r.oorspronkelijk}: ${TELLING_TEKST[r.reden]}).`,
      }),
    ),
    ...m.samengevoegd.map(
      (s): ModelNoot => ({
        model: m.model,
        soort: 'samengevoegd',
        term: `${s.covariate}:${s.level}`,
        referentie: s.reference,
        reden: s.reason,
        tekst: `${s.covariate}:${s.level} is niet apart geschat maar samengevoegd met de referentiecategorie ${s.reference} (${TELLING_TEKST[s.reason]}).`,
      }),
    ),
    ...m.weggelaten.map(
      (w): ModelNoot => ({
        model: m.model,
        soort: 'weggelaten',
        term: w.term,
        reden: w.reason,
        tekst: `De interactie ${w.term} is weggelaten (${TELLING_TEKST[w.reason]}).`,
      }),
    ),
  ];
  if (m.status === 'geschat') {
    // A covariate that fails the PH test but whose time-split fit is not published.
    for (const t of m.tijdsplitsingen) {
      if (t.status === 'geschat') continue;
      const reden = t.status === 'onderdrukt' ? t.reden : t.failure;
      const waarom = t.status === 'onderdrukt' ? TELLING_TEKST[t.reden] : t.tekst;
      noten.push({
        model: m.model,
        soort: 'tijdsplitsing',
        term: `${t.covariaat}@perioden`,
        reden,
        tekst: `De samenhang van ${t.covariaat} verandert in de tijd (toets op proportionele hazards), maar de hazard ratio's per periode (0–6 en 6–24 maanden) zijn niet gepubliceerd: ${waarom}.`,
      });
    }
  }
  if (m.status === 'fout') {
    const hint = m.fout.hint ? ` ${m.fout.hint}` : '';
    noten.push({ model: m.model, soort: 'fout', reden: m.fout.failure, tekst: `${m.fout.message}${hint}` });
  }
  return noten;
}

// ---------------------------------------------------------------------------------------------
// Kaplan–Meier

export interface KmCurve {
  readonly id: string;
  readonly uitsplitsing: KmPunt['uitsplitsing'];
  readonly categorie: string;
  readonly cohort: string;
  readonly groep: KmPunt['groep'];
  readonly n: number;
  readonly punten: readonly {
    atRisk: number;
    events: number;
    cumulatief: number;
    ciLaag: number | null;
    ciHoog: number | null;
  }[];
}

const curveId = (u: string, c: string, cohort: string, groep: string) => `${u}|${c}|${cohort}|${groep}`;

/**
 * (Exported for the test of the whole publication, which needs the true counts behind the
 * published curves; the build publishes only kmPunten's output.)
 *
 * The curves of docs/models.md: by cohort (and 'totaal') x groep (rik, kv, 'totaal') with
 * uitsplitsing = categorie = 'totaal'; and for rik, all cohorts together, by category of id,
 * activiteit, huisvesting and wanbetaler. Curves without records are left out.
 */
export function kmCurves(r: KmRecords, cohorten: readonly string[], uitsplitsingen: readonly KmUitsplitsing[]): KmCurve[] {
  // The curves in output order, each with the records it takes: one pass over the records,
  // sorted by time once, so each curve's records arrive sorted.
  const curves: { uitsplitsing: KmPunt['uitsplitsing']; categorie: string; cohort: string; groep: KmPunt['groep']; records: number[] }[] = [];
  const byId = new Map<string, number[]>();
  const add = (uitsplitsing: KmPunt['uitsplitsing'], categorie: string, cohort: string, groep: KmPunt['groep']) => {
    const records: number[] = [];
    curves.push({ uitsplitsing, categorie, cohort, groep, records });
    byId.set(curveId(uitsplitsing, categorie, cohort, groep), records);
  };
  for (const cohort of [...cohorten, 'totaal']) for (const groep of ['rik', 'kv', 'totaal'] as const) add('totaal', 'totaal', cohort, groep);
  if (uitsplitsingen.length > 0) add(LANDMARK_CURVE, 'totaal', 'totaal', 'rik');
  for (const u of uitsplitsingen) for (const level of NIVEAUS[u]) add(u, level, 'totaal', 'rik');

  const order = Int32Array.from({ length: r.n }, (_, i) => i).sort((a, b) => r.tijd[a]! - r.tijd[b]!);
  for (const i of order) {
    const cohort = r.cohort[i]!;
    const groep = r.groep[i]!;
    for (const c of [cohort, 'totaal']) for (const g of [groep, 'totaal']) byId.get(curveId('totaal', 'totaal', c, g))!.push(i);
    if (groep !== 'rik' || r.landmark1m[i] !== 1 || uitsplitsingen.length === 0) continue;
    byId.get(curveId(LANDMARK_CURVE, 'totaal', 'totaal', 'rik'))!.push(i);
    for (const u of uitsplitsingen) byId.get(curveId(u, r.categorie[u][i]!, 'totaal', 'rik'))!.push(i);
  }

  const out: KmCurve[] = [];
  for (const c of curves) {
    if (c.records.length === 0) continue;
    // The curves by category follow the landmark at 1m_na (docs/models.md): time from the 1m_na
    // date, read on the axis of months since release, so month m is m - 1 months after the
    // landmark and month 1 is its start (nobody has reoffended yet, all are at risk).
    const landmark = c.uitsplitsing !== 'totaal';
    const tijd = landmark ? r.tijd1m : r.tijd;
    const km = kaplanMeier(
      c.records.map((i) => tijd[i]!),
      c.records.map((i) => r.gebeurtenis[i]!),
    );
    const punten = [];
    for (let m = 1; m <= KM_MAANDEN; m++) {
      const p = kmAt(km, monthEndDay(landmark ? m - 1 : m));
      punten.push({
        atRisk: p.atRisk,
        events: p.events,
        cumulatief: 1 - p.surv,
        ciLaag: p.upper === null ? null : 1 - p.upper,
        ciHoog: p.lower === null ? null : 1 - p.lower,
      });
    }
    const { uitsplitsing, categorie, cohort, groep } = c;
    out.push({ id: curveId(uitsplitsing, categorie, cohort, groep), uitsplitsing, categorie, cohort, groep, n: c.records.length, punten });
  }
  return out;
}

/** The additive structure of the curves (disclosure.ts, rule 2). */
function kmFamilies(cohorten: readonly string[], uitsplitsingen: readonly KmUitsplitsing[]): KmFamilie[] {
  const f: KmFamilie[] = [];
  for (const groep of ['rik', 'kv', 'totaal'])
    f.push({ totaal: curveId('totaal', 'totaal', 'totaal', groep), delen: cohorten.map((c) => curveId('totaal', 'totaal', c, groep)) });
  for (const cohort of [...cohorten, 'totaal'])
    f.push({
      totaal: curveId('totaal', 'totaal', cohort, 'totaal'),
      delen: ['rik', 'kv'].map((g) => curveId('totaal', 'totaal', cohort, g)),
    });
  // The curves by category of each breakdown add up to the landmark curve of rik (from 1m_na),
  // not to the rik curve from release.
  for (const u of uitsplitsingen)
    f.push({ totaal: curveId(LANDMARK_CURVE, 'totaal', 'totaal', 'rik'), delen: NIVEAUS[u].map((l) => curveId(u, l, 'totaal', 'rik')) });
  return f;
}

function kmPunten(
  r: KmRecords,
  cohorten: readonly string[],
  k: number,
  gekoppeld: ReadonlyMap<string, readonly number[]>,
  uitsplitsingen: readonly KmUitsplitsing[],
): { km: KmPunt[]; kmOnderdrukkingen: KmOnderdrukking[] } {
  const curves = kmCurves(r, cohorten, uitsplitsingen);
  const tellingen: KmCurveTellingen[] = curves.map((c) => ({
    id: c.id,
    n: c.n,
    punten: c.punten,
    gekoppeld: c.uitsplitsing === 'totaal' ? gekoppeld.get(`${c.cohort}|${c.groep}`) : undefined,
  }));
  const { stappen, regels } = vertraagKm(tellingen, kmFamilies(cohorten, uitsplitsingen), k);
  const km: KmPunt[] = [];
  const kmOnderdrukkingen: KmOnderdrukking[] = [];
  for (const c of curves) {
    const s = stappen.get(c.id);
    c.punten.forEach((_, i) => {
      const maand = i + 1;
      const sleutel = { uitsplitsing: c.uitsplitsing, categorie: c.categorie, cohort: c.cohort, groep: c.groep, maand };
      const regel = regels.get(`${c.id}#${maand}`);
      if (regel) kmOnderdrukkingen.push({ ...sleutel, regel });
      if (!s) {
        km.push({ ...sleutel, atRisk: null, cumulatief: null, ciLaag: null, ciHoog: null, onderdrukt: true });
        return;
      }
      // The delayed curve: every value of the last visible step (the start before the first).
      const g = getoondeMaand(s, maand);
      const getoond = g === 0 ? { atRisk: c.n, cumulatief: 0, ciLaag: 0, ciHoog: 0 } : c.punten[g - 1]!;
      km.push({
        ...sleutel,
        atRisk: rondAf(getoond.atRisk, k),
        cumulatief: getoond.cumulatief,
        ciLaag: getoond.ciLaag,
        ciHoog: getoond.ciHoog,
        onderdrukt: false,
      });
    });
  }
  return { km, kmOnderdrukkingen };
}
