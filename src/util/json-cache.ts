/**
 * A folder of JSON files, each the output of a pure function under a key of everything that
 * output depends on: the build's caches of work that costs more to do than to read back (the
 * citeproc runs, src/chapters/citeproc.ts; the Markdown trees, src/html/processor.ts).
 *
 * Reading an entry that is missing or unreadable gives nothing (the caller does the work again);
 * writing is atomic (a build beside this one may read the same folder) and never fails a build:
 * a cache that cannot be written is only slower next time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { houdNieuwste } from './files.ts';

export interface JsonCache {
  /** The folder (made on the first write). */
  readonly dir: string;
  /** How many entries the upkeep keeps, besides those used since the cache was opened. */
  readonly houden: number;
  /** The entries read or written since: the upkeep never removes them. */
  readonly gebruikt: Set<string>;
}

export function jsonCache(dir: string, houden: number): JsonCache {
  return { dir, houden, gebruikt: new Set() };
}

/** The key of an entry: a hash of the parts, in order. */
export function cacheSleutel(...delen: readonly string[]): string {
  const h = createHash('sha256');
  for (const d of delen) h.update(d).update('\0');
  return h.digest('hex');
}

/** The entry under `sleutel`, or undefined when there is none that can be read. */
export function uitCache<T>(cache: JsonCache, sleutel: string): T | undefined {
  const naam = `${sleutel}.json`;
  try {
    const waarde = JSON.parse(readFileSync(join(cache.dir, naam), 'utf8')) as T;
    cache.gebruikt.add(naam);
    return waarde;
  } catch {
    return undefined;
  }
}

/** Keep `waarde` under `sleutel`. */
export function inCache(cache: JsonCache, sleutel: string, waarde: unknown): void {
  const naam = `${sleutel}.json`;
  try {
    mkdirSync(cache.dir, { recursive: true });
    const pad = join(cache.dir, naam);
    const tmp = `${pad}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(waarde));
    renameSync(tmp, pad);
    cache.gebruikt.add(naam);
  } catch {
    // Not kept: the work is done again next time.
  }
}

/** Drop the oldest entries beyond `houden`, never one used since the cache was opened. */
export function cacheOnderhoud(cache: JsonCache): void {
  try {
    houdNieuwste(cache.dir, '.json', cache.houden, cache.gebruikt);
  } catch {
    // No folder yet, or one that cannot be read: nothing to keep up.
  }
}
