/**
 * `npm run report`: build the monitor, check the committed outputs, compare two builds, or
 * rebuild on every change. Options are read and validated once, into one typed object
 * (./options.ts); the build itself is src/pipeline/build.ts, the modes are src/pipeline/check.ts,
 * compare.ts and watch.ts.
 */
import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import type { BuildResult } from '../pipeline/build.ts';
import { InputError, InternalError } from '../util/errors.ts';
import { checkOutputFile, Refused } from '../pipeline/guard.ts';
import { createCheckedPlan, createPlan, type EditieBouw } from '../pipeline/plan.ts';
import { isInteractive, createReporter, samenvatting, displayPath, type OutputStream } from './progress.ts';
import { doorNpmOpgevat, HELP, parseOptions, type CliOptions, type Mode } from './options.ts';
import { doorNpmOpgevatRegels } from './messages.ts';
import { PROJECT_ROOT } from '../util/paths.ts';

// The build and its modes are imported when used, so that --help and option errors answer at
// once instead of after loading DuckDB, Vega and the rest.
const build = () => import('../pipeline/build.ts');

export interface Io {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  /** Ends --watch (Ctrl-C by default). */
  signal?: AbortSignal;
  /**
   * Handle SIGINT, SIGTERM and SIGHUP (and the parent going away) for this process: clean up,
   * one line, exit 130, 143 or 129 (vangSignalen). Only for the real command line.
   */
  signalen?: boolean;
}

const processIo = (): Io => ({ stdout: process.stdout, stderr: process.stderr, env: process.env });

type Reporter = ReturnType<typeof createReporter>;

/** One run of the command line: its options, streams and progress, and the editions done so far. */
interface Run {
  readonly o: CliOptions;
  readonly io: Io;
  readonly fx: Reporter;
  readonly schrijf: (regel: string) => void;
  /** Editions built so far (named when the run is interrupted). */
  readonly klaar: string[];
}

/** What each mode does; each returns the exit status. */
const MODES: Record<Exclude<Mode, 'help'>, (r: Run) => Promise<number>> = {
  build: runBuild,
  check: runCheck,
  compare: runCompare,
  watch: (r) => kijk(r.o, r.io, r.fx),
};

/** Run the command line; returns the exit status. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const schrijf = (regel: string) => io.stderr.write(`${regel}\n`);
  const opgevat = doorNpmOpgevat(io.env);
  if (opgevat.length > 0) {
    for (const regel of doorNpmOpgevatRegels(opgevat)) schrijf(regel);
    return 2;
  }
  let o: CliOptions;
  try {
    o = parseOptions(argv);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    for (const m of e.messages) schrijf(m);
    if (e.hint) schrijf(e.hint);
    return 2;
  }
  if (o.mode === 'help') {
    io.stdout.write(HELP);
    return 0;
  }
  const run: Run = { o, io, schrijf, klaar: [], fx: createReporter({ stream: io.stderr, interactief: isInteractive(io.stderr, io.env), quiet: o.quiet }) };
  const signalenLos = io.signalen && o.mode !== 'watch' ? vangSignalen((reden) => {
    run.fx.stop();
    schrijf(`Afgebroken (${reden}): ${run.klaar.length > 0 ? `${gevolgVan(o).replace(/\.$/, '')}, behalve wat al klaar was (${run.klaar.join(', ')}).` : gevolgVan(o)}`);
  }) : undefined;
  try {
    return await MODES[o.mode](run);
  } catch (e) {
    run.fx.stop();
    return meldFout(e, o, schrijf);
  } finally {
    signalenLos?.();
  }
}

/** --check: build every edition afresh and compare with the committed output. */
async function runCheck({ o, fx, schrijf }: Run): Promise<number> {
  const { checkOutputs, formatDifferences } = await import('../pipeline/check.ts');
  const { bouwen } = await createPlan(o, PROJECT_ROOT);
  const verschillen = await checkOutputs({ bouwen, out: o.out, alle: o.edition === undefined, templates: o.templates }, fx);
  fx.stop();
  // The verdict is printed even with --quiet: it is the point of the run.
  for (const r of formatDifferences(verschillen, `${displayPath(o.out)}/`)) schrijf(r);
  return verschillen.length === 0 ? 0 : 1;
}

/** --compare: the differences between the output folder and another build, as Markdown. */
async function runCompare({ o, io, schrijf }: Run): Promise<number> {
  const { compareOutputs, isVergelijking } = await import('../pipeline/compare.ts');
  const { bouwen, bescherm } = await createPlan(o, PROJECT_ROOT);
  if (o.compareOut) checkOutputFile(o.compareOut, { ...bescherm, uitvoer: [o.out] }, '--compare-out', isVergelijking);
  const md = await compareOutputs(o.compare!, bouwen.map((b) => b.out), PROJECT_ROOT);
  io.stdout.write(md);
  if (o.compareOut) {
    await writeFile(o.compareOut, md, 'utf8');
    schrijf(`Vergelijking geschreven naar ${displayPath(o.compareOut)}`);
  }
  return 0;
}

