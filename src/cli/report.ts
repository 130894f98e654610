/**
 * `npm run report`: build the monitor, check the committed outputs, compare two builds, or
 * rebuild on every change. Options are read and validated here, once, into one typed object
 * (parseOptions); the build itself is src/pipeline/build.ts, the modes are src/pipeline/check.ts,
 * compare.ts and watch.ts.
 */
import { parseArgs } from 'node:util';
import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import type { BuildResult } from '../pipeline/build.ts';
import { parseProducten, PRODUCTEN, type Product } from '../pipeline/products.ts';
import { InputError } from '../util/errors.ts';
import { controleerBestand, Geweigerd } from '../pipeline/guard.ts';
import { maakBouwplan, maakPlan, type EditieBouw } from '../pipeline/plan.ts';
import { isInteractief, maakReporter, samenvatting, toonPad, type Uitvoerstroom } from './progress.ts';
import { PROJECT_ROOT } from '../util/paths.ts';

// The build and its modes are imported when used, so that --help and option errors answer at
// once instead of after loading DuckDB, Vega and the rest.
const build = () => import('../pipeline/build.ts');

export const HELP = `Gebruik: npm run report -- [opties]

Bouwt de Monitor nazorg ex-gedetineerden uit de bronextracten: de tabellen (CSV), de
figuren, de hoofdstukken en de Kamerbrief (Markdown), de webeditie (web/), de PDF's en
out/manifest.json.
Zonder opties: de standaardeditie uit de vastgelegde gegevens in data/, naar out/.

Invoer en uitvoer:
  --data <map>          map met de bronextracten (standaard: data/)
  --edition <bestand>   editiebestand (standaard: editions/6e-meting/editie.json)
  --out <map>           uitvoermap; wordt pas vervangen als alles gelukt is (standaard: out/)
  --templates <map>     map met de sjablonen (standaard: templates/); om een andere versie
                        van de teksten te proberen zonder de vastgelegde aan te raken
  --products <lijst>    alleen deze onderdelen bijwerken, gescheiden door komma's:
                        ${PRODUCTEN.join(', ')} (standaard: alle). De andere
                        onderdelen in de uitvoermap blijven zoals ze waren.
  --no-pdf              alles behalve de PDF's (hetzelfde als --products zonder pdf)

Twee fasen (beveiligde omgeving en publicatie):
  --stage resultaten    alleen in de beveiligde omgeving: reken uit de extracten alleen de
                        publiceerbare resultaten uit (data/*.csv) met uitvoercontrole.md, de
                        verantwoording voor de uitvoercontrole; verder niets
  --from-results <map>  buiten de beveiligde omgeving: bouw figuren, hoofdstukken, Kamerbrief
                        en PDF's uit zo'n map met resultaten (per editie <map>/<editie>/),
                        zonder extracten

Voor reviewers:
  --check               bouw opnieuw in een tijdelijke map (zonder PDF's) en controleer of de
                        vastgelegde uitvoer precies is wat de pijplijn maakt; noemt wat afwijkt
  --compare <ref>       vergelijk de uitvoermap met een andere bouw: een map (een uitvoermap)
                        of een git-revisie (main, HEAD~1, een commit); geeft een overzicht in
                        Markdown van gewijzigde indicatoren, cijfers in de tekst en
                        onderdrukkingen. Bouwt zelf niet: bouw eerst als je je eigen
                        wijziging wilt zien.
  --compare-out <bestand>
                        schrijf dat overzicht ook naar dit bestand

Tijdens het schrijven:
  --watch               bouw opnieuw bij elke wijziging in templates/, het editiebestand of de
                        extracten (stoppen met Ctrl-C)
  --no-cache            reken alles opnieuw uit; standaard worden de resultaten van stap 1–4
                        bewaard in .cache/ en hergebruikt zolang extracten, editie en code
                        gelijk blijven

Overig:
  --model-frames <map>  schrijf de modelframes (persoonsniveau, alleen voor controle in de
                        beveiligde omgeving) naar deze map; nooit binnen de uitvoermap;
                        alleen samen met --edition
  --quiet               alleen waarschuwingen, fouten en de slotregel
  -h, --help            toon deze hulp

Afsluitstatus: 0 gelukt, 1 fout of afwijking gevonden, 2 onjuiste opties, een pad dat de
tool weigert te overschrijven of een uitvoermap waar al een andere bouw in schrijft;
130 afgebroken met Ctrl-C (SIGINT), 143 gestopt met SIGTERM, 129 met SIGHUP. Afgebroken
laat de uitvoermap zoals hij was en niets achter in de tijdelijke map.
`;

