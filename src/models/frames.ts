/**
 * The model frames: from the indicator engine's working tables (and justitie, banen, adressen)
 * to one frame per model, plus the Kaplan–Meier population (docs/models.md).
 *
 *   uitstroom, status, verloop ──sql/01-recidive.sql──> recidive_volgtijd (follow-up)
 *                               ──sql/02-kenmerken.sql─> model_kenmerken, landmark_6m (covariates)
 *                               ──sql/03-frames.sql────> modelframe_* and km_record
 *   frame view ──readModelFrame──> Frame (covariate levels as text) ──buildDesign──> design
 *
 * The definitions of the four models (frame view, covariates with their levels,
 * interactions) live here, next to the SQL that builds their frames; uitkomst.ts fits them.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Editie } from '../edition/edition.ts';
import { HUISVESTING, RIK_KV, type Basisvoorwaarde } from '../vocabulary/lists.ts';
import { InternalError } from '../util/errors.ts';
import { fillSql, isoDateLiteral, sqlSteps, wordListLiteral } from '../util/sql.ts';
import type { CovariateSpec, DesignSpec, Frame, IndicatorSpec, ModelKind } from './design.ts';

const SQL_DIR = new URL('./sql/', import.meta.url);

/** The models of docs/models.md, in the order of modellen.csv. */
export const MODELLEN = ['cox_basis', 'cox_interactie', 'cox_landmark_6m', 'logit_werk_6m'] as const;
export type ModelNaam = (typeof MODELLEN)[number];

/**
 * The covariates and their levels, reference first (docs/models.md, "Covariates"); the one list
 * of each that the charts and tables of these covariates take too.
 */
export const NIVEAUS = {
  id: ['geldig', 'ongeldig', 'onbekend'],
  activiteit: ['geen', 'werk', 'opleiding', 'uitkering'],
  huisvesting: HUISVESTING,
  wanbetaler: ['nee', 'ja'],
  startkwalificatie: ['ja', 'nee', 'onbekend'],
  geslacht: ['m', 'v'],
  leeftijd: ['25-34', '18-24', '35-44', '45+'],
  eerdere_zaken: ['0', '1-2', '3-5', '6-10', '11+'],
  detentieduur: ['14-30', '31-90', '91-365', '366+'],
  werk_1m_voor: ['nee', 'ja'],
  zelfde_baan: ['nee', 'ja'],
  stabiel_wonen: ['nee', 'ja'],
} as const satisfies Record<string, readonly string[]>;
type Covariaat = keyof typeof NIVEAUS | 'cohort';

/** One model: its frame (a view of sql/03-frames.sql), its terms, and where it is measured. */
export interface ModelDefinitie {
  readonly model: ModelNaam;
  readonly kind: ModelKind;
  /** The view holding the model's frame (sql/03-frames.sql). */
  readonly tabel: string;
  /** The covariates, in the order of the terms and of the verification frame's columns. */
  readonly covariaten: readonly Covariaat[];
  readonly design: DesignSpec;
  /** The moment the covariates describe (the audit file's `moment`). */
  readonly moment: '1m_na' | '6m_na';
}

const CONTROLES: readonly Covariaat[] = ['geslacht', 'leeftijd', 'eerdere_zaken'];
const BASIS: readonly Covariaat[] = [
  'id',
  'activiteit',
  'huisvesting',
  'wanbetaler',
  'startkwalificatie',
  ...CONTROLES,
  'detentieduur',
  'cohort',
];

/** The named indicators of cox_interactie (docs/models.md). */
const INDICATOREN: Readonly<Record<string, IndicatorSpec>> = {
  geen_adres: { covariate: 'huisvesting', levels: ['briefadres', 'geen_inschrijving'] },
  inkomen: { covariate: 'activiteit', levels: ['werk', 'uitkering'] },
  veel_eerdere_zaken: { covariate: 'eerdere_zaken', levels: ['6-10', '11+'] },
};