/** Build each edition of the plan in turn, with a summary after each. */
async function runBuild({ o, fx, schrijf, klaar }: Run): Promise<number> {
  for (const b of await createCheckedPlan(o, PROJECT_ROOT)) {
    const start = fx.now();
    const r = await bouw(o, b, fx);
    fx.stop();
    const regels = samenvatting(r.out, r.bestanden, (fx.now() - start) / 1000, (rel) => statSync(join(r.out, rel)).size);
    for (const regel of o.quiet ? regels.slice(0, 1) : regels) schrijf(regel);
    klaar.push(b.editie.editie.slug);
  }
  return 0;
}

/** Signals that end a run, with the conventional exit status (128 + the signal's number). */
const AFBREEKSIGNALEN = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * Until the release: on SIGINT (Ctrl-C), SIGTERM or SIGHUP, or when the parent process goes away
 * (npm or a terminal stopped without passing the signal on), stop at once: `meld` says so in one
 * line, and the process exits with 130, 143 or 129. The exit runs the clean-up of cleanup.ts,
 * synchronously: the browser is killed, the build's temporary folder (`<out>.tmp-<pid>`), the
 * browser's profile and the decompressed extracts are removed, an output folder half-way through
 * its swap is put back and the lock released, so the output folder is as it was. Nothing of the
 * work is awaited: a DuckDB query or a print may take minutes to notice an abort.
 */
export function vangSignalen(meld: (reden: string) => void): () => void {
  let gestopt = false;
  const stop = (reden: string, status: number) => {
    if (gestopt) return;
    gestopt = true;
    try {
      meld(reden);
    } finally {
      process.exit(status);
    }
  };
  const handlers = Object.entries(AFBREEKSIGNALEN).map(([signaal, status]) => {
    const h = () => stop(signaal === 'SIGINT' ? 'Ctrl-C, SIGINT' : signaal, status);
    process.on(signaal, h);
    return [signaal, h] as const;
  });
  // An orphan has a new parent: npm run through a shell that died of SIGTERM, `timeout` on npm.
  const ouder = process.ppid;
  const wacht = setInterval(() => {
    if (process.ppid !== ouder) stop('het proces dat de bouw startte is gestopt', AFBREEKSIGNALEN.SIGHUP);
  }, 500);
  wacht.unref();
  return () => {
    clearInterval(wacht);
    for (const [signaal, h] of handlers) process.removeListener(signaal, h);
  };
}

function gevolgVan(o: Pick<CliOptions, 'mode'>): string {
  return o.mode === 'build' || o.mode === 'watch' ? 'de monitor is niet gebouwd; de uitvoermap is ongewijzigd.' : o.mode === 'check' ? 'de controle kon niet worden uitgevoerd.' : 'de vergelijking kon niet worden gemaakt.';
}

async function bouw(o: CliOptions, b: EditieBouw, fx: Reporter): Promise<BuildResult> {
  const { buildReport } = await build();
  fx.log(`Editie ${b.editie.editie.slug}`);
  return buildReport(
    {
      data: b.data,
      out: b.out,
      edition: b.editie.bestand,
      templates: o.templates,
      producten: o.producten,
      modelFrames: o.modelFrames,
      cache: o.cache,
      ...(o.stage ? { stage: o.stage } : {}),
      ...(o.fromResults ? { fromResults: join(o.fromResults, b.editie.editie.slug) } : {}),
    },
    fx,
  );
}

/** What the machine refuses, by errno code: no rights, a read-only file system, a full disk. */
const OMGEVING: Record<string, { wat: string; tip: string }> = {
  EACCES: { wat: 'geen toestemming om hier te schrijven of te lezen', tip: 'Kies met --out een map waarin je mag schrijven, of pas de rechten van deze map aan.' },
  EPERM: { wat: 'dit mag niet (geen toestemming van het systeem)', tip: 'Kies met --out een map waarin je mag schrijven, of pas de rechten van deze map aan.' },
  EROFS: { wat: 'dit bestandssysteem is alleen-lezen', tip: 'Kies met --out een map op een schijf waarop geschreven kan worden.' },
  ENOSPC: { wat: 'de schijf is vol', tip: 'Maak ruimte vrij op deze schijf, of kies een andere met --out (de uitvoer) of TMPDIR (de tijdelijke bestanden), en probeer het opnieuw.' },
  EDQUOT: { wat: 'je schijfquotum is op', tip: 'Maak ruimte vrij binnen je quotum, of kies een andere schijf met --out of TMPDIR, en probeer het opnieuw.' },
};

