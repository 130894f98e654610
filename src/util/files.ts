/**
 * Small file-system helpers: creating folders inside a build's temporary folder without ever
 * creating that folder itself, and reading a small input file a person names (an edition file): only a regular file (a link to
 * one is fine) of sensible size. A FIFO would block the read for ever and a link to /dev/zero
 * never end it; both are refused like a missing file.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Read `path` as UTF-8; rejects when it is no regular file or larger than `maxBytes`. */
export async function readRegularFile(path: string, maxBytes = 16 * 1024 * 1024): Promise<string> {
  const info = await stat(path);
  if (!info.isFile()) throw Object.assign(new Error(`${path}: no regular file`), { code: 'ENOTREG' });
  if (info.size > maxBytes) throw Object.assign(new Error(`${path}: larger than ${maxBytes} bytes`), { code: 'EFBIG' });
  return readFile(path, 'utf8');
}

/**
 * Create `dir` and its missing parents up to, but never including, `root`. Unlike
 * `mkdir(dir, { recursive: true })` this cannot bring back a `root` that was removed meanwhile:
 * when Ctrl-C removes a build's temporary folder while a write is still under way, that write
 * fails instead of leaving a new, half-filled folder behind.
 */
export async function mkdirUnder(root: string, dir: string): Promise<void> {
  const rel = relative(root, dir);
  if (rel.startsWith('..') || rel === '') return;
  let path = root;
  for (const part of rel.split(sep)) {
    path = `${path}${sep}${part}`;
    try {
      await mkdir(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/**
 * A cache folder's upkeep: of the files in `dir` whose names end in `einde`, other than those in
 * `behalve` (the entries the run just used), keep the `houden` most recently written and remove
 * the rest.
 */
export function houdNieuwste(dir: string, einde: string, houden: number, behalve: ReadonlySet<string> = new Set()): void {
  const namen = readdirSync(dir).filter((n) => n.endsWith(einde) && !behalve.has(n));
  if (namen.length <= houden) return;
  const metTijd = namen.map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const { n } of metTijd.slice(houden)) rmSync(join(dir, n), { force: true });
}
