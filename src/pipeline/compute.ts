/**
 * Steps 1–4 of the build (./build.ts): from the extracts (load and validate, indicators,
 * disclosure control, models), from the result cache (./cache.ts), or, outside the secure
 * environment, from the results folder of an earlier `--stage resultaten`. Either way they hand
 * on the published data files only; person-level data stay inside the DuckDB connection here.
 *
 * This module is one of the cache key's code modules (cache.ts, STAP_MODULES): a change to how
 * the steps are run is a cache miss.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Editie } from '../edition/edition.ts';
import type { Extractie } from '../extracts/contract.ts';
import { alleenTeltabellen, computeIndicators } from '../indicators/compute.ts';
import { applyDisclosure, type Telling } from '../indicators/disclosure.ts';
import { indicatorenCsv, onderdrukkingCsv } from '../indicators/write.ts';
import { startModels, type LopendeModellen } from '../models/run.ts';
import { modellenCsv, modellenNotenCsv, modellenPeriodenCsv, modellenPhCsv, modelOnderdrukkingRegels, recidiveKmCsv, writeModelFrames } from '../models/write.ts';
import { RESULTAAT_BESTANDEN, type ResultaatBestand } from '../results/lezen.ts';
import { IndicatorTabel, type Resultaten } from '../results/results.ts';
import { formatDiagnostic } from '../util/diagnostic.ts';
import { InputError } from '../util/errors.ts';
import { withResultCache, type Berekend } from './cache.ts';
import { readManifest, MANIFEST, type Manifest } from './manifest.ts';
import { UITVOER } from './messages.ts';
import type { Effects, StagePlan } from './stages.ts';

// DuckDB loads only when needed: a rebuild whose results are in the cache (cache.ts) does
// without it and starts a second sooner.
const loadExtracts = async (folder: string, e: Editie) => (await import('../extracts/load.ts')).loadExtracts(folder, { basisvoorwaarden: e.basisvoorwaarden, editie: e.slug });

/**
 * Worker threads that fit the models (src/models/fit-pool.ts), from 50,000 uitstroom records
 * (run.ts). Two: cox_basis in one, the other three in the other. Steps 2–4 at scale 1, median of
 * two runs each by bench/models-overlap.ts (load average 23–34): one after another 87.6 s, one
 * worker 70.6 s, two 61.4 s, with about the same CPU time.
 */
const MODEL_WERKERS = 2;

/** What steps 1–4 publish: the data files (data/<name>) and the description of the extracts. */
export interface Gepubliceerd {
  extractie: Extractie;
  bestanden: Record<string, string>;
  /** From a results folder: the extracts' hashes its manifest recorded (the extracts are not here). */
  extracten?: Manifest['invoer']['extracten'];
}

export interface ComputeOptions {
  /** The extract folder (absolute). */
  data: string;
  /** The edition's output folder; the model frames must lie outside it. */
  out: string;
  /** Write the models' verification frames here. */
  modelFrames?: string;
  /** The result cache; none when absent. */
  cache?: { dir: string; invoer: Manifest['invoer']; projectRoot: string };
  /** Read the results of an earlier results stage from here instead of computing them. */
  fromResults?: string;
  /** Called when steps 1–4 are computed (not read from the cache or a results folder). */
  bijRekenen?: () => void;
}

/** Steps 1–4: the published data files, from a results folder, the cache or the extracts. */
export async function publishedResults(plan: StagePlan, fx: Effects, editie: Editie, o: ComputeOptions): Promise<Gepubliceerd> {
  if (o.fromResults) return leesResultatenMap(o.fromResults, plan);
  const cache = o.cache && { ...o.cache, editie };
  const b = await withResultCache(cache, fx, plan.range('load', 'models'), (fx) => berekenResultaten(plan, fx, editie, o));
  return { extractie: b.resultaten.extractie, bestanden: resultaatBestanden(b.resultaten, b.onderdrukkingCsv) };
}