/** The basisvoorwaarde a covariate measures; the controls belong to none. An edition that does not measure it has no such covariate. */
const COVARIAAT_BASISVOORWAARDE: Partial<Record<Covariaat, Basisvoorwaarde>> = {
  id: 'id',
  activiteit: 'werk_inkomen',
  startkwalificatie: 'werk_inkomen',
  werk_1m_voor: 'werk_inkomen',
  zelfde_baan: 'werk_inkomen',
  huisvesting: 'huisvesting',
  stabiel_wonen: 'huisvesting',
  wanbetaler: 'schulden',
};

/** Does the edition measure what this covariate (or interaction factor, `geslacht:v`, `geen_adres`) describes? */
function gemeten(naam: string, basisvoorwaarden: readonly Basisvoorwaarde[]): boolean {
  const covariaat = (INDICATOREN[naam]?.covariate ?? naam.split(':')[0]!) as Covariaat;
  const b = COVARIAAT_BASISVOORWAARDE[covariaat];
  return b === undefined || basisvoorwaarden.includes(b);
}

/** The Kaplan–Meier breakdowns by category an edition has: only of what it measures. */
export function kmUitsplitsingen(basisvoorwaarden: readonly Basisvoorwaarde[]): KmUitsplitsing[] {
  return KM_UITSPLITSINGEN.filter((u) => gemeten(u, basisvoorwaarden));
}

/** The four models with every covariate and interaction, before an edition leaves out what it does not measure. */
const VOLLEDIGE_MODELLEN: readonly (Omit<ModelDefinitie, 'design'> & { readonly interacties?: readonly (readonly string[])[] })[] = [
  { model: 'cox_basis', kind: 'cox', tabel: 'modelframe_recidive', covariaten: BASIS, moment: '1m_na' },
  {
    model: 'cox_interactie',
    kind: 'cox',
    tabel: 'modelframe_recidive',
    covariaten: BASIS,
    moment: '1m_na',
    interacties: [
      ['geslacht:v', 'geen_adres'],
      ['inkomen', 'wanbetaler:ja'],
      ['inkomen', 'veel_eerdere_zaken'],
    ],
  },
  {
    model: 'cox_landmark_6m',
    kind: 'cox',
    tabel: 'modelframe_landmark_6m',
    covariaten: ['zelfde_baan', 'stabiel_wonen', ...CONTROLES, 'cohort'],
    moment: '6m_na',
  },
  {
    model: 'logit_werk_6m',
    kind: 'logit',
    tabel: 'modelframe_werk_6m',
    covariaten: ['id', 'huisvesting', 'wanbetaler', 'startkwalificatie', 'werk_1m_voor', ...CONTROLES, 'detentieduur', 'cohort'],
    moment: '1m_na',
  },
];

/**
 * The model definitions of an edition: the cohort levels are the edition's cohorts, and a
 * covariate (or interaction) of a basisvoorwaarde the edition does not measure is left out.
 */
export function modelDefinities(edition: Pick<Editie, 'cohorten' | 'basisvoorwaarden'>): ModelDefinitie[] {
  const spec = (name: Covariaat): CovariateSpec => ({
    name,
    levels: name === 'cohort' ? edition.cohorten.map(String) : NIVEAUS[name],
  });
  return VOLLEDIGE_MODELLEN.map(({ model, kind, tabel, covariaten, moment, interacties }): ModelDefinitie => {
    const eigen = covariaten.filter((c) => gemeten(c, edition.basisvoorwaarden));
    const eigenInteracties = interacties?.filter((f) => f.every((x) => gemeten(x, edition.basisvoorwaarden)));
    return {
      model,
      kind,
      tabel,
      covariaten: eigen,
      moment,
      design: {
        model,
        kind,
        covariates: eigen.map(spec),
        ...(eigenInteracties && eigenInteracties.length > 0 ? { indicators: INDICATOREN, interactions: eigenInteracties } : {}),
      },
    };
  });
}

