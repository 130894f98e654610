/**
 * Launching the Chromium that prints the PDFs (found by ./browser.ts): headless, with a fresh
 * temporary profile, and registered with cleanup.ts so that an exit or an interruption kills it
 * and removes its profile.
 */
import { tmpdir } from 'node:os';
import type { Browser } from 'puppeteer-core';
import { InputError } from '../util/errors.ts';
import { BROWSER } from './messages.ts';
import { atExit, killProcessesWith, removeStale, tempFolder } from '../util/cleanup.ts';

/**
 * Flags that work headless as root in a container: no sandbox (root), no GPU, and nothing that
 * reaches the network on its own: no QUIC, background networking (safe browsing, variations,
 * translate), component or extension updates, sync, domain reliability reports, crash uploads
 * (breakpad), DNS prefetching; no first-run tasks or default-browser check.
 */
export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--dns-prefetch-disable',
  // The print loads only file: and data: URLs; no host name needs resolving, so none is.
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--disable-dev-shm-usage', // small /dev/shm in containers
  '--font-render-hinting=none', // glyph metrics independent of the machine's font settings
] as const;

/** The name of the browser's temporary profile folders: `monitor-chrome-<pid>-*` (cleanup.ts). */
const PROFILE_NAME = 'monitor-chrome';

/** The name of the print's temporary folders: `monitor-print-<pid>-*` (src/pdf/print.ts). */
export const PRINT_NAME = 'monitor-print';

/**
 * The start-up sweep: kill a browser left running by a run that was killed outright (SIGKILL)
 * and remove its profile and print folders, recognised by the dead run's process id in their
 * names. Returns the folders removed.
 */
export function sweepStaleBrowsers(): string[] {
  return [...removeStale(tmpdir(), PROFILE_NAME, { killUsers: true }), ...removeStale(tmpdir(), PRINT_NAME)];
}

export interface LaunchedBrowser {
  readonly browser: Browser;
  /**
   * closes the browser (killing it if it does not close in time) and removes its profile; with
   * `kill`, kills it at once (after a deadline passed: a browser that hangs will not close)
   */
  close(options?: { kill?: boolean }): Promise<void>;
}

/**
 * What went wrong, in one line: puppeteer rejects with an Error whose message goes on with the
 * browser's own output, or with a plain object (a WebSocket error event) that would read as
 * "[object Object]".
 */
export function reden(e: unknown): string {
  let tekst: string;
  if (e instanceof Error) tekst = e.message;
  else if (e && typeof e === 'object') {
    const o = e as { message?: unknown; error?: unknown; type?: unknown };
    if (typeof o.message === 'string' && o.message) tekst = o.message;
    else if (o.error) return reden(o.error);
    else {
      try {
        tekst = JSON.stringify(e);
      } catch {
        tekst = Object.prototype.toString.call(e);
      }
      if (tekst === '{}') tekst = typeof o.type === 'string' ? `${o.type}-gebeurtenis zonder uitleg` : 'onbekende fout zonder uitleg';
    }
  } else tekst = String(e);
  const regels = tekst
    .split('\n')
    .map((r) => r.trim())
    .filter((r) => r && r !== 'stderr:' && !r.startsWith('TROUBLESHOOTING'));
  const een = regels.join('; ').replace(/\s+/g, ' ');
  return een.length > 300 ? `${een.slice(0, 297)}...` : een;
}

/** Kill the browser and everything it started (its process group), now, synchronously. */
function killNow(child: ReturnType<Browser['process']>): void {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // puppeteer starts the browser as the leader of its own process group.
    if (process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/**
 * Launch headless with a fresh temporary profile (`--user-data-dir`), removed again on close.
 * The browser and its profile are registered with cleanup.ts: an exit or an interruption
 * (Ctrl-C, SIGTERM) kills the browser and removes the profile; profiles of earlier runs that
 * were killed outright are removed at the next launch, and a browser still running in one killed. `signal` aborts the launch (and kills
 * what it started).
 */
export async function launchBrowser(executablePath: string, options: { timeout?: number; protocolTimeout?: number; signal?: AbortSignal } = {}): Promise<LaunchedBrowser> {
  sweepStaleBrowsers();
  const { path: profile, release: releaseProfile } = tempFolder(PROFILE_NAME);
  // An exit or an interruption while the browser starts kills what started, too (the build may
  // start the browser early, beside other work).
  const releaseLaunching = atExit(() => killProcessesWith(`--user-data-dir=${profile}`));
  let browser: Browser;
  try {
    // Loaded when a browser is launched: a build without PDFs never loads puppeteer.
    const { default: puppeteer } = await import('puppeteer-core');
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: [...LAUNCH_ARGS, `--user-data-dir=${profile}`],
      timeout: options.timeout ?? 30_000,
      protocolTimeout: options.protocolTimeout ?? 180_000,
      // The command line handles the signals (src/cli/report.ts); puppeteer's own handlers would
      // exit on SIGINT without cleaning up, and ignore SIGTERM (keep running) otherwise.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (e) {
    // puppeteer leaves a browser running that started but could not be connected to.
    killProcessesWith(`--user-data-dir=${profile}`);
    releaseLaunching();
    releaseProfile();
    throw new InputError([BROWSER.startNiet(executablePath, reden(e))]);
  }
  const child = browser.process();
  const releaseKill = atExit(() => killNow(child));
  releaseLaunching();
  return {
    browser,
    async close(o = {}) {
      if (!o.kill) await Promise.race([browser.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5_000).unref())]);
      else browser.disconnect().catch(() => undefined);
      killNow(child);
      releaseKill();
      releaseProfile();
    },
  };
}
