/**
 * Benchmark of issue 3: load + validate + compute all indicators (with disclosure control)
 * on an extract folder, reporting the time of each step and the peak memory of the process.
 *
 *   npm run data:generate -- --scale 1 --seed 1 --out /tmp/x1
 *   npx tsx bench/indicators.ts /tmp/x1
 *   /usr/bin/time -v npx tsx bench/indicators.ts /tmp/x10    # peak RSS including DuckDB
 *
 * Targets: scale 1 at most 10 s; scale 10 at most 90 s and under 4 GB.
 */
import { loadExtracts } from '../src/extracts/load.ts';
import { computeIndicators } from '../src/indicators/compute.ts';
import { applyDisclosure } from '../src/indicators/disclosure.ts';
import { leesEditie } from '../src/edition/edition.ts';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: npx tsx bench/indicators.ts <extract folder> [edition.json]');
  process.exit(2);
}
const edition = await leesEditie(process.argv[3] ?? new URL('../editions/6e-meting/editie.json', import.meta.url).pathname);

let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
// CPU seconds of the whole process (DuckDB's threads included) beside the wall time: on a shared
// machine the wall time says more about the neighbours than about the code.
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const t0 = performance.now();
const c0 = cpu();
const x = await loadExtracts(folder);
const t1 = performance.now();
const c1 = cpu();
const { definities, tellingen } = await computeIndicators(x.connection, edition, x.extractie.peildatum, x.present.has('zorg'));
const t2 = performance.now();
const c2 = cpu();
const d = applyDisclosure(tellingen, definities, edition.cohorten, edition.drempel);
const t3 = performance.now();
const c3 = cpu();
const uitstroom = tellingen.find((t) => t.indicator === 'id_onbekend' && t.cohort === 'totaal' && t.groep === 'totaal' && t.moment === 'uitstroom')?.noemer;
x.close();
clearInterval(sample);
peak = Math.max(peak, process.memoryUsage().rss);

const s = (a: number, b: number) => ((b - a) / 1000).toFixed(2);
console.log(`folder             ${folder}`);
console.log(`uitstroom records  ${uitstroom}`);
console.log(`load + validate    ${s(t0, t1)} s (${s(c0, c1)} s CPU)`);
console.log(`indicators         ${s(t1, t2)} s (${s(c1, c2)} s CPU)`);
console.log(`disclosure control ${s(t2, t3)} s (${s(c2, c3)} s CPU; ${d.onderdrukkingen.length} suppressed)`);
console.log(`total              ${s(t0, t3)} s (${s(c0, c3)} s CPU)`);
console.log(`peak RSS (sampled) ${(peak / 2 ** 30).toFixed(2)} GB`);
