/**
 * The test command of `npm test`: Node's built-in test runner, with the test files packed into
 * fewer processes, and the checks (`--controle '<command>'`: the type check, the lint) beside them.
 *
 *   node --import tsx tests/run.ts [--controle '<command>' …] [tests/<folder>/<file>.test.ts …]
 *
 * Why pack: `node --test` gives every file a process of its own, and starting one (node, the
 * project's modules, a first template compile) costs about 0.7 s of CPU
 * before its first test. With a hundred files that is over a minute of CPU on a two-core
 * machine, more than most of the tests themselves. Files of one folder that are cheap to run
 * (tests/kosten.json, measured by `npx tsx bench/tests.ts --kosten`) therefore share a process:
 * a generated entry file under .cache/test-groups/ imports them, so Node's runner runs their
 * tests one after another in one process, as if they were one file. A file that costs more than
 * ALLEEN_VANAF on its own, or is not in the table yet (a new file), keeps a process of its own,
 * as before. Test files share no global state (no file changes process.env, the working folder
 * or a global), which is what makes this sound; a file that checks what its whole process left
 * behind (temp folders or browsers named by the process id) is marked `npm test: eigen proces`
 * (EIGEN_PROCES) and keeps a process of its own too. tests/util/run.test.ts checks the packing.
 *
 * The processes start most expensive first, so that the last minutes are not one long file on
 * one core while the other idles. The runner's own output (TAP without a terminal, as CI reads
 * it) is Node's, unchanged: the same test names and totals.
 *
 * Why the checks beside the tests: the type check and each linter run on one core. Run before
 * the tests, as `npm test` used to, they left the other core idle for most of a minute on a
 * fresh clone (no caches). Their output is kept and written after the tests' (all of it when a
 * check failed), and a failed check fails the command as before; the tests run either way.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundelMap, bundelNaar } from '../bin/bundel.mjs';
import { PROJECT_ROOT } from './helpers/root.ts';

/** A group of cheap files holds at most this many CPU seconds, so groups stay spread over the cores. */
export const GROEP_MAX = 30;
/** A file that costs more than this on its own never shares a process. */
const ALLEEN_VANAF = 10;
/** How many processes run at once: one per core of the machine the targets are set for. */
const GELIJKTIJDIG = 2;

/** One process of the run: the files it runs and what they cost together (CPU seconds). */
export interface Proces {
  readonly bestanden: readonly string[];
  readonly kosten: number;
}

/**
 * Pack `bestanden` (paths relative to the project, `tests/<folder>/<file>.test.ts`) into
 * processes: per folder, cheap files into groups of at most GROEP_MAX CPU seconds, in the order
 * given; expensive and unmeasured files alone. Most expensive process first.
 */
export function pak(bestanden: readonly string[], kosten: Readonly<Record<string, number>>, eigenProces: (bestand: string) => boolean = () => false): Proces[] {
  const processen: Proces[] = [];
  const open = new Map<string, { bestanden: string[]; kosten: number }>();
  for (const bestand of bestanden) {
    const k = kosten[bestand];
    if (k === undefined || k > ALLEEN_VANAF || eigenProces(bestand)) {
      processen.push({ bestanden: [bestand], kosten: k ?? Number.POSITIVE_INFINITY });
      continue;
    }
    const map = bestand.split('/').slice(0, -1).join('/');
    let groep = open.get(map);
    if (groep && groep.kosten + k > GROEP_MAX) {
      processen.push(groep);
      groep = undefined;
    }
    groep ??= { bestanden: [], kosten: 0 };
    groep.bestanden.push(bestand);
    groep.kosten += k;
    open.set(map, groep);
  }
  processen.push(...open.values());
  // Stable: equal costs keep the order of the files.
  return processen.map((p, i) => ({ p, i })).sort((a, b) => b.p.kosten - a.p.kosten || a.i - b.i).map(({ p }) => p);
}

/** Every test file, as `npm test` used to glob them: tests/<folder>/<file>.test.ts, sorted. */
export function alleTestbestanden(root = PROJECT_ROOT): string[] {
  return readdirSync(join(root, 'tests'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(root, 'tests', d.name)).filter((f) => f.endsWith('.test.ts')).map((f) => `tests/${d.name}/${f}`))
    .sort();
}

/**
 * The mark of a test file that must have a process of its own: it checks what its process as a
 * whole left behind (temp folders or browsers named by the process id), which another file in
 * the same process could add to.
 */
export const EIGEN_PROCES = 'npm test: eigen proces';

/** Whether the file carries the mark EIGEN_PROCES. */
function heeftEigenProces(bestand: string): boolean {
  return readFileSync(join(PROJECT_ROOT, bestand), 'utf8').includes(EIGEN_PROCES);
}

/** The measured cost per file (tests/kosten.json); none when it is missing. */
function leesKosten(): Record<string, number> {
  const pad = join(PROJECT_ROOT, 'tests', 'kosten.json');
  return existsSync(pad) ? (JSON.parse(readFileSync(pad, 'utf8')) as Record<string, number>) : {};
}

interface Controle {
  /** The command, as given (split on spaces, run without a shell). */
  commando: string;
  code: number;
  uitvoer: string;
  seconden: number;
}

