/**
 * out/manifest.json: what a build was made from and what it made, as SHA-256 hashes, so that
 * a published PDF can be traced to its inputs.
 *
 * The manifest is committed with the other text outputs and checked by `--check`, so it must
 * be the same on every machine for the same inputs: no timestamps, no absolute paths, no
 * browser. Everything that belongs to the print goes into a second file beside the PDFs,
 * `out/pdf/herkomst.json` (git-ignored like the PDFs): the browser's version, the PDFs'
 * hashes, the git commit of the checkout, and the hash of the manifest.json it belongs to.
 *
 *   PDF ──hash──> pdf/herkomst.json ──manifest hash──> manifest.json ──> extracts, edition,
 *                      └─ browser version, commit                        templates, code
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { combine, hashFile, hashFiles, sha256 } from './hash.ts';
import { BOUWPRODUCTEN, inBouwproduct, type Product } from './products.ts';
import type { Extractie } from '../extracts/contract.ts';
import { InputError } from '../util/errors.ts';
import { UITVOER } from './messages.ts';
import { knownBrowserVersion } from './environment.ts';

const run = promisify(execFile);

export const MANIFEST = 'manifest.json';
const HERKOMST = 'pdf/herkomst.json';

export interface Manifest {
  formaat: 1;
  invoer: {
    /** Extract file name -> hash (the folder's path is not recorded: it differs per machine). */
    extracten: Record<string, string>;
    /** The extracts' own description (extractie.json): peildatum, bron, omschrijving. */
    extractie?: Extractie;
    editie: { bestand: string; sha256: string };
    /** The edition's own references (editions/<slug>/literatuur.json), when it has them. */
    literatuur?: { bestand: string; sha256: string };
    /** Path under templates/ -> hash (chapter templates and print CSS/HTML); `editie/<path>` for the edition's own versions. */
    sjablonen: Record<string, string>;
    /** The previous meting's published indicatoren.csv the comparison chapter was made from. */
    vorige?: { editie: string; sha256: string };
    code: {
      /** package.json's version. */
      versie: string;
      /** One hash over every file under src/. */
      bron: string;
      /** package-lock.json: the exact versions of every dependency (fonts included). */
      afhankelijkheden: string;
    };
  };
  /** Products taken over unchanged from an earlier build (absent after a full build). */
  overgenomen?: Product[];
  /** Output path -> hash, for everything except the PDFs and this file. */
  uitvoer: Record<string, string>;
}

export interface InputPaths {
  /** The extract folder; undefined when the build starts from a results folder (its manifest has the hashes). */
  data: string | undefined;
  edition: string;
  templates: string;
  /** The edition's own templates (editions/<slug>/templates), if any. */
  eigenSjablonen?: string;
  /** The edition's own references (editions/<slug>/literatuur.json), if any. */
  literatuur?: string | undefined;
  /** The predecessor's published indicatoren.csv, when the edition compares with one. */
  vorige?: { editie: string; pad: string } | undefined;
  projectRoot: string;
}

/** True for output paths the manifest does not list: itself and the (uncommitted) build products, pdf/ and web/. */
function notInManifest(rel: string): boolean {
  return rel === MANIFEST || inBouwproduct(rel);
}

/** The hashes of the inputs of a build. */
export async function hashInputs(i: InputPaths): Promise<Manifest['invoer']> {
  const pkg = JSON.parse(await readFile(join(i.projectRoot, 'package.json'), 'utf8')) as { version?: string };
  return {
    extracten: i.data === undefined ? {} : await hashFiles(i.data),
    editie: { bestand: basename(i.edition), sha256: await hashFile(i.edition) },
    ...(i.literatuur ? { literatuur: { bestand: basename(i.literatuur), sha256: await hashFile(i.literatuur) } } : {}),
    sjablonen: {
      ...(await hashFiles(i.templates)),
      ...(i.eigenSjablonen ? Object.fromEntries(Object.entries(await hashFiles(i.eigenSjablonen)).map(([k, v]) => [`editie/${k}`, v])) : {}),
    },
    ...(i.vorige ? { vorige: { editie: i.vorige.editie, sha256: await hashFile(i.vorige.pad) } } : {}),
    code: {
      versie: pkg.version ?? 'onbekend',
      bron: combine(await hashFiles(join(i.projectRoot, 'src'))),
      afhankelijkheden: existsSync(join(i.projectRoot, 'package-lock.json'))
        ? await hashFile(join(i.projectRoot, 'package-lock.json'))
        : 'geen',
    },
  };
}

