/**
 * What the user sees while the report builds: one line per stage with its duration and what it
 * produced, and a summary of the outputs at the end.
 *
 * On a terminal the running stage is shown on a line that is overwritten when it finishes;
 * without one (a pipe, a log file, CI=true, TERM=dumb) every line is plain text without escape
 * codes. `quiet` keeps only warnings (errors are printed by the command line itself).
 */
import { relative, isAbsolute } from 'node:path';
import type { Effects } from '../pipeline/stages.ts';
import { PRODUCTEN } from '../pipeline/products.ts';

export interface OutputStream {
  write(tekst: string): unknown;
  isTTY?: boolean;
}

/** True when `stream` is a terminal a person looks at (not CI, not a dumb terminal). */
export function isInteractive(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): boolean {
  return stream.isTTY === true && !env.CI && env.TERM !== 'dumb';
}

export interface ReporterOptions {
  stream: OutputStream;
  interactief: boolean;
  quiet: boolean;
  now?: () => number;
}

const WIS = '\r\x1b[2K';
const GEEL = (s: string) => `\x1b[33m${s}\x1b[39m`;
const GRIJS = (s: string) => `\x1b[2m${s}\x1b[22m`;

/** Effects for buildReport that write progress to `stream`. */
export function createReporter(o: ReporterOptions): Effects & { stop(): void } {
  const now = o.now ?? (() => performance.now());
  let bezig: { tekst: string; start: number } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const teken = () => {
    if (bezig) o.stream.write(`${WIS}${GRIJS(`   ${bezig.tekst} … ${((now() - bezig.start) / 1000).toFixed(0)} s`)}`);
  };
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (bezig && o.interactief) o.stream.write(WIS);
    bezig = undefined;
  };
  return {
    now,
    begin(nr, naam) {
      if (!o.interactief || o.quiet) return;
      bezig = { tekst: `${nr}. ${naam}`, start: now() };
      teken();
      timer ??= setInterval(teken, 1000);
      timer.unref();
    },
    log(regel) {
      const waarschuwing = /^\s*waarschuwing:/.test(regel);
      if (o.quiet && !waarschuwing) return;
      if (!o.interactief) {
        o.stream.write(`${regel}\n`);
        return;
      }
      stop();
      o.stream.write(`${waarschuwing ? GEEL(regel) : regel}\n`);
    },
    stop,
  };
}

/** A path as the user would type it: relative to the working folder when inside it. */
export function displayPath(pad: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, pad);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : pad;
}

function grootte(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/**
 * The closing summary: per product folder the number of files and their names (the first few),
 * with sizes for PDFs. `grootteVan` gives a file's size in bytes.
 */
export function samenvatting(
  out: string,
  bestanden: readonly string[],
  seconden: number,
  grootteVan: (rel: string) => number,
  overgenomen: readonly string[] = [],
): string[] {
  const regels = [`Klaar in ${seconden.toFixed(1).replace('.', ',')} s: ${bestanden.length} bestanden in ${displayPath(out)}/`];
  const mappen = [...PRODUCTEN, ...new Set(bestanden.filter((b) => b.includes('/')).map((b) => b.split('/')[0]!))].filter(
    (m, i, a) => a.indexOf(m) === i,
  );
  for (const map of mappen) {
    const hier = bestanden.filter((b) => b.startsWith(`${map}/`)).map((b) => b.slice(map.length + 1));
    if (hier.length === 0) continue;
    const namen = hier.map((n) => (n.endsWith('.pdf') ? `${n} (${grootte(grootteVan(`${map}/${n}`))})` : n));
    const getoond = namen.length > 4 ? [...namen.slice(0, 3), `en nog ${namen.length - 3}`] : namen;
    const oud = overgenomen.includes(map) ? ' (ongewijzigd overgenomen)' : '';
    regels.push(`  ${`${map}/`.padEnd(12)}${String(hier.length).padStart(3)} ${hier.length === 1 ? 'bestand ' : 'bestanden'}  ${getoond.join(', ')}${oud}`);
  }
  for (const b of bestanden.filter((x) => !x.includes('/'))) regels.push(`  ${b}`);
  return regels;
}
