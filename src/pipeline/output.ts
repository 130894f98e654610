/**
 * The output folder is replaced as a whole: the build writes into a temporary folder beside it
 * (`<out>.tmp-<pid>`) and swaps that into place only when every stage succeeded, so a failed or
 * interrupted run leaves the previous output exactly as it was.
 */
import { existsSync, renameSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { atExit, removeOnExit } from '../util/cleanup.ts';
import { mkdirUnder } from '../util/files.ts';
import type { GerenderdeFiguur } from '../charts/render.ts';

/**
 * Run `work` on the temporary folder beside the output (`<out>.tmp-<pid>`), which `work` swaps
 * into place when everything succeeded. On failure, and on Ctrl-C, SIGTERM or any exit
 * (cleanup.ts), the temporary folder is removed and the output stays as it was.
 */
export async function inTempFolder<T>(out: string, work: (tmp: string) => Promise<T>): Promise<T> {
  const tmp = `${out}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  const releaseTmp = removeOnExit(tmp);
  // Created here, once: everything below writes inside it and never creates it again (mkdirUnder).
  await mkdir(tmp);
  try {
    return await work(tmp);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    releaseTmp();
  }
}

/**
 * Write `files` (paths relative to `dir`) and return their paths. Folders are created below
 * `root` (the temporary folder, which must exist), never `root` itself.
 */
export async function writeTextOutputs(dir: string, files: Record<string, string | Uint8Array>, root: string = dir): Promise<string[]> {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    await mkdirUnder(root, dirname(path));
    await writeFile(path, content, 'utf8');
  }
  return Object.keys(files);
}

/** Replace `out` by `tmp` in two renames; on failure the old folder is put back. */
export async function replaceFolder(tmp: string, out: string): Promise<void> {
  const old = `${out}.old-${process.pid}`;
  const hadOut = existsSync(out);
  // Interrupted between the two renames (Ctrl-C, SIGTERM): put the previous output back.
  const putBack = atExit(() => {
    if (existsSync(old) && !existsSync(out)) renameSync(old, out);
  });
  if (hadOut) await rename(out, old);
  try {
    await rename(tmp, out);
  } catch (e) {
    if (hadOut) await rename(old, out);
    throw e;
  } finally {
    putBack();
  }
  if (hadOut) await rm(old, { recursive: true, force: true });
}

/** The files of the rendered figures: each chart's SVG and its spec, under figuren/. */
export function figuurBestanden(figuren: readonly GerenderdeFiguur[]): Record<string, string> {
  return Object.fromEntries(
    figuren.flatMap((f) => [
      [`figuren/${f.figuur.id}.svg`, f.svg],
      [`figuren/${f.figuur.id}.vl.json`, f.specJson],
    ]),
  );
}
