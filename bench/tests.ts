/**
 * What each test file costs: runs every test file on its own (`node --import tsx --test <file>`,
 * one at a time) under GNU time and prints, per file, the wall time, the CPU time (user + sys)
 * and the peak memory, most expensive first, with the totals. The CPU time is the larger of two
 * lower bounds: GNU time's (the file and the child processes it waited for: builds, browsers,
 * Poppler) and that of every process the file started, read from /proc as they run
 * (bench/cpu.ts), which also counts the browser's helper processes that end after the browser
 * and that no one waits for. Both are printed; for the web edition's browser test they were 20
 * and 68 CPU-s.
 *
 *   npx tsx bench/tests.ts [--json out.json] [--kosten] [tests/dir/file.test.ts ...]
 *
 * On a shared machine wall time says little; CPU time does. With perfect parallelism on n
 * cores the suite needs at least (total CPU) / n of wall time. Files run one at a time, so
 * fixtures they share (tests/helpers/gedeeld.ts) are built by the first file that needs them
 * and read by the rest, as in `npm test`; pass `--koud` to remove the shared fixtures first.
 * `--kosten` writes each file's CPU time into tests/kosten.json (merged with what is there, for
 * the files measured), the table by which `npm test` packs cheap files into shared processes
 * (tests/run.ts). Refresh it after adding test files or changing what they cost.
 * Needs /usr/bin/time (Debian: apt-get install time).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/util/paths.ts';
import { meet } from './cpu.ts';

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonPad = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
const koud = args.includes('--koud');
const kostenSchrijven = args.includes('--kosten');
const gekozen = args.filter((a, i) => !a.startsWith('--') && (jsonAt < 0 || i !== jsonAt + 1));

const bestanden =
  gekozen.length > 0
    ? gekozen
    : readdirSync(join(PROJECT_ROOT, 'tests'), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .flatMap((d) =>
          readdirSync(join(PROJECT_ROOT, 'tests', d.name))
            .filter((f) => f.endsWith('.test.ts'))
            .map((f) => `tests/${d.name}/${f}`),
        )
        .sort();

if (koud) rmSync(join(PROJECT_ROOT, '.cache', 'tests'), { recursive: true, force: true });

interface Meting {
  bestand: string;
  wand: number;
  /** The larger of the two below. */
  cpu: number;
  /** GNU time: the file and the children it waited for. */
  cpuTime: number;
  /** Every process the file started, from /proc (undefined where there is none). */
  cpuProc: number | undefined;
  geheugenMB: number;
  tests: number;
  mislukt: number;
}

const werk = mkdtempSync(join(tmpdir(), 'bench-tests-'));
const metingen: Meting[] = [];
const begin = loadavg()[0]!;
for (const bestand of bestanden) {
  const tijdBestand = join(werk, 'time.txt');
  const meter = meet();
  // Not spawnSync: the meter reads /proc on this process's event loop while the file runs.
  const stdout = await new Promise<string>((klaar) => {
    const kind = spawn('/usr/bin/time', ['-o', tijdBestand, '-f', '%e %U %S %M', process.execPath, '--import', 'tsx', '--test', '--test-reporter=tap', bestand], {
      cwd: PROJECT_ROOT,
      env: meter.env,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let uit = '';
    kind.stdout.on('data', (d: Buffer) => (uit += d.toString('utf8')));
    kind.on('close', () => klaar(uit));
  });
  const cpuProc = meter.stop();
  const regel = readFileSync(tijdBestand, 'utf8').trim().split('\n').at(-1)!;
  const [wand, user, sys, kb] = regel.split(' ').map(Number) as [number, number, number, number];
  const tel = (naam: string) => Number(new RegExp(`^# ${naam} (\\d+)$`, 'm').exec(stdout)?.[1] ?? NaN);
  const cpuTime = user + sys;
  const m: Meting = { bestand, wand, cpu: Math.max(cpuTime, cpuProc ?? 0), cpuTime, cpuProc, geheugenMB: Math.round(kb / 1024), tests: tel('tests'), mislukt: tel('fail') };
  metingen.push(m);
  process.stderr.write(`${bestand}: ${wand.toFixed(1)} s wall, ${m.cpu.toFixed(1)} s cpu (GNU time ${cpuTime.toFixed(1)}, /proc ${cpuProc?.toFixed(1) ?? '–'})${m.mislukt ? `, ${m.mislukt} FAILED` : ''}\n`);
}
rmSync(werk, { recursive: true, force: true });

metingen.sort((a, b) => b.cpu - a.cpu);
const som = (k: 'wand' | 'cpu' | 'tests' | 'mislukt') => metingen.reduce((s, m) => s + m[k], 0);
const breed = Math.max(...metingen.map((m) => m.bestand.length), 5);
const rij = (naam: string, wand: string, cpu: string, mb: string, tests: string, fout: string) =>
  `${naam.padEnd(breed)}  ${wand.padStart(8)}  ${cpu.padStart(8)}  ${mb.padStart(7)}  ${tests.padStart(5)}  ${fout.padStart(4)}`;
console.log(rij('file', 'wall s', 'cpu s', 'peak MB', 'tests', 'fail'));
for (const m of metingen) console.log(rij(m.bestand, m.wand.toFixed(1), m.cpu.toFixed(1), String(m.geheugenMB), String(m.tests), String(m.mislukt)));
console.log(rij(`total (${metingen.length} files)`, som('wand').toFixed(1), som('cpu').toFixed(1), '', String(som('tests')), String(som('mislukt'))));
console.log(`lower bound on 2 cores: ${(som('cpu') / 2).toFixed(0)} s; load average ${begin.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`);
if (jsonPad) writeFileSync(jsonPad, JSON.stringify({ metingen, loadavg: [begin, loadavg()[0]] }, null, 2) + '\n');
if (kostenSchrijven) {
  const pad = join(PROJECT_ROOT, 'tests', 'kosten.json');
  const kosten = existsSync(pad) ? (JSON.parse(readFileSync(pad, 'utf8')) as Record<string, number>) : {};
  for (const m of metingen) kosten[m.bestand] = Math.round(m.cpu * 10) / 10;
  const bestaand = new Set(gekozen.length > 0 ? Object.keys(kosten).filter((b) => existsSync(join(PROJECT_ROOT, b))) : bestanden);
  writeFileSync(pad, JSON.stringify(Object.fromEntries(Object.entries(kosten).filter(([b]) => bestaand.has(b)).sort(([a], [b]) => a.localeCompare(b))), null, 2) + '\n');
}
