/**
 * Design matrices for the models: from a frame of categorical covariates to the numeric
 * columns the fits use, with the disclosure rule applied on the way.
 *
 * Coding is treatment (dummy) coding as R's default `contr.treatment`: each covariate has an
 * ordered list of levels, the first is the reference, and every other level gets a 0/1 column
 * named `<covariate>:<level>`. An interaction is the product of indicator expressions, each
 * either `<covariate>:<level>` or a named indicator (a set of levels of one covariate, such as
 * `geen_adres` = huisvesting in {briefadres, geen_inschrijving}); its column is named by
 * joining the factors with `*` (`geslacht:v*geen_adres`). Indicators are always evaluated on
 * the raw values, so merging a level (below) does not change what an interaction means.
 *
 * Disclosure rule (docs/models.md): with threshold k, a level with fewer than k records or fewer
 * than k events is not estimated but merged into the reference level; an interaction whose
 * column has fewer than k ones, or fewer than k events among them, is dropped. For the
 * logistic model "events" are both outcomes: a level with fewer than k records with
 * uitkomst 0 is merged too, because the coding of a binary outcome is arbitrary and such a
 * level is as revealing (and as close to separation) as one with few 1s. Every merge and
 * drop is reported in the design so the report can note it; the report gets the reason, not
 * the counts.
 */
import { InputError, InternalError } from '../util/errors.ts';
import { geenGetal, kolomLengte, kolomOntbreekt, nietNulOfEen, onbekendNiveau, tijdOngeldig, uitkomstOntbreekt } from './messages.ts';

/** The models' two kinds of outcome. */
export type ModelKind = 'cox' | 'logit';

/**
 * A model frame: one entry per record in every column.
 *
 * `tijd` (days, > 0) and `gebeurtenis` (0/1) are the outcome of a Cox model, `uitkomst` (0/1)
 * that of a logistic model.
 */
export interface Frame {
  readonly columns: Readonly<Record<string, readonly string[]>>;
  readonly tijd?: ArrayLike<number>;
  readonly gebeurtenis?: ArrayLike<number>;
  readonly uitkomst?: ArrayLike<number>;
}

/** A categorical covariate; `levels[0]` is the reference. */
export interface CovariateSpec {
  readonly name: string;
  readonly levels: readonly string[];
}

/** An indicator: 1 when `covariate` takes one of `levels`. */
export interface IndicatorSpec {
  readonly covariate: string;
  readonly levels: readonly string[];
}

/** What to build: the model's name (for messages), its kind, covariates and interactions. */
export interface DesignSpec<K extends ModelKind = ModelKind> {
  readonly model: string;
  readonly kind: K;
  readonly covariates: readonly CovariateSpec[];
  /** Named indicators usable as interaction factors. */
  readonly indicators?: Readonly<Record<string, IndicatorSpec>>;
  /** Each interaction is a list of factors: `<covariate>:<level>` or an indicator name. */
  readonly interactions?: readonly (readonly string[])[];
}

/** Why a level was merged or an interaction dropped: which count fell below k. */
export type SmallCount = 'records' | 'events' | 'non-events';

/** A level not estimated but counted with the reference level. */
export interface MergedLevel {
  readonly covariate: string;
  readonly level: string;
  readonly reference: string;
  readonly reason: SmallCount;
}

/** An interaction left out of the model. */
export interface DroppedTerm {
  readonly term: string;
  readonly reason: SmallCount;
}

/** What a column of the design is. */
export type TermInfo =
  | { readonly kind: 'level'; readonly term: string; readonly covariate: string; readonly level: string }
  | { readonly kind: 'interaction'; readonly term: string; readonly factors: readonly string[] }
  | { readonly kind: 'numeric'; readonly term: string };

interface DesignBase {
  readonly model: string;
  /** Number of records (rows). */
  readonly n: number;
  /** Number of columns (no intercept: the logistic fit adds its own). */
  readonly p: number;
  readonly terms: readonly TermInfo[];
  /** Row-major n x p matrix. */
  readonly x: Float64Array;
  readonly samengevoegd: readonly MergedLevel[];
  readonly weggelaten: readonly DroppedTerm[];
}

