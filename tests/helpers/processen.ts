/**
 * Running the command line as a child process in hostile-case tests: start it, wait (by polling,
 * with a bound) for what it prints or does, and look in /proc and the temp folder for anything
 * of it that outlived it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eenmaal, invoerSleutel } from './gedeeld.ts';
import { PROJECT_ROOT } from './root.ts';

export interface Lopend {
  readonly child: ChildProcess;
  readonly pid: number;
  /** everything written to stderr so far */
  stderr(): string;
  stdout(): string;
  /** resolves when the process has exited, with its status or signal and the time it took */
  readonly einde: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

/** Start `command args` in the project root, with pipes for output. */
export function start(command: string, args: readonly string[], env: Record<string, string | undefined> = {}): Lopend {
  const begin = performance.now();
  const child = spawn(command, [...args], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const einde = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, ms: Math.round(performance.now() - begin) })),
  );
  return { child, pid: child.pid!, stderr: () => err, stdout: () => out, einde };
}

/** The command line of this repository, as `npm run report` runs it (one node process, bin/report.mjs). */
export function cli(args: readonly string[], env: Record<string, string | undefined> = {}): Lopend {
  return start(process.execPath, ['bin/report.mjs', ...args], env);
}

export { GEDULD } from './geduld.ts';

/** Poll `klaar` every 50 ms until it holds; fail with `wat` (and `extra()`) after `ms` (normally GEDULD). */
export async function wachtOp(klaar: () => boolean, ms: number, wat: string, extra: () => string = () => ''): Promise<void> {
  const tot = performance.now() + ms;
  while (!klaar()) {
    if (performance.now() > tot) throw new Error(`waited ${ms} ms for ${wat}; it did not happen\n${extra()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every running process as pid and command line (arguments joined by spaces). */
function processen(): { pid: number; cmd: string }[] {
  const lijst: { pid: number; cmd: string }[] = [];
  for (const naam of readdirSync('/proc')) {
    if (!/^\d+$/.test(naam)) continue;
    try {
      const cmd = readFileSync(`/proc/${naam}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      // A zombie (exited, not yet reaped) has an empty command line and runs nothing.
      if (cmd) lijst.push({ pid: Number(naam), cmd });
    } catch {
      // Gone meanwhile.
    }
  }
  return lijst;
}

/**
 * Processes with folder `map` (or a path inside it) as one of their arguments: not those of a
 * folder whose name merely starts the same (`uit-a` is not `uit-a-b`, whose build may run beside).
 */
export function processenIn(map: string): { pid: number; cmd: string }[] {
  return processen().filter((p) => p.pid !== process.pid && p.cmd.split(' ').some((a) => a === map || a.startsWith(`${map}/`)));
}

/** Processes whose command line contains `tekst`. */
export function processenMet(tekst: string): { pid: number; cmd: string }[] {
  return processen().filter((p) => p.cmd.includes(tekst) && p.pid !== process.pid);
}

/**
 * What a run with this process id left in the temp folder (`dir`, the shared one unless the run
 * was given its own with TMPDIR): the tool's folders named `monitor-*-<pid>-*`.
 */
export function tempResten(pid: number, dir = tmpdir()): string[] {
  return readdirSync(dir).filter((n) => n.startsWith('monitor-') && n.includes(`-${pid}-`));
}

/**
 * A temp folder of its own for the builds a test starts, to pass as TMPDIR. Every build and
 * browser launch removes what runs that no longer exist left in its temp folder (and stops
 * their browsers); a test that kills a build and then checks what the *next* build cleans up
 * must keep those leftovers out of sight of the builds other test files run at the same time.
 */
export function eigenTmp(map: string): string {
  mkdirSync(map, { recursive: true });
  // tsx keeps the TypeScript it compiled in `<TMPDIR>/tsx-<uid>`: without it every command line
  // started with this TMPDIR would compile the whole pipeline again. The builds only ever touch
  // `monitor-*` names in their temp folder, so the link is outside what a test looks at.
  const tsx = `tsx-${process.geteuid?.() ?? userInfo().username}`;
  if (existsSync(join(tmpdir(), tsx)) && !existsSync(join(map, tsx))) symlinkSync(join(tmpdir(), tsx), join(map, tsx));
  return map;
}

/** Small synthetic extracts and their publishable results, shared by the tests that run builds as processes. */
interface KleineSet {
  /** The extracts (scale 0.01, seed 3, .csv.gz): read only. */
  data: string;
  /** An output root holding `6e-meting/`, made from them with `--stage resultaten`: read only. */
  resultaten: string;
}

/**
 * Extracts at scale 0.01 (seed 3, gzipped, so that a build decompresses them into its temp
 * folder) and their results (`--stage resultaten`), made once per `npm test` (tests/helpers/gedeeld.ts)
 * for every test file that builds the 6th meting as a process from them. A test never writes
 * into either: a build reads `--data` and `--from-results` and writes only to its `--out`, and
 * a test that wants the results as an existing output copies them first. The key covers the
 * code that makes both (src/, editions/, …) and this file.
 */
export async function kleineSet(): Promise<KleineSet> {
  const hoe = { set: 'klein', scale: 0.01, seed: 3, peildatum: '2019-06-30', format: 'csv.gz', stage: 'resultaten' };
  const sleutel = createHash('sha256').update(invoerSleutel('6e-meting', hoe)).update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 16);
  const dir = await eenmaal(`klein-6e-meting-${sleutel}`, async (tmp) => {
    // Loaded only here: a test file that finds the set made does not load the pipeline for it.
    const { generateExtracts } = await import('../../src/synth/generate.ts');
    const { buildReport } = await import('../../src/pipeline/build.ts');
    await generateExtracts({ scale: hoe.scale, seed: hoe.seed, out: join(tmp, 'data'), peildatum: hoe.peildatum, format: 'csv.gz' });
    const edition = join(PROJECT_ROOT, 'editions', '6e-meting', 'editie.json');
    await buildReport({ data: join(tmp, 'data'), edition, out: join(tmp, 'resultaten', '6e-meting'), stage: 'resultaten' }, { log: () => {}, now: () => 0 });
  });
  return { data: join(dir, 'data'), resultaten: join(dir, 'resultaten') };
}
