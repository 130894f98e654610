/**
 * Compute the models of the monitor on the working tables: build the frames (frames.ts), fit
 * cox_basis, cox_interactie, cox_landmark_6m and logit_werk_6m with the disclosure rule
 * (uitkomst.ts), and read the Kaplan–Meier curves with their delay and suppression
 * (km-curves.ts, disclosure.ts); then the notes the report prints under the models.
 *
 *   working tables ──buildModelFrames──> frames ──fitModel(k)──> ModelUitkomst ──notenVan──> ModelNoot
 *                                       km_record ──kmPunten(k)──> KmPunt
 *
 * What leaves this module is fit for publication: coefficients of levels and interactions
 * that passed the rule, counts of whole models that passed it (rounded down to a multiple of k),
 * and the delayed Kaplan–Meier curves with rounded at_risk, whose suppressed values are null.
 * Person-level data stay in the connection.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Editie } from '../edition/edition.ts';
import type { SmallCount } from './design.ts';
import type { ModelFailure } from './errors.ts';
import { startFitPool } from './fit-pool.ts';
import type { FitTaak } from './fit-transfer.ts';
import {
  buildModelFrames,
  decodeModelFrame,
  kmUitsplitsingen,
  modelDefinities,
  readKmRecords,
  readModelFrame,
  readModelFrameCodes,
  type KmRecords,
  type ModelFrame,
  type ModelFrameCodes,
  type ModelNaam,
} from './frames.ts';
import { kmPunten, type KmOnderdrukking, type KmPunt } from './km-curves.ts';
import { fitModel, type BijFout, type ModelRegel, type ModelUitkomst } from './uitkomst.ts';

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
  readonly bijFout?: BijFout;
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
 * the edition's disclosure threshold. On the calling thread, one step after another.
 */
export async function computeModels(
  conn: DuckDBConnection,
  edition: Editie,
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
  // cox_basis and cox_interactie share their frame.
  const frames = new Map<string, ModelFrame>();
  const modellen: ModelUitkomst[] = [];
  for (const d of modelDefinities(edition)) {
    const frame = frames.get(d.tabel) ?? (await readModelFrame(conn, d));
    frames.set(d.tabel, frame);
    modellen.push(fitModel(d, frame, k, options.bijFout ?? 'melden'));
    meet(d.model);
  }
  const km = kmResultaat(await readKmRecords(conn, edition), edition, options.indicatoren);
  meet('km');
  return modelResultaten(edition, modellen, km);
}

/** computeModels in two halves, the fits in worker threads in between (startModels). */
export interface LopendeModellen {
  /** The Kaplan–Meier curves (with the published tellers, see ComputeModelsOptions) and the fits: what computeModels returns. */
  finish(options: Pick<ComputeModelsOptions, 'indicatoren'>): Promise<ModelResults>;
  /** Ends the worker threads, also when finish is never called (the build stopped). Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartModelsOptions extends Pick<ComputeModelsOptions, 'bijFout'> {
  /** Fit in this many worker threads (fit-pool.ts); 0 fits in finish, on the calling thread. */
  readonly werkers: number;
  /**
   * Use the workers only when the uitstroom has at least this many records (default
   * WERKERS_VANAF); with fewer, the fits take less than starting a worker, and run in finish.
   */
  readonly vanaf?: number;
  /**
   * Runs once the frames and the Kaplan–Meier records are read and before any fit starts: the
   * build drops there what the indicator counts do not read, so that the fits grow in the room
   * DuckDB gave back rather than beside it.
   */
  readonly voorDeFits?: () => Promise<void>;
}

/**
 * From this many uitstroom records the fits run in worker threads. Starting one costs about
 * 0.3 s of CPU; the fits take about 5 s at scale 1 (130,000 records) and a tenth of that on the
 * committed data (13,000), whose builds (and the tests) are better off without.
 */
const WERKERS_VANAF = 50_000;