export interface CoxDesign extends DesignBase {
  readonly kind: 'cox';
  /** End of each row's interval at risk (days). */
  readonly tijd: Float64Array;
  readonly gebeurtenis: Uint8Array;
  /**
   * Start of each row's interval at risk, for counting-process rows (start, tijd] as R's
   * `Surv(start, stop, event)`; absent: every row is at risk from 0. Used by the time-split
   * fit (tijdsplitsing.ts), whose episodes start at the cut.
   */
  readonly entry?: Float64Array;
}

export interface LogitDesign extends DesignBase {
  readonly kind: 'logit';
  readonly uitkomst: Uint8Array;
}

export type Design = CoxDesign | LogitDesign;
type DesignOf<K extends ModelKind> = K extends 'cox' ? CoxDesign : LogitDesign;

/** The term names of a design, in column order. */
export function termNames(design: Design): string[] {
  return design.terms.map((t) => t.term);
}

interface Outcome {
  readonly n: number;
  readonly tijd?: Float64Array;
  readonly gebeurtenis?: Uint8Array;
  readonly uitkomst?: Uint8Array;
  /** The 0/1 the disclosure rule counts as "event". */
  readonly event: Uint8Array;
}

function zeroOne(model: string, name: string, values: ArrayLike<number>, n: number): Uint8Array {
  if (values.length !== n) {
    throw new InputError([kolomLengte(model, name, values.length, n)]);
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== 0 && v !== 1) {
      throw new InputError([nietNulOfEen(model, i + 1, name, v)]);
    }
    out[i] = v;
  }
  return out;
}

function readOutcome(frame: Frame, model: string, kind: ModelKind, n: number): Outcome {
  if (kind === 'cox') {
    if (!frame.tijd || !frame.gebeurtenis) {
      throw new InputError([uitkomstOntbreekt(model, 'cox')]);
    }
    if (frame.tijd.length !== n) {
      throw new InputError([kolomLengte(model, 'tijd', frame.tijd.length, n)]);
    }
    const tijd = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = frame.tijd[i]!;
      if (!Number.isFinite(t) || t <= 0) {
        throw new InputError([tijdOngeldig(model, i + 1, t)]);
      }
      tijd[i] = t;
    }
    const gebeurtenis = zeroOne(model, 'gebeurtenis', frame.gebeurtenis, n);
    return { n, tijd, gebeurtenis, event: gebeurtenis };
  }
  if (!frame.uitkomst) {
    throw new InputError([uitkomstOntbreekt(model, 'logit')]);
  }
  const uitkomst = zeroOne(model, 'uitkomst', frame.uitkomst, n);
  return { n, uitkomst, event: uitkomst };
}

/** The number of records: the outcome's length (every column is checked against it). */
function frameLength(frame: Frame, spec: DesignSpec): number {
  const outcome = spec.kind === 'cox' ? frame.tijd : frame.uitkomst;
  if (outcome) return outcome.length;
  const first = spec.covariates[0];
  return first ? (frame.columns[first.name]?.length ?? 0) : 0;
}

/** Codes a covariate column as level indices, refusing values outside the level list. */
function codeColumn(model: string, cov: CovariateSpec, values: readonly string[] | undefined, n: number): Int32Array {
  if (!values) throw new InputError([kolomOntbreekt(model, cov.name)]);
  if (values.length !== n) {
    throw new InputError([kolomLengte(model, cov.name, values.length, n)]);
  }
  const index = new Map(cov.levels.map((l, i) => [l, i]));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const code = index.get(values[i]!);
    if (code === undefined) {
      throw new InputError([onbekendNiveau(model, i + 1, cov.name, values[i]!, cov.levels)]);
    }
    codes[i] = code;
  }
  return codes;
}

function smallCount(records: number, events: number, k: number, kind: ModelKind): SmallCount | undefined {
  // A column of zeros can never be estimated, whatever k is.
  if (records < Math.max(k, 1)) return 'records';
  if (events < k) return 'events';
  if (kind === 'logit' && records - events < k) return 'non-events';
  return undefined;
}

