/**
 * The text stages alone (chapters, letter, HTML, web), from a results folder:
 * `npx tsx bench/text.ts [--results <map>] [--runs 2]`.
 *
 * Builds the 6th meting from a results folder (default: the committed out/, which holds
 * `6e-meting/data/`) with the figures from a cache (so the charts stage costs next to nothing)
 * and no PDFs, in a fresh process per run, and prints each stage's wall time and the CPU time of
 * the process during it. On a shared machine the CPU time is the steadier number.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildReport } from '../src/pipeline/build.ts';
import type { Effects } from '../src/pipeline/stages.ts';
import { PROJECT_ROOT } from '../src/util/paths.ts';

function optie(naam: string, standaard: string): string {
  const i = process.argv.indexOf(`--${naam}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : standaard;
}
const EDITIE = '6e-meting';
const results = optie('results', join(PROJECT_ROOT, 'out'));
const runs = Number(optie('runs', '2'));
const cache = optie('cache', join(tmpdir(), 'monitor-bench-text-cache'));
const ms = (x: number) => `${(x / 1000).toFixed(2)} s`.padStart(8);

if (process.argv.includes('--child')) {
  const werk = mkdtempSync(join(tmpdir(), 'monitor-bench-text-'));
  try {
    const stappen: { nr: number; naam: string; start: number; cpu: number; duur?: number; cpuDuur?: number }[] = [];
    const cpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const fx: Effects = {
      now: () => performance.now(),
      begin: (nr, naam) => stappen.push({ nr, naam, start: performance.now(), cpu: cpu() }),
      log: (regel) => {
        const m = /^(\d+)\. /.exec(regel);
        const stap = m && [...stappen].reverse().find((x) => x.nr === Number(m[1]));
        if (stap && stap.duur === undefined) {
          stap.duur = performance.now() - stap.start;
          stap.cpuDuur = cpu() - stap.cpu;
        }
      },
    };
    const [t0, c0] = [performance.now(), cpu()];
    await buildReport({ data: results, fromResults: results, out: join(werk, 'out', EDITIE), edition: join(PROJECT_ROOT, 'editions', EDITIE, 'editie.json'), pdf: false, cache }, fx);
    console.log(`${' '.repeat(38)}    wall     cpu`);
    const [t1, c1] = [performance.now(), cpu()];
    for (const x of stappen) console.log(`  ${String(x.nr).padStart(2)}. ${x.naam.padEnd(34)}${x.duur === undefined ? '       –' : ms(x.duur)}${x.cpuDuur === undefined ? '' : ms(x.cpuDuur)}`);
    // Between the stages: the letter's HTML and the reviewers' Markdown (after 'html', before 'web').
    const binnen = stappen.reduce((a, x) => [a[0]! + (x.duur ?? 0), a[1]! + (x.cpuDuur ?? 0)], [0, 0]);
    console.log(`      ${'buiten de stappen'.padEnd(34)}${ms(t1 - t0 - binnen[0]!)}${ms(c1 - c0 - binnen[1]!)}`);
    console.log(`      ${'totaal'.padEnd(34)}${ms(t1 - t0)}${ms(c1 - c0)}`);
  } finally {
    rmSync(werk, { recursive: true, force: true });
  }
} else {
  for (let run = 1; run <= runs; run++) {
    console.log(`run ${run}/${runs}: ${EDITIE} uit ${results}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', '--results', results, '--cache', cache], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
