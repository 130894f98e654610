/**
 * Benchmark of the models on a scale-1 synthetic extract set: building the model frames and
 * fitting cox_basis, cox_interactie, cox_landmark_6m and logit_werk_6m, plus all Kaplan–Meier
 * curves with their suppression (computeModels), after loading and the indicator engine's
 * working tables (timed separately; they are not part of the target).
 *
 *   npx tsx bench/models-run.ts [extract folder]
 *
 * Without a folder it uses /tmp/monitor-synth-scale1, generating it first (scale 1, seed
 * 20210308, csv.gz) when it is not there. Each stage is the median of three runs after a
 * warm-up on the same connection; the CPU time is printed too, since wall time on a shared
 * machine depends on what else runs. Target: computeModels at most 5 s on the project machine.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { availableParallelism as cpuCount, loadavg } from 'node:os';
import { loadExtracts } from '../src/extracts/load.ts';
import { buildWorkingTables, parametersVoor } from '../src/indicators/compute.ts';
import { leesEditie } from '../src/edition/edition.ts';
import { computeModels, type ModelResults } from '../src/models/run.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const folder = process.argv[2] ?? '/tmp/monitor-synth-scale1';
if (!existsSync(`${folder}/extractie.json`)) {
  console.log(`generating a scale-1 extract set in ${folder} ...`);
  const r = spawnSync('npx', ['tsx', 'src/synth/cli.ts', '--scale', '1', '--seed', '20210308', '--out', folder], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const edition = await leesEditie(`${ROOT}editions/6e-meting/editie.json`);

const t0 = performance.now();
const x = await loadExtracts(folder);
const t1 = performance.now();
await buildWorkingTables(x.connection, parametersVoor(edition, x.extractie.peildatum), x.present.has('zorg'));
const t2 = performance.now();

const RUNS = 3;
const stages = new Map<string, number[]>();
const stageCpu = new Map<string, number[]>();
let cpuMark = process.cpuUsage();
let totals: number[] = [];
let cpus: number[] = [];
let last: ModelResults | undefined;
for (let run = 0; run <= RUNS; run++) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  cpuMark = cpu;
  const r = await computeModels(x.connection, edition, x.extractie.peildatum, {
    meting: (stap, ms) => {
      const used = process.cpuUsage(cpuMark);
      cpuMark = process.cpuUsage();
      if (run === 0) return;
      stages.set(stap, [...(stages.get(stap) ?? []), ms]);
      stageCpu.set(stap, [...(stageCpu.get(stap) ?? []), (used.user + used.system) / 1000]);
    },
  });
  if (run > 0) {
    totals = [...totals, performance.now() - start];
    const used = process.cpuUsage(cpu);
    cpus = [...cpus, (used.user + used.system) / 1000];
  }
  last = r;
}
x.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (v: number) => `${v.toFixed(0).padStart(6)} ms`;
console.log(`folder                        ${folder}`);
console.log(`load + validate (not timed)   ${ms(t1 - t0)}`);
console.log(`working tables (not timed)    ${ms(t2 - t1)}`);
for (const [stap, xs] of stages) {
  const m = last!.modellen.find((u) => u.model === stap);
  const extra = m ? (m.status === 'geschat' ? `  n ${m.n}, events ${m.events}, ${m.termen.length} terms` : `  ${m.status}`) : '';
  const what = stap === 'frames' ? 'build model frames (SQL)' : stap === 'km' ? 'KM curves + suppression' : `read frame + fit ${stap}`;
  console.log(`${what.padEnd(30)}${ms(median(xs))}  cpu ${ms(median(stageCpu.get(stap)!))}${extra}`);
}
const total = median(totals);
console.log(`computeModels, total          ${ms(total)}  (target 5000 ms: ${total <= 5000 ? 'met' : 'NOT met'})`);
// CPU time of the process (JavaScript and DuckDB's threads): a check when the machine is busy.
console.log(`  CPU time of that             ${ms(median(cpus))}  (load average ${loadavg()[0]!.toFixed(1)} on ${cpuCount()} cores)`);
console.log(`KM points                     ${last!.km.length}, suppressed ${last!.kmOnderdrukkingen.length}`);