/**
 * Builds the design matrix of a model from its frame, applying the disclosure rule with
 * threshold `k` (see the module comment). Throws InputError for a frame that does not fit the
 * spec (missing column, a value outside the level list, a bad outcome); a spec that refers to
 * unknown covariates or levels is a programmer error and throws an InternalError.
 */
export function buildDesign<K extends ModelKind>(frame: Frame, spec: DesignSpec<K>, k: number): DesignOf<K> {
  const { model, kind } = spec;
  if (!Number.isInteger(k) || k < 0) throw new InternalError(`buildDesign: k must be a non-negative integer, got ${k}`);
  const n = frameLength(frame, spec);
  const outcome = readOutcome(frame, model, kind, n);
  for (const c of spec.covariates) {
    if (c.levels.length === 0 || new Set(c.levels).size !== c.levels.length) {
      throw new InternalError(`buildDesign(${model}): covariate ${c.name} needs distinct levels`);
    }
  }
  const codes = new Map(spec.covariates.map((c) => [c.name, codeColumn(model, c, frame.columns[c.name], n)]));
  const rule: RuleInput = { spec, codes, event: outcome.event, n, k };
  const main = mainEffects(rule);
  const inter = interactionColumns(rule);
  const terms = [...main.terms, ...inter.terms];

  // The row-major matrix: the main effects' columns, then the interactions'.
  const p = terms.length;
  const x = new Float64Array(n * p);
  // Filled row by row (column by column would touch every cache line of the matrix p times):
  // per covariate, the column of each level (-1 for the reference and merged levels).
  const kolomVan = spec.covariates.map((c) => {
    const table = new Int32Array(c.levels.length).fill(-1);
    main.columnOf.forEach(({ covariate, code }, j) => {
      if (covariate === c.name) table[code] = j;
    });
    return { code: codes.get(c.name)!, table };
  });
  const first = main.columnOf.length;
  for (let i = 0; i < n; i++) {
    const row = i * p;
    for (const { code, table } of kolomVan) {
      const j = table[code[i]!]!;
      if (j >= 0) x[row + j] = 1;
    }
    for (let m = 0; m < inter.columns.length; m++) x[row + first + m] = inter.columns[m]![i]!;
  }

  const base = { model, n, p, terms, x, samengevoegd: main.samengevoegd, weggelaten: inter.weggelaten };
  const design: Design =
    kind === 'cox'
      ? { ...base, kind: 'cox', tijd: outcome.tijd!, gebeurtenis: outcome.gebeurtenis! }
      : { ...base, kind: 'logit', uitkomst: outcome.uitkomst! };
  return design as DesignOf<K>;
}

/** What the disclosure rule looks at: the covariates' level codes and the events, with k. */
interface RuleInput {
  readonly spec: DesignSpec;
  readonly codes: ReadonlyMap<string, Int32Array>;
  readonly event: Uint8Array;
  readonly n: number;
  readonly k: number;
}

/** Main effects: one column per non-reference level that passes the rule; the others are merged. */
function mainEffects({ spec, codes, event, n, k }: RuleInput): { terms: TermInfo[]; samengevoegd: MergedLevel[]; columnOf: { covariate: string; code: number }[] } {
  const terms: TermInfo[] = [];
  const samengevoegd: MergedLevel[] = [];
  const columnOf: { covariate: string; code: number }[] = [];
  for (const c of spec.covariates) {
    const code = codes.get(c.name)!;
    const records = new Float64Array(c.levels.length);
    const events = new Float64Array(c.levels.length);
    for (let i = 0; i < n; i++) {
      records[code[i]!]! += 1;
      events[code[i]!]! += event[i]!;
    }
    for (let l = 1; l < c.levels.length; l++) {
      const reason = smallCount(records[l]!, events[l]!, k, spec.kind);
      if (reason) {
        samengevoegd.push({ covariate: c.name, level: c.levels[l]!, reference: c.levels[0]!, reason });
        continue;
      }
      terms.push({ kind: 'level', term: `${c.name}:${c.levels[l]}`, covariate: c.name, level: c.levels[l]! });
      columnOf.push({ covariate: c.name, code: l });
    }
  }
  return { terms, samengevoegd, columnOf };
}

