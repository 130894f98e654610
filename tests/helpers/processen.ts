/**
 * Running the command line as a child process in hostile-case tests: start it, wait (by polling,
 * with a bound) for what it prints or does, and look in /proc and the temp folder for anything
 * of it that outlived it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** The command line of this repository, as `npm run report` runs it (one node process). */
export function cli(args: readonly string[], env: Record<string, string | undefined> = {}): Lopend {
  return start(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', ...args], env);
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
  return map;
}
