/**
 * Benchmark of printing both PDFs of the 6th meting (the monitor and the Kamerbrief) from the
 * committed data, as the build does it. Target: at most 10 s for the two prints together.
 *
 *   npx tsx bench/pdfs.ts [--runs 3]
 *
 * Runs the real build (src/pipeline/build.ts) into tmp/bench-pdfs/ with its own cache: the first
 * run fills the cache, so in the timed runs steps 1–5 (results and figures) come from it. The
 * build reports when each step starts (`Effects.begin`) and ends (its log line), which gives
 * the time of step 7 (HTML) and of each print (step 8) apart from everything else; the target
 * applies to the prints. Prints the load average too: on a shared machine it explains outliers.
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildReport } from '../src/pipeline/build.ts';
import { PROJECT_ROOT } from '../src/util/paths.ts';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 3) || 3;
const dir = join(PROJECT_ROOT, 'tmp', 'bench-pdfs');
const cache = join(dir, 'cache');
const DATA = join(PROJECT_ROOT, 'data', '6e-meting');
const EDITION = join(PROJECT_ROOT, 'editions', '6e-meting', 'editie.json');
rmSync(dir, { recursive: true, force: true });

interface Times {
  html: number;
  monitor: number;
  brief: number;
  pages: string;
}

/** One build; the durations of steps 7 and 8 in milliseconds. */
async function run(i: number): Promise<Times> {
  const starts: { naam: string; t: number }[] = [];
  const ends: { naam: string; t: number; line: string }[] = [];
  await buildReport(
    { data: DATA, out: join(dir, `out-${i}`), edition: EDITION, cache },
    {
      now: () => performance.now(),
      begin: (_nr, naam) => starts.push({ naam, t: performance.now() }),
      log: (line) => {
        const m = /^\d+\. (.+) \([\d,]+ s\)/.exec(line);
        if (m) ends.push({ naam: m[1]!, t: performance.now(), line });
      },
    },
  );
  const duur = (naam: string) => {
    const s = starts.find((x) => x.naam === naam);
    const e = ends.find((x) => x.naam === naam);
    if (!s || !e) throw new Error(`stap '${naam}' niet gezien`);
    return e.t - s.t;
  };
  const pages = ends.filter((e) => e.naam.startsWith('PDF drukken')).map((e) => e.line.replace(/^.*?: /, '')).join('; ');
  return { html: duur('HTML opmaken'), monitor: duur('PDF drukken'), brief: duur('PDF drukken (Kamerbrief)'), pages };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const warm = await run(0);
console.log(`warm-up (fills the cache): HTML ${s(warm.html)}, monitor ${s(warm.monitor)}, Kamerbrief ${s(warm.brief)}`);
const results: Times[] = [];
for (let i = 1; i <= runs; i++) {
  const t = await run(i);
  results.push(t);
  console.log(`run ${i}: HTML ${s(t.html)}, print monitor ${s(t.monitor)}, print Kamerbrief ${s(t.brief)}, both prints ${s(t.monitor + t.brief)} (${t.pages})`);
  rmSync(join(dir, `out-${i}`), { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const both = median(results.map((t) => t.monitor + t.brief));
console.log(
  `median of ${runs}: HTML ${s(median(results.map((t) => t.html)))}, monitor ${s(median(results.map((t) => t.monitor)))}, ` +
    `Kamerbrief ${s(median(results.map((t) => t.brief)))}, both prints ${s(both)} — target ≤ 10 s: ${both <= 10_000 ? 'met' : 'NOT met'}`,
);
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
rmSync(dir, { recursive: true, force: true });