export type Modus = 'bouwen' | 'check' | 'compare' | 'watch' | 'help';

/** The command line, validated and with every default filled in. */
export interface CliOptions {
  modus: Modus;
  /** --data: the extract folder of the one edition built; default data/<slug>. */
  data: string | undefined;
  /** --edition as given (a slug, a folder or a file); undefined: every edition. */
  edition: string | undefined;
  /** The output root: each edition goes into <out>/<slug>/. */
  out: string;
  templates: string;
  producten: Product[];
  /** Cache folder, or undefined with --no-cache. */
  cache: string | undefined;
  modelFrames: string | undefined;
  quiet: boolean;
  /** --compare: a folder or git revision. */
  compare: string | undefined;
  compareOut: string | undefined;
  /** --stage resultaten: only the publishable results. */
  stage: 'resultaten' | undefined;
  /** --from-results: the results root (per edition <root>/<slug>). */
  fromResults: string | undefined;
}

/** Read the arguments once; throws InputError with a Dutch message on anything wrong. */
export function parseOptions(argv: readonly string[], root: string = PROJECT_ROOT): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string' },
        out: { type: 'string', default: join(root, 'out') },
        edition: { type: 'string' },
        templates: { type: 'string', default: join(root, 'templates') },
        products: { type: 'string' },
        'no-pdf': { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        compare: { type: 'string' },
        'compare-out': { type: 'string' },
        watch: { type: 'boolean', default: false },
        'no-cache': { type: 'boolean', default: false },
        'model-frames': { type: 'string' },
        stage: { type: 'string' },
        'from-results': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    // parseArgs explains in English; say it in Dutch and name the option.
    const m = /'([^']+)'/.exec((e as Error).message);
    const code = (e as { code?: string }).code;
    const wat =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `onbekende optie ${m?.[1] ?? ''}`
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
          ? `${m?.[1]?.replace(/ <value>$/, '') ?? 'een optie'} verwacht een waarde`
          : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
            ? `onverwacht argument ${m?.[1] ?? ''} (opties beginnen met --)`
            : (e as Error).message;
    throw new InputError([`Fout in de opties: ${wat}`], 'npm run report -- --help toont alle opties.');
  }
  const modi = (['check', 'watch'] as const).filter((m) => values[m]);
  if (values.compare !== undefined) modi.push('compare' as never);
  if (modi.length > 1) throw new InputError([`Fout in de opties: --${modi.join(' en --')} gaan niet samen; kies er een`]);
  if (values['compare-out'] !== undefined && values.compare === undefined)
    throw new InputError(['Fout in de opties: --compare-out hoort bij --compare']);
  if (values.products !== undefined && values['no-pdf'])
    throw new InputError(['Fout in de opties: --products en --no-pdf gaan niet samen; laat pdf weg uit --products']);
  let producten = values.products !== undefined ? parseProducten(values.products) : [...PRODUCTEN];
  if (values['no-pdf']) producten = producten.filter((p) => p !== 'pdf');
  const modus: Modus = values.help ? 'help' : ((modi[0] as Modus | undefined) ?? 'bouwen');
  if (modus === 'check' && (values.products !== undefined || values['model-frames'] !== undefined))
    throw new InputError(['Fout in de opties: --check bouwt altijd alles behalve de PDF\'s; laat --products en --model-frames weg']);
  if (values.stage !== undefined && values.stage !== 'resultaten')
    throw new InputError([`Fout in de opties: --stage ${values.stage} bestaat niet (verwacht: --stage resultaten)`]);
  if (values.stage !== undefined && values['from-results'] !== undefined)
    throw new InputError(['Fout in de opties: --stage resultaten en --from-results gaan niet samen: de eerste draait in de beveiligde omgeving, de tweede daarbuiten']);
  if (values['from-results'] !== undefined && values.data !== undefined)
    throw new InputError(['Fout in de opties: --from-results bouwt zonder extracten; laat --data weg']);
  if (values['from-results'] !== undefined && values['model-frames'] !== undefined)
    throw new InputError(['Fout in de opties: --model-frames heeft de extracten nodig en gaat niet samen met --from-results']);
  if ((values.stage !== undefined || values['from-results'] !== undefined) && modus !== 'bouwen')
    throw new InputError([`Fout in de opties: --${values.stage !== undefined ? 'stage' : 'from-results'} hoort bij een gewone bouw, niet bij --${modus}`]);
  for (const optie of ['data', 'model-frames'] as const)
    if (values[optie] !== undefined && values.edition === undefined)
      throw new InputError([`Fout in de opties: --${optie} hoort bij één editie; kies die met --edition (bijvoorbeeld --edition 7e-meting)`]);
  return {
    modus,
    data: values.data === undefined ? undefined : resolve(values.data),
    edition: values.edition,
    out: resolve(values.out),
    templates: resolve(values.templates),
    producten,
    cache: values['no-cache'] ? undefined : join(root, '.cache'),
    modelFrames: values['model-frames'] === undefined ? undefined : resolve(values['model-frames']),
    quiet: values.quiet,
    compare: values.compare,
    compareOut: values['compare-out'] === undefined ? undefined : resolve(values['compare-out']),
    stage: values.stage === undefined ? undefined : 'resultaten',
    fromResults: values['from-results'] === undefined ? undefined : resolve(values['from-results']),
  };
}