/** The manifest of the output folder `dir` (after its products are final). */
export async function createManifest(dir: string, invoer: Manifest['invoer'], overgenomen: readonly Product[]): Promise<Manifest> {
  // The PDFs and the web edition are not described by the manifest (pdf/herkomst.json ties the
  // PDFs to the manifest they were printed with), so build products kept from an earlier build
  // (--no-pdf) do not change it: a build without PDFs and a full build give the same manifest.
  const vermeld = overgenomen.filter((p) => !BOUWPRODUCTEN.includes(p));
  return {
    formaat: 1,
    invoer,
    ...(vermeld.length > 0 ? { overgenomen: vermeld } : {}),
    uitvoer: await hashFiles(dir, notInManifest),
  };
}

function manifestText(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

export interface Herkomst {
  /** Hash of the manifest.json written with these PDFs. */
  manifest: string;
  browser: { pad: string; versie: string };
  /** The checkout the build ran in; `gewijzigd` when it had uncommitted changes. */
  git: { commit: string; gewijzigd: boolean } | null;
  node: string;
  pdf: Record<string, string>;
}

/** Write manifest.json into `dir`, and pdf/herkomst.json when it holds PDFs. */
export async function writeManifest(
  dir: string,
  invoer: Manifest['invoer'],
  overgenomen: readonly Product[],
  opties: { browserPad?: string; projectRoot: string },
): Promise<Manifest> {
  const m = await createManifest(dir, invoer, overgenomen);
  const tekst = manifestText(m);
  await writeFile(join(dir, MANIFEST), tekst, 'utf8');
  if (existsSync(join(dir, 'pdf')) && !overgenomen.includes('pdf')) {
    const pdf = await hashFiles(join(dir, 'pdf'), (rel) => rel === basename(HERKOMST));
    const herkomst: Herkomst = {
      manifest: sha256(tekst),
      browser: opties.browserPad ? { pad: opties.browserPad, versie: await browserVersie(opties.browserPad) } : { pad: 'onbekend', versie: 'onbekend' },
      git: await gitStand(opties.projectRoot),
      node: process.version,
      pdf,
    };
    await writeFile(join(dir, HERKOMST), `${JSON.stringify(herkomst, null, 2)}\n`, 'utf8');
  }
  return m;
}

async function browserVersie(pad: string): Promise<string> {
  // Asked once at the start of the build (environment.ts); only a build that skipped that asks here.
  const bekend = knownBrowserVersion(pad);
  if (bekend !== undefined) return bekend;
  try {
    const { stdout } = await run(pad, ['--version'], { timeout: 15_000 });
    return stdout.trim();
  } catch {
    return 'onbekend';
  }
}

async function gitStand(root: string): Promise<Herkomst['git']> {
  try {
    const commit = (await run('git', ['rev-parse', 'HEAD'], { cwd: root })).stdout.trim();
    const status = (await run('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root })).stdout.trim();
    return { commit, gewijzigd: status.length > 0 };
  } catch {
    return null;
  }
}

/** Read a manifest.json this tool wrote (a results folder's, for --from-results). */
export async function readManifest(pad: string): Promise<Manifest> {
  let m: Manifest;
  try {
    m = JSON.parse(await readFile(pad, 'utf8')) as Manifest;
  } catch {
    throw new InputError([UITVOER.manifestOnleesbaar(pad)]);
  }
  if (m.formaat !== 1 || typeof m.invoer !== 'object' || typeof m.invoer.extracten !== 'object')
    throw new InputError([UITVOER.manifestVreemd(pad)]);
  return m;
}
