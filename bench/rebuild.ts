/**
 * Benchmark of the template-only rebuild: how long `npm run report` takes after editing one
 * chapter template, when the results of steps 1–4 and the figures come from the cache.
 *
 *   npx tsx bench/rebuild.ts [--runs 5] [--pdf]
 *
 * Works on a copy of templates/ in tmp/bench-rebuild/ (the checkout's templates are not
 * touched) and writes to tmp/bench-rebuild/out. Measures
 *   1. the command line as a user runs it, a new process each time (`node bin/report.mjs
 *      --no-pdf`, which is what `npm run report -- --no-pdf` runs, without npm's own start-up):
 *      wall time, and the build's own time from its summary line;
 *   2. a rebuild inside a running process, as `--watch` does it.
 * With --pdf, also one cold rebuild with the PDFs (the print is not cached: it depends on
 * every template). Prints the load average too: on a shared machine it explains outliers.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildReport } from '../src/pipeline/build.ts';
import { PROJECT_ROOT } from '../src/util/paths.ts';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 5) || 5;
const metPdf = args.includes('--pdf');
const dir = join(PROJECT_ROOT, 'tmp', 'bench-rebuild');
const templates = join(dir, 'templates');
const out = join(dir, 'out');
const cache = join(PROJECT_ROOT, '.cache');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
cpSync(join(PROJECT_ROOT, 'templates'), templates, { recursive: true });
const sjabloon = join(templates, 'monitor', '50-basisvoorwaarden.md.hbs');

const cli = (extra: string[] = []) => {
  const start = performance.now();
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/report.mjs'), '--templates', templates, '--out', out, ...extra], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  const wall = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`report failed:\n${r.stderr}`);
  const bouw = Number(/Klaar in ([\d,]+) s/.exec(r.stderr)?.[1]?.replace(',', '.') ?? NaN);
  const cached = r.stderr.includes('1–4. Resultaten uit de cache');
  return { wall, bouw, cached };
};
const bewerk = (i: number) => appendFileSync(sjabloon, `\nBenchmarkzin ${i}.\n`);
const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `mediaan ${s[Math.floor(s.length / 2)]!.toFixed(2)} s, min ${s[0]!.toFixed(2)} s, max ${s[s.length - 1]!.toFixed(2)} s`;
};

console.log(`load average voor de start: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const warm = cli(['--no-pdf']);
console.log(`eerste bouw (vult de cache als die leeg was): ${warm.wall.toFixed(2)} s${warm.cached ? ' (cache was al gevuld)' : ''}`);

const wall: number[] = [];
const bouw: number[] = [];
for (let i = 0; i < runs; i++) {
  bewerk(i);
  const r = cli(['--no-pdf']);
  if (!r.cached) throw new Error('the results did not come from the cache after a template-only edit');
  wall.push(r.wall);
  bouw.push(r.bouw);
}
console.log(`1. na een sjabloonwijziging, nieuw proces (${runs}x): ${stat(wall)}; waarvan de bouw zelf: ${stat(bouw)}`);

const binnen: number[] = [];
const stil = { log: () => {}, now: () => performance.now() };
await buildReport({ data: join(PROJECT_ROOT, 'data', '6e-meting'), edition: join(PROJECT_ROOT, 'editions', '6e-meting', 'editie.json'), out, templates, pdf: false, cache }, stil);
for (let i = 0; i < runs; i++) {
  bewerk(100 + i);
  const start = performance.now();
  await buildReport({ data: join(PROJECT_ROOT, 'data', '6e-meting'), edition: join(PROJECT_ROOT, 'editions', '6e-meting', 'editie.json'), out, templates, pdf: false, cache }, stil);
  binnen.push((performance.now() - start) / 1000);
}
console.log(`2. na een sjabloonwijziging, lopend proces (--watch) (${runs}x): ${stat(binnen)}`);

if (metPdf) {
  bewerk(1000);
  const r = cli([]);
  console.log(`3. na een sjabloonwijziging, met PDF's, nieuw proces: ${r.wall.toFixed(2)} s (bouw ${r.bouw.toFixed(2)} s)`);
}
console.log(`load average na afloop: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
rmSync(dir, { recursive: true, force: true });