/** Interactions: products of indicators on the raw values; those that break the rule are dropped. */
function interactionColumns({ spec, codes, event, n, k }: RuleInput): { terms: TermInfo[]; weggelaten: DroppedTerm[]; columns: Uint8Array[] } {
  const covByName = new Map(spec.covariates.map((c) => [c.name, c]));
  const terms: TermInfo[] = [];
  const weggelaten: DroppedTerm[] = [];
  const columns: Uint8Array[] = [];
  for (const factors of spec.interactions ?? []) {
    const term = factors.join('*');
    const product = new Uint8Array(n).fill(1);
    for (const f of factors) {
      const ind = resolveIndicator(spec, covByName, f);
      const code = codes.get(ind.covariate)!;
      const cov = covByName.get(ind.covariate)!;
      const hit = new Uint8Array(cov.levels.length);
      for (const l of ind.levels) hit[cov.levels.indexOf(l)] = 1;
      for (let i = 0; i < n; i++) product[i]! &= hit[code[i]!]!;
    }
    let ones = 0;
    let events = 0;
    for (let i = 0; i < n; i++) {
      ones += product[i]!;
      events += product[i]! & event[i]!;
    }
    const reason = smallCount(ones, events, k, spec.kind);
    if (reason) {
      weggelaten.push({ term, reason });
      continue;
    }
    terms.push({ kind: 'interaction', term, factors: [...factors] });
    columns.push(product);
  }
  return { terms, weggelaten, columns };
}

function resolveIndicator(spec: DesignSpec, covByName: Map<string, CovariateSpec>, factor: string): IndicatorSpec {
  const named = spec.indicators?.[factor];
  let ind: IndicatorSpec;
  if (named) {
    ind = named;
  } else {
    const at = factor.indexOf(':');
    if (at < 0) throw new InternalError(`buildDesign(${spec.model}): unknown indicator '${factor}'`);
    ind = { covariate: factor.slice(0, at), levels: [factor.slice(at + 1)] };
  }
  const cov = covByName.get(ind.covariate);
  if (!cov) throw new InternalError(`buildDesign(${spec.model}): indicator '${factor}' refers to unknown covariate '${ind.covariate}'`);
  for (const l of ind.levels) {
    if (!cov.levels.includes(l)) throw new InternalError(`buildDesign(${spec.model}): '${factor}' refers to unknown level '${l}' of ${cov.name}`);
  }
  return ind;
}

/**
 * A design from numeric columns, for models with continuous covariates (and the tests that
 * compare with R on its classic data sets). No disclosure rule is applied.
 */
export function designFromColumns(args: {
  model: string;
  terms: readonly string[];
  /** One array per term, each with one value per record. */
  columns: readonly ArrayLike<number>[];
  tijd?: ArrayLike<number>;
  gebeurtenis?: ArrayLike<number>;
  uitkomst?: ArrayLike<number>;
}): Design {
  const { model, terms } = args;
  const kind: ModelKind = args.tijd ? 'cox' : 'logit';
  const n = args.tijd?.length ?? args.uitkomst?.length ?? 0;
  if (args.columns.length !== terms.length) throw new InternalError('designFromColumns: one column per term');
  const frame: Frame = { columns: {}, ...(args.tijd ? { tijd: args.tijd, gebeurtenis: args.gebeurtenis ?? [] } : {}), ...(args.uitkomst ? { uitkomst: args.uitkomst } : {}) };
  const outcome = readOutcome(frame, model, kind, n);
  const p = terms.length;
  const x = new Float64Array(n * p);
  args.columns.forEach((col, j) => {
    if (col.length !== n) throw new InternalError(`designFromColumns: column ${terms[j]} has ${col.length} values, expected ${n}`);
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      if (!Number.isFinite(v)) throw new InputError([geenGetal(model, i + 1, terms[j]!, v)]);
      x[i * p + j] = v;
    }
  });
  const base = { model, n, p, terms: terms.map((term): TermInfo => ({ kind: 'numeric', term })), x, samengevoegd: [], weggelaten: [] };
  return kind === 'cox'
    ? { ...base, kind: 'cox', tijd: outcome.tijd!, gebeurtenis: outcome.gebeurtenis! }
    : { ...base, kind: 'logit', uitkomst: outcome.uitkomst! };
}