/**
 * An error of the environment rather than of the program or the input: one line naming the path
 * and the cause, and what to do (no stack trace). Undefined for anything else.
 */
export function omgevingsfout(e: unknown): { regel: string; tip: string } | undefined {
  const { code, path, dest } = (e ?? {}) as NodeJS.ErrnoException & { dest?: string };
  const soort = code ? OMGEVING[code] : undefined;
  if (!soort) return undefined;
  const pad = dest && code !== 'ENOSPC' ? `${path ?? ''} -> ${dest}` : path;
  return { regel: `${pad ? displayPath(pad) : 'een bestand of map'}: ${soort.wat} (${code}).`, tip: soort.tip };
}

/** One clear message; exit status 1 (2 for a refused path). Programmer errors show their stack below it. */
export function meldFout(e: unknown, o: Pick<CliOptions, 'mode'>, schrijf: (r: string) => void): number {
  const gevolg = gevolgVan(o);
  if (e instanceof Refused) {
    schrijf('Geweigerd:');
    for (const m of e.messages) schrijf(`  ${m}`);
    if (e.hint) schrijf(`Tip: ${e.hint}`);
    return 2;
  }
  if (e instanceof InputError) {
    schrijf(`Fout: ${gevolg}`);
    for (const m of e.messages) schrijf(`  ${m}`);
    if (e.hint) schrijf(`Tip: ${e.hint}`);
    return 1;
  }
  const omgeving = omgevingsfout(e);
  if (omgeving) {
    schrijf(`Fout: ${gevolg}`);
    schrijf(`  ${omgeving.regel}`);
    schrijf(`Tip: ${omgeving.tip}`);
    return 1;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  schrijf(`Fout: ${gevolg}`);
  // An InternalError says "interne fout: …" itself; anything else thrown is one too.
  schrijf(`  ${err instanceof InternalError ? err.message : `Interne fout: ${err.message}`}`);
  schrijf('Dit is een fout in het programma, niet in de invoer. Details voor de ontwikkelaars:');
  schrijf((err.stack ?? '').split('\n').slice(1).join('\n'));
  return 1;
}

/** --watch: build, then rebuild on every change until the signal (Ctrl-C). */
async function kijk(o: CliOptions, io: Io, fx: Reporter): Promise<number> {
  const schrijf = (regel: string) => io.stderr.write(`${regel}\n`);
  let plan: EditieBouw[];
  try {
    plan = await createCheckedPlan(o, PROJECT_ROOT);
  } catch (e) {
    fx.stop();
    return meldFout(e, o, schrijf);
  }
  const eenBouw = async () => {
    // Ctrl-C while a build runs stops it at once, as outside --watch (its temporary data
    // removed, the output folder as it was); between builds it just ends the watching.
    const signalenLos = io.signalen ? vangSignalen((reden) => {
      fx.stop();
      schrijf(`Gestopt tijdens een bouw (${reden}): ${gevolgVan(o)}`);
    }) : undefined;
    try {
      for (const b of plan) {
        const start = fx.now();
        try {
          const r = await bouw(o, b, fx);
          fx.stop();
          schrijf(samenvatting(r.out, r.bestanden, (fx.now() - start) / 1000, (rel) => statSync(join(r.out, rel)).size)[0]!);
        } catch (e) {
          fx.stop();
          meldFout(e, o, schrijf);
          return;
        }
      }
    } finally {
      signalenLos?.();
    }
  };
  await eenBouw();
  const templates = o.templates;
  let signal = io.signal;
  if (!signal) {
    const ac = new AbortController();
    process.once('SIGINT', () => ac.abort());
    signal = ac.signal;
  }
  const { watchPaths } = await import('../pipeline/watch.ts');
  const paden = [templates, ...plan.flatMap((b) => [b.editie.map, b.data])];
  const onReady = () => schrijf(`Ik kijk naar ${paden.map((p) => displayPath(p)).join(', ')}; stoppen met Ctrl-C.`);
  await watchPaths({ paden, signal, onReady }, async (gewijzigd) => {
    schrijf(`Gewijzigd: ${gewijzigd.map((p) => displayPath(p)).join(', ')}`);
    await eenBouw();
  });
  schrijf('Gestopt.');
  return 0;
}

/** The command line as a program: its arguments, its streams, its signals and its exit status. */
export async function run(): Promise<void> {
  // `npm run report -- --help | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  process.exitCode = await main(process.argv.slice(2), { ...processIo(), signalen: true });
}

// Run as a program by bin/report.mjs (npm run report), or as `tsx src/cli/report.ts`; not when a
// test imports the module.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await run();
