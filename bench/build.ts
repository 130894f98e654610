/**
 * The build against the machine's floor (issue 16): `npm run bench [-- --scale 1 --seed 1 --runs 1]`.
 *
 * 1. Generates the 6th meting's synthetic extracts at the given scale once, into a cache outside
 *    the repository ($XDG_CACHE_HOME or ~/.cache, folder monitor-nazorg-bench/), and reuses them.
 * 2. Builds the edition from scratch (no cache, PDFs included) into a temporary folder, timing
 *    every stage through the build's own progress events. Its worker threads load the bundle of
 *    src/ that `npm run report` runs (bin/bundel.mjs).
 * 3. Measures the floor in the same run: DuckDB reading every extract into a table (nothing
 *    else, in a process of its own), and one launch of the same browser that loads and prints
 *    each final HTML document of the build once (the monitor and the letter, as the build handed
 *    them to the printer).
 * 4. Prints the stages, the floor, the ratio build/floor, the build's peak memory, in all and per
 *    stage (resident set of this process, sampled; DuckDB and the build's threads run in it, the
 *    browser does not) and the load average.
 * 5. Prints the CPU time of each stage (this process's, threads included, while the stage ran:
 *    stages that run beside each other share theirs), of the build (this process with its
 *    threads, and the browser with its helpers, bench/cpu.ts) and of the floor, and what the
 *    build's CPU alone implies: on two cores it needs at least half of it in wall time, however
 *    well it overlaps its stages.
 *
 * With --runs N every run is a process of its own (this script again, with --runs 1): a second
 * build in the same process would find its modules loaded, its code compiled and its allocator's
 * memory at hand, and look faster and smaller than a build from `npm run report` is.
 *
 * Target (issue 16): ratio at most 1.6 at scale 1; scale 10 under 3 minutes and 4 GB.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { buildReport } from '../src/pipeline/build.ts';
import type { Effects } from '../src/pipeline/stages.ts';
import { PROJECT_ROOT } from '../src/util/paths.ts';
import { BUNDEL, bundelMap } from '../bin/bundel.mjs';
import { resolveBrowser } from '../src/pdf/browser.ts';
import { launchBrowser } from '../src/pdf/launch.ts';
import { PDF_OPTIONS } from '../src/pdf/print.ts';
import { withBase } from '../src/pdf/gate.ts';
import { meet, MERK, type CpuMeter } from './cpu.ts';

function optie(naam: string, standaard: string): string {
  const i = process.argv.indexOf(`--${naam}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : standaard;
}
const scale = Number(optie('scale', '1'));
const seed = Number(optie('seed', '1'));
const runs = Number(optie('runs', '1'));
if (!(scale > 0) || !Number.isInteger(seed) || !(runs >= 1)) {
  console.error('gebruik: npm run bench -- [--scale 1] [--seed 1] [--runs 1]');
  process.exit(2);
}
const EDITIE = '6e-meting';
const cacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'monitor-nazorg-bench');
const data = join(cacheRoot, `${EDITIE}-scale-${scale}-seed-${seed}`);
const gb = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(8);

// 1. The extracts, generated once.
if (!existsSync(join(data, '.compleet'))) {
  rmSync(data, { recursive: true, force: true });
  mkdirSync(data, { recursive: true });
  console.log(`extracten maken (scale ${scale}, seed ${seed}) in ${data} …`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/synth/cli.ts'), '--scale', String(scale), '--seed', String(seed), '--out', data], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  writeFileSync(join(data, '.compleet'), '');
}

// 2. More than one run: each in a fresh process, one after the other.
if (runs > 1) {
  for (let run = 1; run <= runs; run++) {
    const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--scale', String(scale), '--seed', String(seed), '--runs', '1', '--run', `${run}/${runs}`], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  process.exit(0);
}
/** Which run this is, for the heading ("2/3" when the parent above started it). */
const welke = optie('run', '1/1');

