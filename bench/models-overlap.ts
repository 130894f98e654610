/**
 * Steps 2–4 of the build (indicators, disclosure control, models) one after another, as before,
 * against the build's overlap (src/pipeline/compute.ts): the model frames read right after the
 * working tables and the fits in worker threads while the indicators are counted.
 *
 *   node --import tsx bench/models-overlap.ts [extract folder] [--runs 2] [--werkers 1,2]
 *
 * The extracts are loaded once (default: the scale-1 set of `npm run bench`); then each variant
 * runs in turn on the same connection, `--runs` rounds, so that a busy machine slows all of
 * them alike. Prints the median wall time of each step and of 2–4, the process's CPU time (its
 * threads: JavaScript, DuckDB and the workers) and the load average before and after.
 */
import { homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import { loadExtracts } from '../src/extracts/load.ts';
import { leesEditie } from '../src/edition/edition.ts';
import { computeIndicators } from '../src/indicators/compute.ts';
import { applyDisclosure } from '../src/indicators/disclosure.ts';
import { computeModels, startModels, type LopendeModellen, type ModelResults } from '../src/models/run.ts';
import { modellenCsv, recidiveKmCsv } from '../src/models/write.ts';

function optie(naam: string, standaard: string): string {
  const i = process.argv.indexOf(`--${naam}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : standaard;
}
const cache = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'monitor-nazorg-bench');
const folder = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : join(cache, '6e-meting-scale-1-seed-1');
const runs = Number(optie('runs', '2'));
const werkers = optie('werkers', '1,2').split(',').map(Number);
const edition = await leesEditie(new URL('../editions/6e-meting/editie.json', import.meta.url).pathname);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

console.log(`extracts ${folder}; load average ${load()}`);
const x = await loadExtracts(folder, { basisvoorwaarden: edition.basisvoorwaarden, editie: edition.slug });
const { connection: conn } = x;
const peildatum = x.extractie.peildatum;
const zorg = x.present.has('zorg');

type Tijden = { indicators: number; disclosure: number; models: number; cpu: number };

async function variant(aantal: number | 'sequential'): Promise<{ t: Tijden; r: ModelResults }> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  let lopend: LopendeModellen | undefined;
  const hook = aantal === 'sequential' ? undefined : async () => void (lopend = await startModels(conn, edition, peildatum, { werkers: aantal }));
  const i = await computeIndicators(conn, edition, peildatum, zorg, hook);
  const t1 = performance.now();
  const d = applyDisclosure(i.tellingen, i.definities, edition.cohorten, edition.drempel);
  const t2 = performance.now();
  const r = lopend ? await lopend.finish({ indicatoren: d.rijen }) : await computeModels(conn, edition, peildatum, { indicatoren: d.rijen });
  const t3 = performance.now();
  const c = process.cpuUsage(cpu);
  return { t: { indicators: t1 - t0, disclosure: t2 - t1, models: t3 - t2, cpu: (c.user + c.system) / 1000 }, r };
}

const namen: (number | 'sequential')[] = ['sequential', ...werkers];
const gemeten = new Map<string, Tijden[]>();
let referentie: string | undefined;
for (let run = 0; run < runs; run++) {
  for (const v of namen) {
    const { t, r } = await variant(v);
    const naam = v === 'sequential' ? 'sequential' : `overlap, ${v} worker${v === 1 ? '' : 's'}`;
    gemeten.set(naam, [...(gemeten.get(naam) ?? []), t]);
    // The same results whichever way they were computed.
    const csv = modellenCsv(r) + recidiveKmCsv(r);
    if (referentie !== undefined && csv !== referentie) throw new Error(`${naam}: other results`);
    referentie = csv;
  }
}
x.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`.padStart(9);
console.log(`${'median of '.padEnd(22)}${runs} runs: indicators disclosure   models    2–4    cpu`);
for (const [naam, ts] of gemeten) {
  const m = (f: (t: Tijden) => number) => s(median(ts.map(f)));
  console.log(`${naam.padEnd(32)}${m((t) => t.indicators)}${m((t) => t.disclosure)}${m((t) => t.models)}${m((t) => t.indicators + t.disclosure + t.models)}${m((t) => t.cpu)}`);
}
console.log(`load average ${load()}`);
