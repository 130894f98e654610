/**
 * The tool only ever deletes or overwrites what it wrote itself.
 *
 * Every path the tool writes to (the output folder, the verification frames, the comparison
 * summary) is checked here before anything is touched. A refusal is a `Refused` error: a
 * Dutch message that names the path, says why, and gives the way out; the command line exits
 * with status 2.
 *
 * How the tool recognises its own output:
 * - an edition's output folder (`<out>/<slug>/`) holds the build's `manifest.json`;
 * - the output root (`--out`, default `out/`) holds only edition output folders and the
 *   temporary and backup folders of a build (`<slug>.tmp-<pid>`, `<slug>.old-<pid>`);
 * - a folder of verification frames holds `modelframes.json`, written with the frames;
 * - a comparison summary starts with its own heading.
 * Empty folders and paths that do not exist yet are always fine.
 *
 * Whatever is recognised, the tool never writes into, over or around its own inputs: no output
 * path may be, contain or lie inside the extract folder, the templates, an edition's folder or
 * one of the repository's own folders; nor may it be or contain the repository root, the home
 * folder or `/`.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { alive, atExit } from '../util/cleanup.ts';
import { rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../util/errors.ts';
import { binnen, echtPad } from '../util/paths.ts';
import { UITVOER } from './messages.ts';

/** A refusal to write: exit status 2, nothing touched. */
export class Refused extends InputError {
  readonly status = 2;
}

/** An input of this build that no output may touch, and how to name it to the user. */
interface Invoer {
  pad: string;
  naam: string;
}

export interface GuardContext {
  projectRoot: string;
  /** The build's inputs: extract folders, templates, edition folders. */
  invoer: readonly Invoer[];
  /** Default: the user's home folder. */
  home?: string;
}

/** The repository's own folders: never an output, never inside one. */
const PROJECTMAPPEN = ['src', 'templates', 'editions', 'data', 'tests', 'bench', 'docs', '.ci', '.git', 'node_modules'];

/** `<slug>.tmp-<pid>` and `<slug>.old-<pid>`: a build's temporary and backup folders. */
export const LEFTOVER_FOLDER = /^(.+)\.(tmp|old)-(\d+)$/;

/** `<slug>.lock`: the lock of a build running into `<slug>/` (takeLock), with its process id. */
export const LOCK_FILE = /^(.+)\.lock$/;

function weiger(pad: string, optie: string, waarom: string, uitweg: string): never {
  throw new Refused([UITVOER.geweigerd(`${optie} ${pad}`, waarom)], uitweg);
}

/** The inputs and repository folders `pad` may not be, contain or lie inside; the roots it may not be or contain. */
function controleerLigging(pad: string, optie: string, ctx: GuardContext): void {
  const echt = echtPad(pad);
  const wortels: Invoer[] = [
    { pad: ctx.projectRoot, naam: 'de hoofdmap van het project' },
    { pad: ctx.home ?? homedir(), naam: 'je thuismap' },
    { pad: '/', naam: 'de hoofdmap van het bestandssysteem (/)' },
  ];
  for (const w of wortels) {
    if (binnen(echtPad(w.pad), echt)) weiger(pad, optie, `dit is of bevat ${w.naam}`, 'Kies een eigen, nieuwe map voor de uitvoer, bijvoorbeeld een map uitvoer/ daarbinnen.');
  }
  const beschermd: Invoer[] = [
    ...ctx.invoer,
    ...PROJECTMAPPEN.map((m) => ({ pad: join(ctx.projectRoot, m), naam: `de projectmap ${m}/` })),
  ];
  for (const b of beschermd) {
    const e = echtPad(b.pad);
    if (binnen(echt, e))
      weiger(pad, optie, echt === e ? `dit is ${b.naam}` : `deze map ligt binnen ${b.naam} (${b.pad})`, 'Kies een eigen, nieuwe map voor de uitvoer, buiten de invoer en de code van het project.');
    if (binnen(e, echt)) weiger(pad, optie, `deze map bevat ${b.naam} (${b.pad})`, 'Kies een eigen, nieuwe map voor de uitvoer, buiten de invoer en de code van het project.');
  }
}

function isManifest(pad: string): boolean {
  try {
    const m = JSON.parse(readFileSync(pad, 'utf8')) as Record<string, unknown>;
    return typeof m.formaat === 'number' && typeof m.invoer === 'object' && typeof m.uitvoer === 'object';
  } catch {
    return false;
  }
}

