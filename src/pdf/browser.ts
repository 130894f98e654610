/**
 * Finding and installing the Chromium that prints the PDFs (launching it: ./launch.ts).
 *
 * Order of search (first hit wins):
 *   1. MONITOR_CHROME, then PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH: a path the user chose.
 *      If one is set but points at nothing, that is an error, not a reason to look elsewhere.
 *   2. the usual install locations of the platform (Linux, macOS, Windows) and the PATH;
 *   3. Chrome for Testing in the project's cache (.cache/chrome) and puppeteer's cache.
 * When nothing is found, `resolveBrowser` tries the installers in turn (apt-get on Debian as root;
 * Chrome for Testing via @puppeteer/browsers where the download host answers) and searches again.
 * With none to be had it throws one Dutch InputError saying what was tried and how to fix it.
 *
 * Everything that touches the machine (environment, file system, installers) can be passed in,
 * so tests need neither a browser nor a network.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { InputError } from '../util/errors.ts';
import { BROWSER } from './messages.ts';
import { PROJECT_ROOT } from '../util/paths.ts';

/** Environment variables naming a browser, in order of precedence. */
export const BROWSER_ENV_VARS = ['MONITOR_CHROME', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const;

/** Where a browser installed by this project goes (gitignored). */
export const PROJECT_BROWSER_CACHE = join(PROJECT_ROOT, '.cache', 'chrome');

export interface BrowserSearch {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  /** the candidate paths to try after the environment variables; default: `defaultCandidates` */
  readonly candidates: readonly string[];
  readonly isExecutable: (path: string) => boolean;
}

export interface FoundBrowser {
  readonly executablePath: string;
  /** where it was found: 'MONITOR_CHROME', 'standaardlocatie', ... */
  readonly source: string;
}

/** The default search, on this machine. */
export function defaultSearch(overrides: Partial<BrowserSearch> = {}): BrowserSearch {
  const env = overrides.env ?? process.env;
  const platform = overrides.platform ?? process.platform;
  return {
    env,
    platform,
    candidates: overrides.candidates ?? defaultCandidates(platform, env),
    isExecutable: overrides.isExecutable ?? isExecutable,
  };
}

export function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The usual places a Chrome or Chromium lives, per platform, then the PATH and the caches. */
export function defaultCandidates(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string[] {
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
  const list: string[] = [];
  if (platform === 'linux') {
    for (const name of names.slice(0, 4)) list.push(`/usr/bin/${name}`);
    list.push('/snap/bin/chromium', '/usr/lib/chromium/chromium', '/opt/google/chrome/chrome');
  } else if (platform === 'darwin') {
    list.push(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      join(homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
    );
  } else if (platform === 'win32') {
    for (const root of [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA, 'C:\\Program Files', 'C:\\Program Files (x86)']) {
      if (root) list.push(`${root}\\Google\\Chrome\\Application\\chrome.exe`, `${root}\\Chromium\\Application\\chrome.exe`);
    }
  }
  if (platform !== 'win32') {
    for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
      for (const name of names) list.push(join(dir, name));
    }
  }
  const caches = [PROJECT_BROWSER_CACHE, env.PUPPETEER_CACHE_DIR, join(homedir(), '.cache', 'puppeteer')].filter((d): d is string => !!d);
  for (const cache of caches) list.push(...chromeForTestingIn(cache, platform));
  return [...new Set(list)];
}

/**
 * Executables of Chrome for Testing under a @puppeteer/browsers cache folder
 * (<cache>/<browser>/<platform>-<build>/...), newest build first. Read straight from the folder
 * layout so the search needs no import of the installer.
 */
export function chromeForTestingIn(cacheDir: string, platform: NodeJS.Platform): string[] {
  const out: string[] = [];
  const layouts: Record<string, { dir: string; exe: string }[]> = {
    linux: [
      { dir: 'chrome-headless-shell', exe: 'chrome-headless-shell-linux64/chrome-headless-shell' },
      { dir: 'chrome', exe: 'chrome-linux64/chrome' },
    ],
    darwin: [
      { dir: 'chrome-headless-shell', exe: 'chrome-headless-shell-mac-x64/chrome-headless-shell' },
      { dir: 'chrome-headless-shell', exe: 'chrome-headless-shell-mac-arm64/chrome-headless-shell' },
      { dir: 'chrome', exe: 'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing' },
      { dir: 'chrome', exe: 'chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing' },
    ],
    win32: [
      { dir: 'chrome-headless-shell', exe: 'chrome-headless-shell-win64\\chrome-headless-shell.exe' },
      { dir: 'chrome', exe: 'chrome-win64\\chrome.exe' },
    ],
  };
  for (const { dir, exe } of layouts[platform] ?? []) {
    const base = join(cacheDir, dir);
    const builds = readdirNames(base).sort().reverse();
    for (const build of builds) out.push(join(base, build, exe));
  }
  return out;
}

function readdirNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Find a browser without installing anything. Returns undefined when there is none; throws an
 * InputError when an environment variable names a path that is not an executable.
 */
export function findBrowser(search: BrowserSearch = defaultSearch()): FoundBrowser | undefined {
  for (const name of BROWSER_ENV_VARS) {
    const value = search.env[name];
    if (!value) continue;
    if (search.isExecutable(value)) return { executablePath: value, source: name };
    throw new InputError([BROWSER.envGeenProgramma(name, value)]);
  }
  for (const path of search.candidates) {
    if (search.isExecutable(path)) return { executablePath: path, source: 'standaardlocatie' };
  }
  return undefined;
}

/** A way to install a browser; `available` says whether it can work on this machine, and why not. */
export interface BrowserInstaller {
  readonly name: string;
  available(): Promise<true | string>;
  install(log: (line: string) => void): Promise<void>;
}

export interface ResolveOptions {
  readonly search?: BrowserSearch;
  /** installers to try in turn when no browser is found; default: apt-get, Chrome for Testing */
  readonly installers?: readonly BrowserInstaller[];
  readonly log?: (line: string) => void;
}

/**
 * Find a browser, installing one if none is found. Throws a Dutch InputError listing what was
 * searched and tried when there is none to be had.
 */
export async function resolveBrowser(options: ResolveOptions = {}): Promise<FoundBrowser> {
  return findBrowser(options.search ?? defaultSearch()) ?? installBrowser(options);
}

/**
 * Install a browser with the first installer that is available and works, then find it.
 * Throws a Dutch InputError saying what was searched and tried when none does.
 */
export async function installBrowser(options: ResolveOptions = {}): Promise<FoundBrowser> {
  const search = options.search ?? defaultSearch();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const tried: string[] = [];
  for (const installer of options.installers ?? defaultInstallers()) {
    const available = await installer.available();
    if (available !== true) {
      tried.push(`${installer.name}: niet geprobeerd (${available})`);
      continue;
    }
    log(`Geen browser gevonden; installeren met ${installer.name} ...`);
    try {
      await installer.install(log);
    } catch (e) {
      tried.push(`${installer.name}: mislukt (${firstLine(e)})`);
      continue;
    }
    // Search again, with the candidates recomputed: the install may have created a cache folder.
    const again = findBrowser(options.search ? search : defaultSearch({ env: search.env, platform: search.platform }));
    if (again) return { ...again, source: installer.name };
    tried.push(`${installer.name}: geïnstalleerd, maar daarna nog geen browser gevonden`);
  }
  throw noBrowserError(search, tried);
}

function noBrowserError(search: BrowserSearch, tried: readonly string[]): InputError {
  const env = BROWSER_ENV_VARS.map((n) => `${n} (${search.env[n] ? 'gezet' : 'niet gezet'})`).join(', ');
  const shown = search.candidates.slice(0, 8).join(', ') + (search.candidates.length > 8 ? `, en ${search.candidates.length - 8} andere` : '');
  return new InputError([BROWSER.nietGevonden(), BROWSER.gezocht(env, shown || '(geen locaties)'), BROWSER.installeren(tried)]);
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200);
}

const run = promisify(execFile);

/** apt-get install chromium: on Debian (not Ubuntu, whose package is a snap stub), as root. */
export function aptInstaller(): BrowserInstaller {
  return {
    name: 'apt-get install chromium',
    async available() {
      if (process.platform !== 'linux') return 'geen Linux';
      let osRelease: string;
      try {
        osRelease = readFileSync('/etc/os-release', 'utf8');
      } catch {
        return 'onbekende Linux-distributie';
      }
      if (!/^ID=("?)debian\1$/m.test(osRelease)) return 'geen Debian';
      if (process.getuid?.() !== 0) return 'geen root';
      if (!isExecutable('/usr/bin/apt-get')) return 'apt-get ontbreekt';
      return true;
    },
    async install(log) {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      log('apt-get update');
      await run('apt-get', ['update'], { env, timeout: 300_000 });
      log('apt-get install -y chromium');
      await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env, timeout: 600_000, maxBuffer: 32 * 1024 * 1024 });
    },
  };
}

/**
 * Chrome for Testing (the headless shell, the build puppeteer-core was made for) via
 * @puppeteer/browsers, into the project's cache. @puppeteer/browsers comes with puppeteer-core;
 * it is imported only here, when needed.
 */
export function chromeForTestingInstaller(cacheDir: string = PROJECT_BROWSER_CACHE): BrowserInstaller {
  const target = async () => {
    const browsers = await import('@puppeteer/browsers');
    const { PUPPETEER_REVISIONS } = await import('puppeteer-core/internal/revisions.js');
    const platform = browsers.detectBrowserPlatform();
    const browser = browsers.Browser.CHROMEHEADLESSSHELL;
    return { browsers, options: platform && { browser, buildId: PUPPETEER_REVISIONS['chrome-headless-shell'], cacheDir, platform } };
  };
  return {
    name: 'Chrome for Testing (@puppeteer/browsers)',
    async available() {
      const { browsers, options } = await target();
      if (!options) return 'platform niet ondersteund';
      // A HEAD request to the download host, bounded: where there is no internet this says so.
      const reachable = await Promise.race([
        browsers.canDownload(options).catch(() => false),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 10_000).unref()),
      ]);
      return reachable ? true : 'downloadserver niet bereikbaar';
    },
    async install(log) {
      const { browsers, options } = await target();
      if (!options) throw new Error('platform niet ondersteund');
      log(`Chrome for Testing ${options.buildId} -> ${cacheDir}`);
      await browsers.install(options);
    },
  };
}

export function defaultInstallers(): BrowserInstaller[] {
  return [aptInstaller(), chromeForTestingInstaller()];
}