async function tableExists(conn: DuckDBConnection, name: string): Promise<boolean> {
  const r = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = '${name}'`);
  return Number(r.getRowObjectsJS()[0]!['n']) > 0;
}

/**
 * Builds the follow-up, covariate and frame tables of sql/ in the connection. Expects the
 * indicator engine's working tables (buildWorkingTables in src/indicators/compute.ts), built
 * for the same edition and peildatum; their absence is a programmer error.
 */
export async function buildModelFrames(conn: DuckDBConnection, edition: Editie, peildatum: string): Promise<void> {
  for (const t of ['uitstroom', 'status', 'verloop']) {
    if (!(await tableExists(conn, t))) {
      throw new InternalError(`buildModelFrames: working table '${t}' is missing; run buildWorkingTables first`);
    }
  }
  const waarden = { peildatum: isoDateLiteral(peildatum), afdoeningen: wordListLiteral(edition.recidive_afdoeningen) };
  for (const step of sqlSteps(SQL_DIR)) await conn.run(fillSql(step.sql, waarden));
}

/** A model's frame as buildDesign takes it, with its definition. */
export interface ModelFrame {
  readonly definitie: ModelDefinitie;
  readonly n: number;
  readonly frame: Frame;
}

/**
 * Runs a query whose columns are all INTEGER and reads them chunk by chunk into typed arrays
 * (reading text values one by one through the generic converters costs about ten times as
 * much). A NULL is a programmer error here: every column is coded in full.
 */
async function readIntegers(conn: DuckDBConnection, sql: string, names: readonly string[]): Promise<{ n: number; cols: Int32Array[] }> {
  const result = await conn.run(sql);
  const parts: Int32Array[][] = names.map(() => []);
  let n = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const rows = chunk.rowCount;
    names.forEach((name, c) => {
      const vector = chunk.getColumnVector(c);
      const out = new Int32Array(rows);
      for (let i = 0; i < rows; i++) {
        const v = vector.getItem(i);
        if (typeof v !== 'number') throw new InternalError(`model frame column ${name}: expected an integer, got ${String(v)}`);
        out[i] = v;
      }
      parts[c]!.push(out);
    });
    n += rows;
  }
  const cols = parts.map((list) => {
    const all = new Int32Array(n);
    let at = 0;
    for (const p of list) {
      all.set(p, at);
      at += p.length;
    }
    return all;
  });
  return { n, cols };
}

/** SQL for a covariate's level index (0 = reference); a value outside the list gives NULL. */
function levelCode(column: string, levels: readonly string[]): string {
  const list = levels.map((l) => `'${l.replace(/'/g, "''")}'`).join(', ');
  return `CAST(list_position([${list}], ${column}) - 1 AS INTEGER)`;
}

function decode(codes: Int32Array, levels: readonly string[]): (string | null)[] {
  const out = new Array<string | null>(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i]! < 0 ? null : levels[codes[i]!]!;
  return out;
}

function levelsOf(definitie: ModelDefinitie, name: string): readonly string[] {
  const c = definitie.design.covariates.find((x) => x.name === name);
  if (!c) throw new InternalError(`${definitie.model}: no covariate ${name}`);
  return c.levels;
}

/**
 * A model's frame as read from DuckDB: the outcome columns and each covariate's level indices
 * (0 = the first level of its definition). Typed arrays only, so that it passes to a worker
 * thread as a copy of a few buffers (run.ts, fit-pool.ts); decodeModelFrame makes the Frame.
 */
export interface ModelFrameCodes {
  readonly definitie: ModelDefinitie;
  readonly n: number;
  /** tijd and gebeurtenis (Cox), or uitkomst (logistic). */
  readonly uitkomst: readonly Int32Array[];
  /** In the order of definitie.covariaten. */
  readonly codes: readonly Int32Array[];
}

/** Reads one model's frame as level indices (after buildModelFrames), in detentie_id order. */
export async function readModelFrameCodes(conn: DuckDBConnection, definitie: ModelDefinitie): Promise<ModelFrameCodes> {
  const uitkomst = definitie.kind === 'cox' ? ['tijd', 'gebeurtenis'] : ['uitkomst'];
  const exprs = [...uitkomst, ...definitie.covariaten.map((c) => `${levelCode(c, levelsOf(definitie, c))} AS ${c}`)];
  const names = [...uitkomst, ...definitie.covariaten];
  const { n, cols } = await readIntegers(conn, `SELECT ${exprs.join(', ')} FROM ${definitie.tabel} ORDER BY detentie_id`, names);
  const codes = cols.slice(uitkomst.length);
  definitie.covariaten.forEach((c, j) => {
    if (codes[j]!.some((x) => x < 0)) throw new InternalError(`${definitie.model}: covariate ${c} has a value outside its levels`);
  });
  return { definitie, n, uitkomst: cols.slice(0, uitkomst.length), codes };
}