/**
 * The part of computeModels that needs the connection: builds the model frames, reads them and
 * the Kaplan–Meier population, then (after `voorDeFits`) hands the frames to worker threads.
 * The connection is free again when this returns, while the fits run; finish computes the
 * curves and joins the fits. The results are those of computeModels, to the byte.
 *
 * The fits start only when everything is read, not as each frame is: at scale 10 a fit grows to
 * several hundred megabytes, and beside a DuckDB still holding the extracts and working tables
 * the build went over 4 GB. Reading the other frames takes a few seconds of the fits' minute.
 */
export async function startModels(conn: DuckDBConnection, edition: Editie, peildatum: string, options: StartModelsOptions): Promise<LopendeModellen> {
  const records = options.werkers > 0 ? await uitstroomRecords(conn) : 0;
  // Started first, so that the workers load their code while DuckDB builds the frames.
  const pool = options.werkers > 0 && records >= (options.vanaf ?? WERKERS_VANAF) ? startFitPool(options.werkers) : undefined;
  try {
    await buildModelFrames(conn, edition, peildatum);
    const k = edition.drempel;
    const bijFout = options.bijFout ?? 'melden';
    const frames = new Map<string, ModelFrameCodes>();
    let taken: FitTaak[] = [];
    for (const d of modelDefinities(edition)) {
      const frame = frames.get(d.tabel) ?? (await readModelFrameCodes(conn, d));
      frames.set(d.tabel, frame);
      taken.push({ definitie: d, frame, k, bijFout });
    }
    frames.clear();
    const km = await readKmRecords(conn, edition);
    await options.voorDeFits?.();
    // With workers, each fit in model order, and no frame kept here (the worker has its copy);
    // without, the tasks are fitted in finish.
    const fits = pool ? taken.map((t) => pool.fit(t)) : [];
    // Their errors are thrown by finish; until then they are not unhandled.
    for (const fit of fits) fit.catch(() => undefined);
    if (pool) taken = [];
    return {
      async finish({ indicatoren }) {
        try {
          // On this thread while the workers fit.
          const kmPunten = kmResultaat(km, edition, indicatoren);
          const modellen: ModelUitkomst[] = [];
          // In model order: the first model whose fit threw throws here, as in computeModels.
          for (const fit of fits) modellen.push(await fit);
          for (const t of taken) modellen.push(fitModel(t.definitie, decodeModelFrame(t.frame), t.k, t.bijFout));
          return modelResultaten(edition, modellen, kmPunten);
        } finally {
          await pool?.stop();
        }
      },
      stop: async () => pool?.stop(),
    };
  } catch (e) {
    await pool?.stop();
    throw e;
  }
}

/** The number of uitstroom records (0 before the working tables exist). */
async function uitstroomRecords(conn: DuckDBConnection): Promise<number> {
  const r = await conn.runAndReadAll("SELECT estimated_size::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'uitstroom'");
  return Number(r.getRowObjectsJS()[0]?.['n'] ?? 0);
}

/** The Kaplan–Meier curves of the records, each curve by cohort and groep kept away from the published recidive_2j teller. */
function kmResultaat(records: KmRecords, edition: Editie, indicatoren: ComputeModelsOptions['indicatoren']): Pick<ModelResults, 'km' | 'kmOnderdrukkingen'> {
  const gekoppeld = new Map<string, number[]>();
  for (const i of indicatoren ?? [])
    if (i.indicator === 'recidive_2j' && i.teller !== null) gekoppeld.set(`${i.cohort}|${i.groep}`, [i.teller]);
  return kmPunten(records, edition.cohorten.map(String), edition.drempel, gekoppeld, kmUitsplitsingen(edition.basisvoorwaarden));
}

function modelResultaten(edition: Editie, modellen: ModelUitkomst[], { km, kmOnderdrukkingen }: Pick<ModelResults, 'km' | 'kmOnderdrukkingen'>): ModelResults {
  return {
    drempel: edition.drempel,
    cohorten: edition.cohorten.map(String),
    modellen,
    km,
    kmOnderdrukkingen,
    noten: modellen.flatMap(notenVan),
  };
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