/** Is `map` a folder this tool wrote as an edition's output (or an empty one)? */
function isEditieUitvoer(map: string): boolean {
  const s = lstatSync(map, { throwIfNoEntry: false });
  if (!s?.isDirectory()) return false;
  return readdirSync(map).length === 0 || isManifest(join(map, 'manifest.json'));
}

/**
 * The output root (`--out`): missing, empty, or holding only edition outputs and the tool's own
 * temporary and backup folders.
 */
export function checkOutputRoot(out: string, ctx: GuardContext, optie = '--out'): void {
  controleerLigging(out, optie, ctx);
  const s = lstatSync(out, { throwIfNoEntry: false });
  if (!s) return;
  if (!statSync(out, { throwIfNoEntry: false })?.isDirectory())
    weiger(out, optie, 'dit is een bestand, geen map', 'Geef een map op voor de uitvoer; een bestaand bestand wordt nooit vervangen.');
  const vreemd = readdirSync(out)
    .filter((naam) => !LEFTOVER_FOLDER.test(naam) && !LOCK_FILE.test(naam) && !isEditieUitvoer(join(out, naam)))
    .sort();
  if (vreemd.length > 0) {
    const lijst = vreemd.slice(0, 5).join(', ') + (vreemd.length > 5 ? ` en nog ${vreemd.length - 5}` : '');
    weiger(
      out,
      optie,
      `deze map bevat iets dat deze tool niet heeft gemaakt (${lijst})`,
      'Kies een lege of nieuwe map. De tool vervangt alleen zijn eigen uitvoer: per editie een map met manifest.json.',
    );
  }
}

/** The folder of the verification frames: never inside the published output, and only the tool's own frames are overwritten. */
export function checkModelFramesFolder(folder: string, out: string, ctx: GuardContext): void {
  const optie = '--model-frames';
  const [doel, uit] = [echtPad(folder), echtPad(out)];
  if (binnen(resolve(folder), resolve(out)) || binnen(doel, uit))
    throw new Refused([UITVOER.modelframesInUitvoer(`${optie} ${folder}`, out)], `Kies een map buiten ${out}, bijvoorbeeld een werkmap in de beveiligde omgeving.`);
  if (binnen(uit, doel)) weiger(folder, optie, `deze map bevat de uitvoermap ${out}`, 'Kies een eigen, nieuwe map voor de modelframes.');
  controleerLigging(folder, optie, ctx);
  const s = lstatSync(folder, { throwIfNoEntry: false });
  if (!s) return;
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory())
    weiger(folder, optie, 'dit is een bestand, geen map', 'Geef een map op voor de modelframes.');
  if (readdirSync(folder).length > 0 && !existsSync(join(folder, MODELFRAMES_MERK)))
    weiger(folder, optie, 'deze map is niet leeg en bevat geen modelframes van deze tool', 'Kies een lege of nieuwe map voor de modelframes.');
}

/** The marker written beside the verification frames. */
const MODELFRAMES_MERK = 'modelframes.json';

/**
 * A file the tool writes (the comparison summary): not a folder, not one of the inputs, not
 * inside the output root, and an existing file only when the tool wrote it (`herkend`).
 */
export function checkOutputFile(
  file: string,
  ctx: GuardContext & { uitvoer: readonly string[] },
  optie: string,
  herkend: (inhoud: string) => boolean,
): void {
  controleerLigging(file, optie, ctx);
  for (const u of ctx.uitvoer)
    if (binnen(echtPad(file), echtPad(u))) weiger(file, optie, `dit bestand ligt binnen de uitvoermap ${u}, die alleen de bouw zelf vult`, 'Schrijf het overzicht naar een bestand buiten de uitvoermap.');
  const s = statSync(file, { throwIfNoEntry: false });
  if (!s) return;
  if (!s.isFile()) weiger(file, optie, 'dit is geen gewoon bestand', 'Geef de naam van een nieuw bestand op.');
  const begin = readFileSync(file, { encoding: 'utf8' }).slice(0, 200);
  if (!herkend(begin)) weiger(file, optie, 'dit bestand bestaat al en is niet door deze tool geschreven', 'Geef de naam van een nieuw bestand op, of verwijder het bestaande zelf.');
}


/**
 * After a crash of an earlier build into the edition folder `out`: remove its temporary folder
 * (`<out>.tmp-<pid>`), and put back the previous output that a kill between the two renames of
 * the swap left as `<out>.old-<pid>` when no `out` arrived. Only folders of exactly these names
 * whose build process is gone are touched. Returns what was done, for the log.
 */
