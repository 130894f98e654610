/**
 * The synthetic extract generator: a complete extract set in the contract of docs/extracts.md.
 *
 *   entry months 1992.. -> persons (own random stream each) -> Life.run -> rows
 *        -> one streaming writer per extract -> (Parquet) -> extractie.json -> rename into place
 *
 * The population is a stream of first detentions, a fixed number per month at a given scale;
 * each person is simulated from a while before that first detention up to the peildatum and
 * written when they have a release from 2008 on. The same seed, scale and options give
 * byte-identical files; a later peildatum continues the same lives.
 */
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXTRACT_FORMS, EXTRACT_NAMES, extractSpec, ID_KOLOMMEN, type ExtractForm, type ExtractName, type Extractie } from '../extracts/contract.ts';
import type { Basisvoorwaarde } from '../vocabulary/lists.ts';
import { dayFromIso, dayFromParts } from './dates.ts';
import { CAREER, HOUSING, WINDOW } from './params.ts';
import type { Rows, World } from './life-state.ts';
import { Life } from './person.ts';
import { hashWords, Rng } from './random.ts';
import { csvToParquet, ExtractWriter, type Format } from './writer.ts';

export const DEFAULT_PEILDATUM = '2019-06-30';

/**
 * The basisvoorwaarden an extract set can be made without: the ID columns of detenties, the
 * zorg extract.
 */
export const WEGLAATBAAR = ['id', 'zorg'] as const satisfies readonly Basisvoorwaarde[];
export type Weglaatbaar = (typeof WEGLAATBAAR)[number];

export interface SynthOptions {
  /** 1 = the full-size population (about 32,000 uitstroom records a year) */
  scale: number;
  seed: number;
  /** output folder; created when missing; earlier extract files in it are replaced */
  out: string;
  /** YYYY-MM-DD */
  peildatum: string;
  format: Format;
  /** Parts left out of the set, as an edition that does not measure them gets its extracts
   * (the 7th meting: no ID columns, no zorg). The lives are the same either way. */
  zonder?: readonly Weglaatbaar[];
}

export interface SynthSummary {
  personen: number;
  rijen: Partial<Record<ExtractName, number>>;
  bestanden: string[];
}

const FORM_SUFFIX: Record<Format, ExtractForm> = { csv: '.csv', 'csv.gz': '.csv.gz', parquet: '.parquet' };

/** The World shared by every life of one run. */
function makeWorld(opts: Pick<SynthOptions, 'scale' | 'seed' | 'peildatum'>): World {
  const s = opts.seed >>> 0;
  return {
    seed: s,
    horizon: dayFromIso(opts.peildatum),
    releasesFrom: dayFromIso(WINDOW.releasesFrom),
    spellsFrom: dayFromIso(WINDOW.spellsFrom),
    aantalInstellingen: Math.max(20, Math.round(HOUSING.instellingenPerSchaal * opts.scale)),
    aantalBriefadressen: Math.max(10, Math.round(HOUSING.briefadressenPerSchaal * opts.scale)),
    keys: {
      persoon: hashWords(s, 1),
      detentie: hashWords(s, 2),
      zaak: hashWords(s, 3),
      baan: hashWords(s, 4),
      adres: hashWords(s, 5),
      pool: hashWords(s, 6),
    },
  };
}

/**
 * Every person of the run, in order: calls `visit(rows)` with the rows of each written person.
 * The number of first detentions in a month is the expected number rounded by a draw from the
 * month's own stream, so it does not depend on the peildatum either.
 */
async function forEachPerson(
  opts: Pick<SynthOptions, 'scale' | 'seed' | 'peildatum'>,
  visit: (rows: Rows) => void | Promise<void>,
): Promise<number> {
  const world = makeWorld(opts);
  const rows = Object.fromEntries(EXTRACT_NAMES.map((n) => [n, [] as string[]])) as unknown as Rows;
  const perMonth = (CAREER.entriesPerYear * opts.scale) / 12;
  let written = 0;
  for (let m = 0; ; m++) {
    const year = CAREER.entryStartYear + Math.floor(m / 12);
    const month = (m % 12) + 1;
    const first = dayFromParts(year, month, 1);
    if (first > world.horizon) break;
    const days = dayFromParts(year, month + 1, 1) - first;
    const early = 1 + CAREER.entryTrend * (Math.min(year, CAREER.entryTrendUntil) - 2013);
    const trend = Math.max(0.5, early * (1 + CAREER.entryTrendLate * Math.max(0, year - CAREER.entryTrendUntil)));
    const n = Math.floor(perMonth * trend + new Rng(world.seed, 0x7fffffff, m).uniform());
    for (let j = 0; j < n; j++) {
      const entry = first + (hashWords(world.seed, m, j, 0x5eed) % days);
      if (entry > world.horizon) continue;
      for (const name of EXTRACT_NAMES) rows[name].length = 0;
      const life = new Life(world, m * 2 ** 20 + j, rows);
      if (life.run(entry)) {
        written++;
        await visit(rows);
      }
    }
  }
  return written;
}