/** The frame of level indices with each covariate's levels as text, as buildDesign takes it. */
export function decodeModelFrame({ definitie, n, uitkomst, codes }: ModelFrameCodes): ModelFrame {
  const columns: Record<string, string[]> = {};
  definitie.covariaten.forEach((c, j) => {
    columns[c] = decode(codes[j]!, levelsOf(definitie, c)) as string[];
  });
  const frame: Frame =
    definitie.kind === 'cox'
      ? { columns, tijd: uitkomst[0]!, gebeurtenis: uitkomst[1]! }
      : { columns, uitkomst: uitkomst[0]! };
  return { definitie, n, frame };
}

/** Reads one model's frame (after buildModelFrames), in detentie_id order. */
export async function readModelFrame(conn: DuckDBConnection, definitie: ModelDefinitie): Promise<ModelFrame> {
  return decodeModelFrame(await readModelFrameCodes(conn, definitie));
}

/**
 * The breakdowns of the Kaplan–Meier curves for rik (docs/models.md, "Kaplan–Meier"). Their
 * covariates are measured at 1m_na, so their curves follow the landmark at 1m_na.
 */
export const KM_UITSPLITSINGEN = ['id', 'activiteit', 'huisvesting', 'wanbetaler'] as const;
export type KmUitsplitsing = (typeof KM_UITSPLITSINGEN)[number];

/** The Kaplan–Meier population, column by column (categories are null for kv). */
export interface KmRecords {
  readonly n: number;
  readonly cohort: readonly string[];
  readonly groep: readonly string[];
  /** Days from release (the curves by cohort and groep). */
  readonly tijd: Int32Array;
  readonly gebeurtenis: Int32Array;
  /** 1 when the record is in the landmark at 1m_na (the curves by category), else 0. */
  readonly landmark1m: Int32Array;
  /** Days from the 1m_na date, for records in the landmark (0 for the others). */
  readonly tijd1m: Int32Array;
  readonly categorie: Readonly<Record<KmUitsplitsing, readonly (string | null)[]>>;
}

/** Reads the Kaplan–Meier population (after buildModelFrames), in detentie_id order. */
export async function readKmRecords(conn: DuckDBConnection, edition: Pick<Editie, 'cohorten'>): Promise<KmRecords> {
  const cohorten = edition.cohorten.map(String);
  const names = ['cohort', 'groep', 'tijd', 'gebeurtenis', 'landmark_1m', 'tijd_1m', ...KM_UITSPLITSINGEN];
  const exprs = [
    levelCode('cohort', cohorten),
    levelCode('groep', RIK_KV),
    'tijd',
    'gebeurtenis',
    'landmark_1m',
    'tijd_1m',
    // Categories exist for rik only: -1 for kv.
    ...KM_UITSPLITSINGEN.map((u) => `coalesce(${levelCode(u, NIVEAUS[u])}, -1)`),
  ];
  const { n, cols } = await readIntegers(conn, `SELECT ${exprs.join(', ')} FROM km_record ORDER BY detentie_id`, names);
  const [cohort, groep, tijd, gebeurtenis, landmark1m, tijd1m] = cols as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  return {
    n,
    cohort: decode(cohort, cohorten) as string[],
    groep: decode(groep, RIK_KV) as string[],
    tijd,
    gebeurtenis,
    landmark1m,
    tijd1m,
    categorie: {
      id: decode(cols[6]!, NIVEAUS.id),
      activiteit: decode(cols[7]!, NIVEAUS.activiteit),
      huisvesting: decode(cols[8]!, NIVEAUS.huisvesting),
      wanbetaler: decode(cols[9]!, NIVEAUS.wanbetaler),
    },
  };
}