export interface Io {
  stdout: Uitvoerstroom;
  stderr: Uitvoerstroom;
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

/**
 * Options that npm took for its own: `npm run report --check` (without `--`) does not pass
 * --check to the script but sets npm_config_check in its environment, and the build would
 * silently ignore it (with --no-pdf: print the PDFs after all). `cache` is left out: npm sets
 * npm_config_cache itself.
 */
export function doorNpmOpgevat(env: Readonly<Record<string, string | undefined>>): string[] {
  const namen = ['data', 'out', 'edition', 'templates', 'products', 'pdf', 'check', 'compare', 'compare_out', 'watch', 'model_frames'];
  return namen
    .filter((n) => env[`npm_config_${n}`] !== undefined)
    .map((n) => (n === 'pdf' ? '--no-pdf' : `--${n.replace('_', '-')}`));
}

/** Run the command line; returns the exit status. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const schrijf = (regel: string) => io.stderr.write(`${regel}\n`);
  const opgevat = doorNpmOpgevat(io.env);
  if (opgevat.length > 0) {
    schrijf(`Fout in de opties: npm heeft ${opgevat.join(', ')} zelf opgevat in plaats van door te geven.`);
    schrijf(`Zet de opties na \`--\`, bijvoorbeeld: npm run report -- ${opgevat.join(' ')}`);
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
  if (o.modus === 'help') {
    io.stdout.write(HELP);
    return 0;
  }
  const fx = maakReporter({ stream: io.stderr, interactief: isInteractief(io.stderr, io.env), quiet: o.quiet });
  const klaar: string[] = [];
  const signalenLos = io.signalen && o.modus !== 'watch' ? vangSignalen((reden) => {
    fx.stop();
    schrijf(`Afgebroken (${reden}): ${klaar.length > 0 ? `${gevolgVan(o).replace(/\.$/, '')}, behalve wat al klaar was (${klaar.join(', ')}).` : gevolgVan(o)}`);
  }) : undefined;
  try {
    switch (o.modus) {
      case 'check': {
        const { checkOutputs, formatVerschillen } = await import('../pipeline/check.ts');
        const { bouwen } = await maakPlan(o, PROJECT_ROOT);
        const verschillen = await checkOutputs({ bouwen, out: o.out, alle: o.edition === undefined, templates: o.templates }, fx);
        fx.stop();
        const regels = formatVerschillen(verschillen, `${toonPad(o.out)}/`);
        // The verdict is printed even with --quiet: it is the point of the run.
        for (const r of regels) schrijf(r);
        return verschillen.length === 0 ? 0 : 1;
      }
      case 'compare': {
        const { compareOutputs, isVergelijking } = await import('../pipeline/compare.ts');
        const { bouwen, bescherm } = await maakPlan(o, PROJECT_ROOT);
        if (o.compareOut) controleerBestand(o.compareOut, { ...bescherm, uitvoer: [o.out] }, '--compare-out', isVergelijking);
        const md = await compareOutputs(o.compare!, bouwen.map((b) => b.out), PROJECT_ROOT);
        io.stdout.write(md);
        if (o.compareOut) {
          await writeFile(o.compareOut, md, 'utf8');
          schrijf(`Vergelijking geschreven naar ${toonPad(o.compareOut)}`);
        }
        return 0;
      }
      case 'watch':
        return await kijk(o, io, fx);
      case 'bouwen': {
        const plan = await maakBouwplan(o, PROJECT_ROOT);
        for (const b of plan) {
          const start = fx.now();
          const r = await bouw(o, b, fx);
          fx.stop();
          const regels = samenvatting(r.out, r.bestanden, (fx.now() - start) / 1000, (rel) => statSync(join(r.out, rel)).size);
          for (const regel of o.quiet ? regels.slice(0, 1) : regels) schrijf(regel);
          klaar.push(b.editie.editie.slug);
        }
        return 0;
      }
      default: {
        const onbekend: never = o.modus;
        throw new Error(`onbekende modus ${String(onbekend)}`);
      }
    }
  } catch (e) {
    fx.stop();
    return meldFout(e, o, schrijf);
  } finally {
    signalenLos?.();
  }
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

function gevolgVan(o: CliOptions): string {
  return o.modus === 'bouwen' || o.modus === 'watch' ? 'de monitor is niet gebouwd; de uitvoermap is ongewijzigd.' : o.modus === 'check' ? 'de controle kon niet worden uitgevoerd.' : 'de vergelijking kon niet worden gemaakt.';
}

async function bouw(o: CliOptions, b: EditieBouw, fx: ReturnType<typeof maakReporter>): Promise<BuildResult> {
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
  return { regel: `${pad ? toonPad(pad) : 'een bestand of map'}: ${soort.wat} (${code}).`, tip: soort.tip };
}

/** One clear message; exit status 1 (2 for a refused path). Programmer errors show their stack below it. */
function meldFout(e: unknown, o: CliOptions, schrijf: (r: string) => void): number {
  const gevolg = gevolgVan(o);
  if (e instanceof Geweigerd) {
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
  schrijf(`  Interne fout: ${err.message}`);
  schrijf('Dit is een fout in het programma, niet in de invoer. Details voor de ontwikkelaars:');
  schrijf((err.stack ?? '').split('\n').slice(1).join('\n'));
  return 1;
}

/** --watch: build, then rebuild on every change until the signal (Ctrl-C). */
async function kijk(o: CliOptions, io: Io, fx: ReturnType<typeof maakReporter>): Promise<number> {
  const schrijf = (regel: string) => io.stderr.write(`${regel}\n`);
  let plan: EditieBouw[];
  try {
    plan = await maakBouwplan(o, PROJECT_ROOT);
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
  const onReady = () => schrijf(`Ik kijk naar ${paden.map((p) => toonPad(p)).join(', ')}; stoppen met Ctrl-C.`);
  await watchPaths({ paden, signal, onReady }, async (gewijzigd) => {
    schrijf(`Gewijzigd: ${gewijzigd.map((p) => toonPad(p)).join(', ')}`);
    await eenBouw();
  });
  schrijf('Gestopt.');
  return 0;
}

// Run only as a program (tsx src/cli/report.ts), not when a test imports the module.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `npm run report -- --help | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  process.exitCode = await main(process.argv.slice(2), { ...processIo(), signalen: true });
}
