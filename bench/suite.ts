/**
 * The wall time of `npm test`, run several times, quietly or beside a scale-1 build (issue 16:
 * at most 90 s on a two-core machine, green three times in a row while a build runs beside it).
 *
 *   npx tsx bench/suite.ts [--runs 3] [--beside-build] [--scale 1] [--seed 1]
 *
 * With --beside-build a scale-1 build from scratch (`npm run report` on the benchmark's cached
 * extracts, see bench/build.ts, which makes them on first use) runs in a loop for as long as the
 * test runs, into a temporary folder. Prints per run: the wall time, the CPU time of every
 * process `npm test` started (bench/cpu.ts: the browsers' helpers included, the builds beside it
 * not), the test runner's totals, the load average before and after, and how many builds ran
 * beside it. On two cores, 90 s of wall time holds at most 180 CPU-s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../src/util/paths.ts';
import { meet } from './cpu.ts';

function optie(naam: string, standaard: string): string {
  const i = process.argv.indexOf(`--${naam}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : standaard;
}
const runs = Number(optie('runs', '3'));
const scale = optie('scale', '1');
const seed = optie('seed', '1');
const naast = process.argv.includes('--beside-build');
const cacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'monitor-nazorg-bench');
const data = join(cacheRoot, `6e-meting-scale-${scale}-seed-${seed}`);
if (naast && !existsSync(join(data, '.compleet'))) {
  console.error(`geen extracten in ${data}: maak ze eerst met npm run bench -- --scale ${scale} --seed ${seed}`);
  process.exit(2);
}
const la = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Builds from scratch, one after another, until stopped; counts the ones that finished. */
function bouwLus(): { stop: () => Promise<{ klaar: number; fout: number }> } {
  const werk = mkdtempSync(join(tmpdir(), 'monitor-suite-bouw-'));
  let kind: ChildProcess | undefined;
  let gestopt = false;
  let klaar = 0;
  let fout = 0;
  const volgende = () => {
    if (gestopt) return;
    kind = spawn(process.execPath, ['bin/report.mjs', '--edition', '6e-meting', '--data', data, '--out', join(werk, 'out'), '--no-cache', '--quiet'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
    kind.on('exit', (code) => {
      if (code === 0) klaar++;
      else if (!gestopt) fout++;
      volgende();
    });
  };
  volgende();
  return {
    stop: async () => {
      gestopt = true;
      if (kind && kind.exitCode === null) {
        const einde = new Promise((r) => kind!.once('exit', r));
        kind.kill('SIGTERM');
        await einde;
      }
      rmSync(werk, { recursive: true, force: true });
      return { klaar, fout };
    },
  };
}

/** `npm test`, its output collected; resolves when it ends. */
function npmTest(env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const kind = spawn('npm', ['test'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  kind.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  kind.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return new Promise((klaar) => kind.on('close', (status) => klaar({ status, stdout, stderr })));
}

let mislukt = 0;
for (let run = 1; run <= runs; run++) {
  const voor = la();
  const lus = naast ? bouwLus() : undefined;
  const t0 = performance.now();
  const meter = meet();
  // Not spawnSync: the build loop beside it and the meter live on this process's event loop.
  const r = await npmTest(meter.env);
  const wand = (performance.now() - t0) / 1000;
  const cpu = meter.stop();
  const na = la();
  const bouwen = lus ? await lus.stop() : { klaar: 0, fout: 0 };
  const uit = `${r.stdout}\n${r.stderr}`;
  // The runner's own totals, its last "# pass N" (TAP) or "ℹ pass N" (spec).
  const tel = (w: string) => Number([...uit.matchAll(new RegExp(`^(?:# |ℹ )${w} (\\d+)$`, 'gm'))].at(-1)?.[1] ?? NaN);
  const pass = tel('pass');
  const fail = tel('fail');
  if (r.status !== 0) mislukt++;
  console.log(
    `run ${run}/${runs}${naast ? ' (naast een bouw op scale ' + scale + ')' : ''}: ${wand.toFixed(1)} s, ${cpu === undefined ? '' : `${cpu.toFixed(0)} CPU-s, `}exit ${r.status}, ${pass} geslaagd, ${fail} mislukt; load average voor ${voor}, na ${na}${naast ? `; ernaast ${bouwen.klaar} bouw(en) afgerond, ${bouwen.fout} mislukt` : ''}`,
  );
  if (r.status !== 0) {
    // The whole output of a failed run, and the failures' own lines here.
    const log = join(tmpdir(), `monitor-suite-run-${process.pid}-${run}.log`);
    writeFileSync(log, uit);
    console.log(`uitvoer: ${log}`);
    console.log(uit.split('\n').filter((l) => /^\s*not ok /.test(l)).join('\n'));
  }
}
process.exit(mislukt > 0 ? 1 : 0);
