/**
 * Temporary folders that must not outlive the process, even when it is interrupted.
 *
 * The extract loader decompresses microdata into a temporary folder; the build writes its output
 * into `<out>.tmp-<pid>`; the browser has a profile folder. A folder registered here
 * is removed when it is released, when the process exits, and on SIGINT (Ctrl-C), SIGTERM or
 * SIGHUP; after that the signal's default behaviour follows (the process ends with the signal),
 * unless some other part of the program listens for that signal too. The signal handlers are
 * installed only while something is registered, so they change nothing otherwise.
 *
 * A process killed outright (SIGKILL, a power cut) cannot clean up: folders named with
 * `tempPrefix` carry the process id, and `removeStale` removes those of processes that no
 * longer run.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Signal = (typeof SIGNALS)[number];

const registered = new Set<string>();
/** Synchronous actions to run before the folders are removed (kill a browser that uses one). */
const actions = new Set<() => void>();
let installed = false;

/**
 * Remove `path` recursively, now. Writes the build started before an interruption may still be
 * under way in Node's worker threads while this runs (JavaScript itself is blocked here), and
 * one of them can add an entry after the folder was listed: rmdir then fails with ENOTEMPTY,
 * and Node's own retries only repeat that rmdir. So the whole removal is repeated, after a short
 * pause, until those writes are done. They cannot create the folder itself again: everything
 * below a temporary folder is made with mkdirUnder (util/files.ts).
 */
function removeNow(path: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      rmSync(path, { recursive: true, force: true });
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (attempt >= 20 || (code !== 'ENOTEMPTY' && code !== 'EBUSY')) throw e;
      Atomics.wait(PAUSE, 0, 0, 10 * attempt);
    }
  }
}
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

function removeAll(): void {
  for (const action of actions) {
    try {
      action();
    } catch {
      // Nothing more can be done while exiting.
    }
  }
  actions.clear();
  for (const path of registered) {
    try {
      removeNow(path);
    } catch {
      // Nothing more can be done while exiting.
    }
  }
  registered.clear();
}

function onSignal(signal: Signal): void {
  // This handler runs first (prepended), so the other listeners are all still counted, also
  // those registered with `once`.
  const others = process.listenerCount(signal) - 1;
  removeAll();
  uninstall();
  // Others listening for the signal decide what happens; otherwise its default: end the process.
  if (others === 0) process.kill(process.pid, signal);
}

const handlers = new Map<Signal, () => void>(SIGNALS.map((s) => [s, () => onSignal(s)]));

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', removeAll);
  for (const [signal, handler] of handlers) process.prependListener(signal, handler);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.removeListener('exit', removeAll);
  for (const [signal, handler] of handlers) process.removeListener(signal, handler);
}

/**
 * Remove `path` (recursively) when the process exits or is interrupted. Returns the release:
 * it removes the folder now and forgets it. Safe to call twice.
 */
export function removeOnExit(path: string): () => void {
  registered.add(path);
  install();
  return () => {
    if (!registered.delete(path)) return;
    removeNow(path);
    if (registered.size === 0 && actions.size === 0) uninstall();
  };
}

/**
 * Run `action` (synchronous: no promise is awaited while exiting) when the process exits or is
 * interrupted, before the registered folders are removed. Returns the release: it forgets the
 * action without running it.
 */
export function atExit(action: () => void): () => void {
  actions.add(action);
  install();
  return () => {
    if (!actions.delete(action)) return;
    if (registered.size === 0 && actions.size === 0) uninstall();
  };
}

/** What is registered now (for tests). */
export function registeredPaths(): string[] {
  return [...registered];
}

/**
 * A new temporary folder of this process, `<tmpdir>/<name>-<pid>-XXXXXX`, removed on exit and
 * interruption as removeOnExit does; returns it with its release. Made and registered in one
 * synchronous step: a signal is handled between event-loop turns, and after an asynchronous
 * mkdtemp it could come in with the folder made but not yet registered, leaving it behind.
 */
export function tempFolder(name: string): { path: string; release: () => void } {
  const path = mkdtempSync(join(tmpdir(), tempPrefix(name)));
  return { path, release: removeOnExit(path) };
}

/** The name prefix of a temporary folder of this process: `<name>-<pid>-` (mkdtemp adds the rest). */
export function tempPrefix(name: string): string {
  return `${name}-${process.pid}-`;
}

/** Is the process with this id still running? This process is; EPERM: it runs, as another user. */
export function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the folders `<name>-<pid>-*` in `dir` whose process no longer runs: left behind by a
 * run that was killed outright. With `killUsers`, processes still running with such a folder on
 * their command line (a browser and its helpers) are killed first. Returns what was removed.
 */
export function removeStale(dir: string, name: string, options: { killUsers?: boolean } = {}): string[] {
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)-`);
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const m = pattern.exec(entry);
    if (!m) continue;
    const pid = Number(m[1]);
    if (alive(pid)) continue;
    // A browser whose driver was killed outright runs on, in its profile folder: stop it first.
    if (options.killUsers) killProcessesWith(join(dir, entry));
    try {
      rmSync(join(dir, entry), { recursive: true, force: true });
      removed.push(entry);
    } catch {
      // Not ours to remove (another user's); leave it.
    }
  }
  return removed;
}

/**
 * Kill (SIGKILL) every process whose command line contains `text`, such as a browser started
 * with `--user-data-dir=<a folder of ours>`: for when the handle on it is lost (a failed launch,
 * a run killed outright). Linux only (it reads /proc); elsewhere it does nothing. Returns the ids.
 */
export function killProcessesWith(text: string): number[] {
  const killed: number[] = [];
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return killed;
  }
  for (const p of pids) {
    const pid = Number(p);
    if (pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(text)) continue;
      process.kill(pid, 'SIGKILL');
      killed.push(pid);
    } catch {
      // Gone meanwhile, or not ours to kill.
    }
  }
  return killed;
}
