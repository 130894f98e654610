/**
 * Environment checks before the work (issue 18): enough free space for the output and the
 * temporary files, and a browser that starts (for the PDFs). Each fails at once with one Dutch
 * line naming the path or the browser, instead of an internal error a minute later. Writing to
 * the output folder is checked by taking its lock, the build's first write (guard.ts, lock).
 *
 * The space estimate (documented in the README):
 *   - the output's disk: the edition's present output again (the new one is written beside it
 *     before the swap), at least 4 MiB, and 16 MiB when the PDFs are made;
 *   - the temp disk: every `.csv.gz` extract decompressed at ten times its size (a typical ratio
 *     for these CSV files; the hard limit is in src/extracts/source.ts), plus 64 MiB for the
 *     browser's profile and print folder when the PDFs are made.
 * Two needs on the same disk are added up.
 */
import { execFile } from 'node:child_process';
import { readdirSync, statSync, type StatsFs } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError } from '../util/errors.ts';
import type { Diagnostic } from '../util/diagnostic.ts';
import { HINT_BROWSER, HINT_RUIMTE, UITVOER } from './messages.ts';

const MiB = 1024 * 1024;

export interface SpaceNeed {
  /** the folder the files go to (or the nearest existing parent) */
  readonly pad: string;
  readonly bytes: number;
  /** what it is for, in Dutch ("de uitvoer", "de uitgepakte extracten en de browser") */
  readonly wat: string;
}

/** The total size of the regular files under `pad` (0 when it does not exist). */
function grootte(pad: string): number {
  let totaal = 0;
  let items: import('node:fs').Dirent[];
  try {
    items = readdirSync(pad, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const i of items) {
    const p = join(pad, i.name);
    if (i.isDirectory()) totaal += grootte(p);
    else if (i.isFile()) totaal += statSync(p).size;
  }
  return totaal;
}

/** The space a build needs, by disk (see the module comment for the estimate). */
export function estimateSpace(o: { out: string; tmp: string; data?: string; pdf: boolean }): SpaceNeed[] {
  const uitvoer = Math.max(grootte(o.out), o.pdf ? 16 * MiB : 4 * MiB);
  let extracten = 0;
  if (o.data) {
    try {
      for (const naam of readdirSync(o.data)) if (naam.endsWith('.csv.gz')) extracten += 10 * statSync(join(o.data, naam)).size;
    } catch {
      // An extract folder that cannot be read is reported by the extract checks.
    }
  }
  const tijdelijk = extracten + (o.pdf ? 64 * MiB : 0);
  return [
    { pad: o.out, bytes: uitvoer, wat: 'de uitvoer' },
    ...(tijdelijk > 0 ? [{ pad: o.tmp, bytes: tijdelijk, wat: o.pdf ? 'de tijdelijke bestanden (uitgepakte extracten, de browser)' : 'de uitgepakte extracten' }] : []),
  ];
}

const toon = (bytes: number) => (bytes >= 1024 * MiB ? `${(bytes / 1024 / MiB).toFixed(1).replace('.', ',')} GiB` : `${Math.ceil(bytes / MiB)} MiB`);

/** The nearest existing folder at or above `pad`. */
function bestaand(pad: string): string {
  for (let p = pad; ; p = dirname(p)) {
    try {
      if (statSync(p).isDirectory()) return p;
    } catch {
      // not there (yet)
    }
    if (dirname(p) === p) return p;
  }
}

/**
 * Refuse, with one Dutch line per disk, when a disk has less free space than the build needs
 * there. `meet` is fs.statfs (for tests: a file system of a chosen size).
 */
export async function checkSpace(behoeften: readonly SpaceNeed[], meet: (pad: string) => Promise<Pick<StatsFs, 'bavail' | 'bsize'>> = statfs): Promise<void> {
  const perSchijf = new Map<number, { pad: string; bytes: number; wat: string[] }>();
  for (const b of behoeften) {
    const pad = bestaand(b.pad);
    const dev = statSync(pad).dev;
    const s = perSchijf.get(dev) ?? { pad, bytes: 0, wat: [] };
    s.bytes += b.bytes;
    s.wat.push(b.wat);
    perSchijf.set(dev, s);
  }
  const fouten: Diagnostic[] = [];
  for (const s of perSchijf.values()) {
    const { bavail, bsize } = await meet(s.pad);
    const vrij = Number(bavail) * Number(bsize);
    if (vrij < s.bytes) fouten.push(UITVOER.teWeinigRuimte(s.pad, `te weinig vrije ruimte op de schijf: ${toon(vrij)} vrij, naar schatting ${toon(s.bytes)} nodig voor ${s.wat.join(' en ')} (ENOSPC)`));
  }
  if (fouten.length > 0) {
    throw new InputError(fouten, HINT_RUIMTE);
  }
}

/** Browsers already known to start, in this process, with what they answered to --version. */
const gestart = new Map<string, string>();

/** The version a browser gave at checkBrowser, so the build need not ask it again. */
export function knownBrowserVersion(executablePath: string): string | undefined {
  return gestart.get(executablePath);
}

/**
 * Whether the browser starts: `<browser> --version` must answer within `ms`. A browser that is
 * missing, not executable, crashes or hangs is named now, not at the print a minute later.
 */
export async function checkBrowser(executablePath: string, ms = 10_000): Promise<void> {
  if (gestart.has(executablePath)) return;
  const t = performance.now();
  let versie = '';
  const reden = await new Promise<string | undefined>((klaar) => {
    execFile(executablePath, ['--version'], { timeout: ms, killSignal: 'SIGKILL', maxBuffer: 1 << 20 }, (e, stdout) => {
      if (!e && /\d+\.\d+/.test(stdout)) {
        versie = stdout.trim();
        return klaar(undefined);
      }
      if (!e) return klaar(`antwoordt op --version niet met een versie ('${stdout.trim().slice(0, 80)}')`);
      const err = e as NodeJS.ErrnoException & { killed?: boolean; signal?: string };
      if (err.killed || performance.now() - t >= ms) return klaar(`antwoordt niet binnen ${Math.round(ms / 1000)} s op --version`);
      if (err.code === 'ENOENT') return klaar('bestaat niet');
      if (err.code === 'EACCES') return klaar('is niet uitvoerbaar (EACCES)');
      return klaar(`stopt met een fout (${err.signal ?? `status ${String(err.code)}`})`);
    });
  });
  if (reden) {
    throw new InputError([UITVOER.browserWerktNiet(executablePath, reden)], HINT_BROWSER);
  }
  gestart.set(executablePath, versie);
}