let piek = process.memoryUsage().rss;
/** The stages running now, each with the highest resident set seen while it ran. */
let lopend: { piek: number; duur?: number }[] = [];
const meter = setInterval(() => {
  const rss = process.memoryUsage().rss;
  piek = Math.max(piek, rss);
  for (const x of lopend) if (x.duur === undefined) x.piek = Math.max(x.piek, rss);
}, 20);

/**
 * DuckDB reading each extract into a table: the floor of loading. In a process of its own: an
 * in-memory DuckDB without a limit holds every extract (over 4 GB at scale 10), and what its
 * allocator keeps after closing would count in the next run's peak memory of this process.
 */
function vloerLaden(): { ms: number; cpu: number } {
  const code = `
    import { readdirSync } from 'node:fs';
    import { join } from 'node:path';
    import { DuckDBInstance } from '@duckdb/node-api';
    const data = process.argv[1];
    const t0 = performance.now();
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    for (const f of readdirSync(data).filter((f) => /\\.(csv|csv\\.gz|parquet)$/.test(f)).sort()) {
      const tabel = f.replace(/\\..*$/, '');
      const pad = join(data, f).replaceAll("'", "''");
      await conn.run(\`CREATE TABLE \${tabel} AS SELECT * FROM \${f.endsWith('.parquet') ? \`read_parquet('\${pad}')\` : \`read_csv('\${pad}', header = true)\`}\`);
    }
    conn.closeSync();
    instance.closeSync();
    const c = process.cpuUsage();
    console.log(performance.now() - t0, (c.user + c.system) / 1e6);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code, data], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vloer laden: ${r.stderr}`);
  const [ms, cpu] = r.stdout.trim().split(' ').map(Number) as [number, number];
  return { ms, cpu };
}

/** The cores the targets are set for (a two-core machine). */
const KERNEN = 2;

/**
 * The CPU seconds `werk` takes: this process's own (its threads: DuckDB's, the workers') and that
 * of the processes it starts meanwhile, the browser and its helpers (bench/cpu.ts; they inherit the
 * token through the environment this process hands them).
 */
async function cpuVan(werk: () => Promise<void>): Promise<{ eigen: number; browser: number }> {
  const meter: CpuMeter = meet();
  process.env[MERK] = meter.env[MERK];
  const c0 = process.cpuUsage();
  try {
    await werk();
  } finally {
    delete process.env[MERK];
  }
  const c = process.cpuUsage(c0);
  return { eigen: (c.user + c.system) / 1e6, browser: meter.stop() ?? 0 };
}