/** The extractie.json description: what the set is, what it is calibrated on, what it leaves out. */
function omschrijving(opts: SynthOptions): string {
  const zonder = opts.zonder ?? [];
  const delen = [
    `Synthetische extracten (schaal ${opts.scale}, seed ${opts.seed}). Geen echte personen.`,
    'De uitstroomcohorten 2013–2016 zijn gekalibreerd op de gepubliceerde cijfers van de 6e meting van de ' +
      'Monitor nazorg ex-gedetineerden.',
  ];
  if (opts.peildatum >= '2018-01-01') {
    delen.push(
      'De cohorten vanaf 2017 volgen synthetische doelen: aannames die de niveaus en trends van de 6e meting ' +
        'voortzetten, geen gepubliceerde cijfers (de 7e meting is niet beschikbaar).',
    );
  }
  // Which parts are left out is visible in the files themselves; the description (printed in the
  // colophon) does not name them, so a report names a basisvoorwaarde it does not measure only
  // where it says why.
  if (zonder.length > 0) delen.push('Extracten en kolommen die de meting niet gebruikt, zijn weggelaten.');
  return delen.join(' ');
}

/** Generate a complete extract set into `opts.out`. */
export async function generateExtracts(opts: SynthOptions, progress?: (message: string) => void): Promise<SynthSummary> {
  await mkdir(opts.out, { recursive: true });
  const tmp = join(opts.out, `.synth-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp);
  try {
    const csvGz = opts.format === 'csv.gz';
    const zonder = new Set(opts.zonder ?? []);
    const names = EXTRACT_NAMES.filter((n) => !(n === 'zorg' && zonder.has('zorg')));
    const writers = names.map((name) => {
      const all = extractSpec(name).columns.map((c) => c.name);
      const columns = name === 'detenties' && zonder.has('id') ? all.filter((c) => !(ID_KOLOMMEN as readonly string[]).includes(c)) : all;
      return new ExtractWriter(name, join(tmp, name + (csvGz ? '.csv.gz' : '.csv')), csvGz, columns);
    });
    // The rows are made with every column; a writer with fewer keeps the leading fields.
    const cut = (w: ExtractWriter, lines: string[]): string[] => {
      const n = w.columns.length;
      if (n === extractSpec(w.name).columns.length) return lines;
      return lines.map((l) => l.split(',', n).join(','));
    };
    let count = 0;
    const personen = await forEachPerson(opts, async (rows) => {
      let ok = true;
      for (const w of writers) ok = w.add(cut(w, rows[w.name])) && ok;
      if (!ok) for (const w of writers) await w.drain();
      if (++count % 50_000 === 0) progress?.(`${count} personen geschreven`);
    });
    for (const w of writers) await w.close();
    const rijen = Object.fromEntries(writers.map((w) => [w.name, w.rows])) as Partial<Record<ExtractName, number>>;

    if (opts.format === 'parquet') {
      for (const w of writers) await csvToParquet(w.name, w.path, join(tmp, `${w.name}.parquet`), w.columns);
    }
    const extractie: Extractie = { peildatum: opts.peildatum, bron: 'synthetisch', omschrijving: omschrijving(opts) };
    await writeFile(join(tmp, 'extractie.json'), JSON.stringify(extractie, null, 2) + '\n');

    // Replace an earlier extract set in the folder (every form of every extract) and move in.
    const existing = new Set(await readdir(opts.out));
    for (const name of EXTRACT_NAMES) {
      for (const suffix of EXTRACT_FORMS) {
        if (existing.has(name + suffix)) await rm(join(opts.out, name + suffix));
      }
    }
    const bestanden = [...names.map((n) => n + FORM_SUFFIX[opts.format]), 'extractie.json'];
    for (const f of bestanden) await rename(join(tmp, f), join(opts.out, f));
    return { personen, rijen, bestanden };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
