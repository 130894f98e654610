/**
 * The last step before the output folder is swapped into place: keep only the chosen products
 * of the new build (taking the others over from the previous output) and write the manifest.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from './hash.ts';
import { writeManifest, type Manifest } from './manifest.ts';
import { neemOver, PRODUCTEN, type Product } from './products.ts';

export interface FinishOptions {
  /** The hashes of the build's inputs, computed once per build (hashInputs). */
  invoer: Manifest['invoer'];
  projectRoot: string;
  /** Products to take from this build (default: all). */
  producten?: readonly Product[];
}

export interface FinishResult {
  manifest: Manifest;
  overgenomen: Product[];
  /** Every file of the finished folder, relative to it, sorted. */
  bestanden: string[];
}

/** Finish the temporary folder `tmp` that is about to replace `out`. */
export async function finishOutput(tmp: string, out: string, o: FinishOptions): Promise<FinishResult> {
  const overgenomen = await neemOver(tmp, out, o.producten ?? PRODUCTEN);
  const manifest = await writeManifest(tmp, o.invoer, overgenomen, {
    projectRoot: o.projectRoot,
    // Only for pdf/herkomst.json; imported lazily, so a build without PDFs never loads puppeteer.
    browserPad: existsSync(join(tmp, 'pdf')) ? (await import('../pdf/browser.ts')).findBrowser()?.executablePath : undefined,
  });
  return { manifest, overgenomen, bestanden: await listFiles(tmp) };
}