export async function removeLeftovers(out: string): Promise<string[]> {
  const wortel = dirname(out);
  if (!statSync(wortel, { throwIfNoEntry: false })?.isDirectory()) return [];
  const gedaan: string[] = [];
  for (const naam of readdirSync(wortel).sort()) {
    const m = LEFTOVER_FOLDER.exec(naam);
    if (!m || m[1] !== basename(out) || alive(Number(m[3]))) continue;
    const pad = join(wortel, naam);
    if (m[2] === 'old' && !existsSync(out) && isEditieUitvoer(pad)) {
      await rename(pad, out);
      gedaan.push(`de vorige uitvoer van een afgebroken bouw is teruggezet (${naam} -> ${basename(out)})`);
    } else {
      await rm(pad, { recursive: true, force: true });
      gedaan.push(`restant van een afgebroken bouw verwijderd: ${naam}`);
    }
  }
  return gedaan;
}

/** A second build into an output folder that a running build holds: exit status 2, nothing touched. */
export class OutputLocked extends Refused {
  constructor(
    readonly out: string,
    readonly pid: number,
  ) {
    super([UITVOER.bezet(out, pid)]);
  }
}

/**
 * mkdir -p, with the real cause when it fails: Node's recursive mkdir reports ENOENT for a folder
 * on a read-only file system (or one without rights), so the first missing folder is made on its
 * own, which fails with EROFS or EACCES and its path.
 */
function maakMap(map: string): void {
  try {
    mkdirSync(map, { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    let eerste = map;
    while (!existsSync(dirname(eerste)) && dirname(eerste) !== eerste) eerste = dirname(eerste);
    mkdirSync(eerste); // throws the cause
    throw e;
  }
}

/**
 * Take the lock of the edition output folder `out`: the file `<out>.lock` beside it, holding this
 * process's id, created only if it does not exist. Held by a running build: `OutputLocked`. Left by a
 * build that no longer runs (killed outright): taken over. Returns the release, which also runs
 * when the process exits or is interrupted (cleanup.ts).
 */
export function takeLock(out: string): () => void {
  const slot = `${out}.lock`;
  maakMap(dirname(out));
  const eigen = `${process.pid}\n`;
  for (let poging = 0; ; poging++) {
    try {
      writeFileSync(slot, eigen, { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || poging >= 3) throw e;
    }
    const inhoud = readFileSync(slot, { encoding: 'utf8', flag: 'r' });
    const pid = Number.parseInt(inhoud, 10);
    // Half written (the other build is between create and write): it runs; refuse.
    if (!Number.isInteger(pid) || pid <= 0 || alive(pid)) throw new OutputLocked(out, Number.isInteger(pid) && pid > 0 ? pid : 0);
    // Stale: move it aside under a name of our own, so that of two builds taking it over at once
    // only one succeeds; if what was moved is no longer the stale lock, a running build's, put it back.
    const opzij = `${slot}.${process.pid}`;
    try {
      renameSync(slot, opzij);
    } catch {
      continue; // someone else took it over first: try again (and meet theirs)
    }
    const verplaatst = readFileSync(opzij, 'utf8');
    if (verplaatst !== inhoud) {
      renameSync(opzij, slot);
      continue;
    }
    unlinkSync(opzij);
  }
  const vrij = () => {
    try {
      if (readFileSync(slot, 'utf8') === eigen) unlinkSync(slot);
    } catch {
      // Gone already.
    }
  };
  const losgelaten = atExit(vrij);
  return () => {
    losgelaten();
    vrij();
  };
}

/** The edition's output folder: missing, empty, or an earlier output of this tool. */
export function checkEditionOutput(out: string, ctx: GuardContext, optie = '--out'): void {
  controleerLigging(out, optie, ctx);
  const s = statSync(out, { throwIfNoEntry: false });
  if (!s) return;
  if (!s.isDirectory()) weiger(out, optie, 'dit is een bestand, geen map', 'Geef een map op voor de uitvoer; een bestaand bestand wordt nooit vervangen.');
  if (!isEditieUitvoer(out))
    weiger(out, optie, 'deze map is niet leeg en bevat geen manifest.json van een eerdere bouw', 'Kies een lege of nieuwe map. De tool vervangt alleen zijn eigen uitvoer.');
}