/** Steps 1–4 on the extracts: load and validate, indicators, disclosure control, models. */
async function berekenResultaten(plan: StagePlan, fx: Effects, editie: Editie, o: ComputeOptions): Promise<Berekend> {
  o.bijRekenen?.();
  const extracts = await plan.run('load', () => loadExtracts(o.data, editie), (x) =>
    `${[...x.present].length} extracten, peildatum ${x.extractie.peildatum}`,
  );
  for (const w of extracts.warnings) fx.log(`   waarschuwing: ${formatDiagnostic(w)}`);
  // The models' frames are read right after the working tables, and the four fits run in worker
  // threads while this thread has DuckDB count the indicators, does disclosure control and the
  // Kaplan–Meier curves; the 'models' stage then waits for the fits (without workers, on small
  // extracts, it fits them itself, as before).
  // The progress lines keep their order and text; their times now mean:
  //   indicators  working tables, the model frames built and read (and the Kaplan–Meier
  //               records), indicator counts;
  //   disclosure  disclosure control, as before;
  //   models      the Kaplan–Meier curves, then the fits: without workers all of them, with
  //               workers only the wait for those still running (most of their time lies in
  //               'indicators' and 'disclosure').
  let lopend: LopendeModellen | undefined;
  try {
    // Person-level work stays in DuckDB.
    const { definities, tellingen, uitval } = await plan.run('indicators', () =>
      computeIndicators(extracts.connection, editie, extracts.extractie.peildatum, extracts.present.has('zorg'), async () => {
        lopend = await startModels(extracts.connection, editie, extracts.extractie.peildatum, {
          werkers: MODEL_WERKERS,
          // Frames and Kaplan–Meier records read: what the counts do not read goes before the
          // fits grow (the model frames for verification read it all).
          voorDeFits: o.modelFrames ? undefined : () => alleenTeltabellen(extracts.connection),
        });
      }),
      (r) => `${r.definities.length} indicatoren, ${r.tellingen.length} cellen`,
    );
    // Everything person-level the steps after this need has been read (the fits have their
    // frames, the Kaplan–Meier curves their records): the database goes now rather than after
    // the fits, which at scale 10 is some 2 GB less while the models stage waits for them.
    // Only the model frames written for verification read it again.
    if (!o.modelFrames) extracts.close();
    controleerDekking(editie, o.data, extracts.extractie.peildatum, tellingen);
    const beveiligd = await plan.run('disclosure', async () =>
      applyDisclosure(tellingen, definities, editie.cohorten, editie.drempel),
      (d) => `${d.onderdrukkingen.length} cellen onderdrukt (drempel ${editie.drempel})`,
    );
    // Kaplan–Meier, Cox and logistic, on the same working tables.
    const modellen = await plan.run('models', () =>
      lopend!.finish({ indicatoren: beveiligd.rijen }),
      (m) => `${m.modellen.filter((x) => x.status === 'geschat').length} van ${m.modellen.length} modellen geschat, ${m.km.length} punten Kaplan–Meier`,
    );
    for (const n of modellen.noten.filter((x) => x.soort === 'fout')) fx.log(`   waarschuwing: ${n.tekst}`);
    if (o.modelFrames) {
      const geschreven = await writeModelFrames(extracts.connection, editie, extracts.extractie.peildatum, o.modelFrames, o.out);
      fx.log(`   modelframes (niet voor publicatie): ${geschreven.length} bestanden in ${o.modelFrames}`);
    }
    return {
      resultaten: { editie, extractie: extracts.extractie, definities, indicatoren: new IndicatorTabel(beveiligd.rijen), modellen },
      onderdrukkingCsv: onderdrukkingCsv([...beveiligd.onderdrukkingen, ...uitval]) + modelOnderdrukkingRegels(modellen).map((l) => `${l}\n`).join(''),
    };
  } finally {
    await lopend?.stop();
    extracts.close();
  }
}

/**
 * The extracts cover the edition: an uitstroom in each of its cohorts, and two years of
 * follow-up of the last one (the recidive of every cohort is part of the monitor). Extracts of
 * another meting, or cut off too early, are named here, not as a missing figure in some template.
 */
function controleerDekking(editie: Editie, data: string, peildatum: string, tellingen: readonly Telling[]): void {
  const leeg = editie.cohorten.filter((c) => !tellingen.some((t) => t.indicator === 'populatie' && t.cohort === String(c) && t.groep === 'totaal' && t.noemer > 0));
  if (leeg.length > 0) throw new InputError([UITVOER.geenUitstroom(data, { leeg, slug: editie.slug, peildatum })]);
  const laatste = editie.cohorten[editie.cohorten.length - 1]!;
  const nodig = `${laatste + 2}-12-31`;
  if (peildatum < nodig) throw new InputError([UITVOER.peildatumTeVroeg(join(data, 'extractie.json'), { peildatum, nodig, laatste, slug: editie.slug })]);
}

/** The published data files (data/<name>) of the results. */
export function resultaatBestanden(r: Resultaten, onderdrukkingCsv: string): Record<ResultaatBestand, string> {
  return {
    'indicatoren.csv': indicatorenCsv(r.indicatoren.rijen),
    'modellen.csv': modellenCsv(r.modellen),
    'modellen_ph.csv': modellenPhCsv(r.modellen),
    'modellen_perioden.csv': modellenPeriodenCsv(r.modellen),
    'modellen_noten.csv': modellenNotenCsv(r.modellen),
    'recidive_km.csv': recidiveKmCsv(r.modellen),
    'onderdrukking.csv': onderdrukkingCsv,
  };
}

/**
 * Read a results folder (the output of `stage: 'resultaten'`): its data files and, from its
 * manifest, the description and hashes of the extracts they were computed from.
 */
async function leesResultatenMap(map: string, plan: StagePlan): Promise<Gepubliceerd> {
  return plan.run('readResults', async () => {
    const m = await readManifest(join(map, MANIFEST));
    if (!m.invoer.extractie) throw new InputError([UITVOER.resultatenZonderExtractie(join(map, MANIFEST))]);
    const bestanden: Record<string, string> = {};
    for (const naam of Object.keys(RESULTAAT_BESTANDEN)) {
      const pad = join(map, 'data', naam);
      try {
        bestanden[naam] = await readFile(pad, 'utf8');
      } catch {
        throw new InputError([UITVOER.resultaatOntbreekt(pad, Object.keys(RESULTAAT_BESTANDEN))]);
      }
    }
    return { extractie: m.invoer.extractie, bestanden, extracten: m.invoer.extracten };
  }, () => map);
}