/** Run a check with its output kept. */
function controle(commando: string): { klaar: Promise<Controle>; stop: (s: NodeJS.Signals) => void } {
  const begin = performance.now();
  const [programma, ...args] = commando.split(' ').filter(Boolean);
  const kind = spawn(programma!, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let uitvoer = '';
  kind.stdout.on('data', (d: Buffer) => (uitvoer += d.toString()));
  kind.stderr.on('data', (d: Buffer) => (uitvoer += d.toString()));
  const klaar = new Promise<Controle>((resolve) =>
    kind.on('close', (code) => resolve({ commando, code: code ?? 1, uitvoer, seconden: (performance.now() - begin) / 1000 })),
  );
  return { klaar, stop: (s) => kind.kill(s) };
}

/** One line per check, and the whole output of a check that failed (on stderr, after the tests' output). */
function meld(controles: readonly Controle[]): void {
  for (const c of controles) {
    if (c.code !== 0) process.stderr.write(`\n${c.uitvoer.trimEnd()}\n`);
    process.stderr.write(`${c.commando}: ${c.code === 0 ? 'geslaagd' : `MISLUKT (status ${c.code})`} in ${c.seconden.toFixed(0)} s\n`);
  }
}

/** The file Node's runner is given for a process: the file itself, or an entry that imports the group. */
function ingang(p: Proces, map: string, n: number): string {
  if (p.bestanden.length === 1) return p.bestanden[0]!;
  const naam = `${String(n).padStart(2, '0')}-${p.bestanden[0]!.split('/')[1]}.test.ts`;
  const regels = p.bestanden.map((b) => `import ${JSON.stringify(relative(map, join(PROJECT_ROOT, b)).split(sep).join('/'))};`);
  writeFileSync(join(map, naam), `// Generated by tests/run.ts: these test files share one process.\n${regels.join('\n')}\n`);
  return relative(PROJECT_ROOT, join(map, naam));
}

/** The preload that gives the tests' builds the bundle of src/ (tests/helpers/werkers.ts). */
const WERKERS = 'tests/helpers/werkers.ts';

/**
 * Node's arguments for the test processes: the files, as JavaScript when they can be bundled.
 *
 * Why: through tsx, every import of every module passes the loader's thread, the packages' too;
 * a test process that imports the pipeline spent 1–2 CPU-s more loading it than Node does
 * alone. So the entries (and the preload) are bundled like src/ for `npm run report`
 * (bin/bundel.mjs: `import.meta.url` stays the source file's, so fixtures, templates and SQL
 * are found as before), in a second for all of them, and run with source maps, so a failure
 * names the .ts file and line. When bundling fails (a syntax error in a test), the files run
 * through tsx as they are, and the error shows in the test that has it.
 */
async function alsJavaScript(ingangen: readonly string[], uit: string): Promise<{ vlaggen: string[]; bestanden: string[] }> {
  const js = (pad: string) => join(uit, pad.replace(/\.ts$/, '.mjs'));
  try {
    await bundelNaar([...ingangen, WERKERS], uit);
    return { vlaggen: ['--enable-source-maps', '--import', js(WERKERS)], bestanden: ingangen.map(js) };
  } catch (e) {
    process.stderr.write(`De testbestanden draaien via tsx: bundelen lukte niet (${bundelFout(e)}).\n`);
    return { vlaggen: ['--import', 'tsx', '--import', `./${WERKERS}`], bestanden: [...ingangen] };
  }
}

/** esbuild's first error as `file:line: text`, or the error's first line. */
function bundelFout(e: unknown): string {
  const eerste = (e as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors?.[0];
  if (eerste) return eerste.location ? `${eerste.location.file}:${eerste.location.line}: ${eerste.text}` : eerste.text;
  return e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
}

/** The arguments: the checks (`--controle <command>`) and the test files. */
function argumenten(argv: readonly string[]): { controles: string[]; bestanden: string[] } {
  const controles: string[] = [];
  const bestanden: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--controle') controles.push(argv[++i] ?? '');
    else bestanden.push(argv[i]!);
  }
  return { controles, bestanden };
}

async function main(): Promise<number> {
  const { controles: checks, bestanden: gevraagd } = argumenten(process.argv.slice(2));
  const controles = checks.map(controle);
  const processen = pak(gevraagd.length > 0 ? gevraagd : alleTestbestanden(), leesKosten(), heeftEigenProces);
  const map = join(PROJECT_ROOT, '.cache', 'test-groups', String(process.pid));
  mkdirSync(map, { recursive: true });
  try {
    const ingangen = processen.map((p, i) => ingang(p, map, i + 1));
    // The bundle of src/ for the worker threads of the tests' builds (tests/helpers/werkers.ts).
    const bundel = await bundelMap();
    const env = { ...process.env, ...(bundel ? { MONITOR_TEST_BUNDEL: bundel } : {}) };
    const { vlaggen, bestanden } = await alsJavaScript(ingangen, join(map, 'js'));
    const args = [...vlaggen, '--test', `--test-concurrency=${GELIJKTIJDIG}`, ...bestanden];
    const runner = spawn(process.execPath, args, { cwd: PROJECT_ROOT, stdio: 'inherit', env });
    // A stop for this command stops the runner, which stops the test processes, and the checks: none runs on.
    for (const signaal of ['SIGINT', 'SIGTERM'] as const)
      process.on(signaal, () => {
        runner.kill(signaal);
        for (const c of controles) c.stop(signaal);
      });
    const code = await new Promise<number>((klaar) => runner.on('exit', (c) => klaar(c ?? 1)));
    const uitslagen = await Promise.all(controles.map((c) => c.klaar));
    meld(uitslagen);
    return code !== 0 ? code : (uitslagen.find((c) => c.code !== 0)?.code ?? 0);
  } finally {
    rmSync(map, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main();
