/**
 * Content hashes for the manifest and the cache: SHA-256 of files and of folders (each file's
 * path relative to the folder and its hash, in sorted order), so that the same content gives
 * the same hash on any machine and in any checkout location.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function hashFile(path: string): Promise<string> {
  return sha256(await readFile(path));
}

/** Every file under `dir`, as paths relative to it with forward slashes, sorted. */
export async function listFiles(dir: string, skip: (rel: string) => boolean = () => false): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const rel = relative(dir, p).split(sep).join('/');
      if (skip(rel)) continue;
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.push(rel);
    }
  };
  await walk(dir);
  return out.sort();
}

/** `{ relative path: sha256 }` for every file under `dir`, in sorted order. */
export async function hashFiles(dir: string, skip?: (rel: string) => boolean): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of await listFiles(dir, skip)) out[rel] = await hashFile(join(dir, rel));
  return out;
}

/** One hash for a set of named hashes (order-independent: the names are sorted). */
export function combine(hashes: Record<string, string>): string {
  return sha256(
    Object.keys(hashes)
      .sort()
      .map((k) => `${k}\0${hashes[k]}\n`)
      .join(''),
  );
}