/** One browser: launch, then load and print each document once. */
async function vloerPrinten(documenten: { soort: string; bestand: string }[], executablePath: string): Promise<{ start: number; per: Record<string, number> }> {
  const t0 = performance.now();
  const { browser, close } = await launchBrowser(executablePath);
  const start = performance.now() - t0;
  const per: Record<string, number> = {};
  try {
    for (const d of documenten) {
      const t = performance.now();
      const page = await browser.newPage();
      await page.setJavaScriptEnabled(false);
      await page.goto(pathToFileURL(d.bestand).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await page.pdf({ ...PDF_OPTIONS });
      await page.close();
      per[d.soort] = performance.now() - t;
    }
  } finally {
    await close();
  }
  return { start, per };
}

const browser = await resolveBrowser();
// The worker threads (charts, model fits) load their code as under `npm run report`: from the
// bundle of src/ (bin/bundel.mjs), not through tsx. This process itself runs under tsx, but its
// modules are loaded before the clock starts.
const bundel = await bundelMap();
if (bundel) (globalThis as Record<symbol, unknown>)[BUNDEL] = bundel;
else console.log('geen bundel van src/ (esbuild ontbreekt?): de worker threads laden de TypeScript via tsx');
const werk = mkdtempSync(join(tmpdir(), 'monitor-bench-'));
try {
  const out = join(werk, 'out', EDITIE);
  const stappen: { nr: number; naam: string; start: number; duur?: number; piek: number; cpu0: NodeJS.CpuUsage; cpu?: number }[] = [];
  lopend = stappen;
  let t0 = performance.now();
  const documenten: { soort: string; bestand: string }[] = [];
  const fx: Effects = {
    now: () => performance.now(),
    begin: (nr, naam) => stappen.push({ nr, naam, start: performance.now() - t0, piek: process.memoryUsage().rss, cpu0: process.cpuUsage() }),
    // A stage's line may wait for a stage that runs beside it (the charts beside the chapters):
    // its end is timed when its work ends, not when its line is written.
    end: (nr) => {
      const stap = [...stappen].reverse().find((x) => x.nr === nr);
      if (stap && stap.duur === undefined) {
        stap.duur = performance.now() - t0 - stap.start;
        const c = process.cpuUsage(stap.cpu0);
        stap.cpu = (c.user + c.system) / 1000;
      }
    },
    log: () => undefined,
    teDrukken: (soort, html, basis) => {
      // The temporary output folder becomes `out` when the build succeeds.
      const bestand = join(werk, `${soort}.html`);
      writeFileSync(bestand, withBase(html, join(out, basename(basis))));
      documenten.push({ soort, bestand });
    },
  };
  t0 = performance.now();
  piek = process.memoryUsage().rss;
  const cpuBouw = cpuVan(async () => {
    await buildReport({ data, out, edition: join(PROJECT_ROOT, 'editions', EDITIE, 'editie.json'), pdf: true }, fx);
  });
  const cpu = await cpuBouw;
  const bouw = performance.now() - t0;
  const piekBouw = piek;

  const { ms: laden, cpu: cpuLaden } = vloerLaden();
  let printen: Awaited<ReturnType<typeof vloerPrinten>> | undefined;
  const cpuPrinten = await cpuVan(async () => {
    printen = await vloerPrinten(documenten, browser.executablePath);
  });
  if (!printen) throw new Error('vloer printen: geen meting');
  const vloer = laden + printen.start + Object.values(printen.per).reduce((a, b) => a + b, 0);
  const cpuVloer = cpuLaden + cpuPrinten.eigen + cpuPrinten.browser;

  console.log(`\nrun ${welke}: ${EDITIE}, scale ${scale}, seed ${seed}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('bouw (vanaf nul, met PDF\'s):');
  // Stages that overlap (the charts beside the chapters, the two prints) add up to more than the build: the start column shows where each began.
  for (const x of stappen) console.log(`  ${String(x.nr).padStart(2)}. ${x.naam.padEnd(34)}${x.duur === undefined ? '       –' : s(x.duur)}   (vanaf ${s(x.start).trim()}; CPU ${x.cpu === undefined ? '–' : s(x.cpu).trim()}; piek ${gb(x.piek)})`);
  console.log(`  totaal${' '.repeat(34)}${s(bouw)}`);
  console.log('vloer:');
  console.log(`  DuckDB leest de extracten${' '.repeat(15)}${s(laden)}`);
  console.log(`  browser starten${' '.repeat(25)}${s(printen.start)}`);
  for (const [soort, ms] of Object.entries(printen.per)) console.log(`  ${`${soort} laden en printen`.padEnd(40)}${s(ms)}`);
  console.log(`  totaal${' '.repeat(34)}${s(vloer)}`);
  console.log(`verhouding bouw/vloer: ${(bouw / vloer).toFixed(2)} (doel: hoogstens 1,6 op scale 1)`);
  const cpuTotaal = cpu.eigen + cpu.browser;
  console.log(
    `CPU: bouw ${cpuTotaal.toFixed(1)} s (dit proces ${cpu.eigen.toFixed(1)}, browser ${cpu.browser.toFixed(1)}), vloer ${cpuVloer.toFixed(1)} s; ` +
      `op ${KERNEN} kernen heeft de bouw minstens ${(cpuTotaal / KERNEN).toFixed(1)} s nodig, ${(cpuTotaal / KERNEN / (vloer / 1000)).toFixed(2)} maal de vloer`,
  );
  console.log(`piekgeheugen van de bouw (RSS van dit proces): ${gb(piekBouw)} (doel: onder 4 GB op scale 10)`);
} finally {
  rmSync(werk, { recursive: true, force: true });
}
clearInterval(meter);
