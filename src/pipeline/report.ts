/**
 * The report build, in one place. Each numbered step below is one stage of the pipeline:
 *
 *   edition file ──┐
 *   extract folder ┴─> 1 load + validate ─> 2 compute indicators ─> 3 disclosure control
 *        ─> 4 fit models (with their own disclosure control)
 *        ─> 5 render charts ─> 6 fill the monitor's chapters ─> 7 write the Kamerbrief
 *        ─> 8 HTML ─> 8b web edition ─> 9 print the monitor ─> 10 print the Kamerbrief ─> 11 manifest
 *        ─> 12 move into place: everything is written to a temporary folder beside the output
 *             folder and replaces it only when every step succeeded, so a failed run leaves the
 *             previous output exactly as it was.
 *
 * Steps 1–4 are cached by the hash of what they depend on (src/pipeline/cache.ts), so a rebuild
 * after a template edit starts at step 5.
 *
 * Person-level data stay inside the DuckDB connection of steps 1–4; after that only published,
 * disclosure-controlled figures travel. The optional verification frames of the models
 * (--model-frames) are person-level and go to a folder outside the published output.
 */
import { tmpdir } from 'node:os';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync, renameSync } from 'node:fs';
import { atExit, removeOnExit } from '../util/cleanup.ts';
import { basename, dirname, join, resolve } from 'node:path';
import type { Edition } from '../edition/edition.ts';
import { editieInvoerPad, leesEditieMap } from '../edition/editions.ts';
import { Sjablonen } from '../edition/templates.ts';
import { gepubliceerdPad, leesVorigeMeting, type VorigeMeting } from '../vergelijking/lezen.ts';
import { vergelijk } from '../vergelijking/vergelijk.ts';
import { vergelijkingFiguren } from '../charts/vergelijking.ts';
import { controleerEditieUitvoer, controleerModelframes, neemSlot, ruimRestenOp } from './guard.ts';
import { checkExtractFolder } from '../extracts/folder.ts';
import { formatDiagnostic } from '../util/diagnostic.ts';
import { InputError } from '../util/errors.ts';
import { computeIndicators } from '../indicators/compute.ts';
import { applyDisclosure } from '../indicators/disclosure.ts';
import { indicatorenCsv, onderdrukkingCsv } from '../indicators/write.ts';
import { figuren as bouwFiguren } from '../charts/catalogue.ts';
import type { Figuur, GerenderdeFiguur } from '../charts/render.ts';
import { hoofdstukSjablonen, vulHoofdstukken, sjabloonNaam, type Hoofdstuk } from '../chapters/render.ts';
import { leesLiteratuur } from '../chapters/literatuur.ts';
import { renderDocument, type DocumentInput, type RenderOptions } from '../html/document.ts';
import type { DocumentRegister } from '../html/context.ts';
import { reviewMarkdown } from '../review/markdown.ts';
import { briefDocx, briefDocxNaam } from '../letter/docx.ts';
import { printPdf, startPrintBrowser } from '../pdf/print.ts';
import { resolveBrowser, sweepStaleBrowsers } from '../pdf/browser.ts';
import { controleerBrowser, controleerRuimte, schatRuimte } from './omgeving.ts';
import { bronregisters } from '../vocabulary/labels.ts';
import { IndicatorTabel, type Resultaten } from '../results/results.ts';
import { computeModels } from '../models/run.ts';
import { modellenCsv, modellenNotenCsv, modellenPeriodenCsv, modellenPhCsv, modelOnderdrukkingRegels, recidiveKmCsv, writeModelFrames } from '../models/write.ts';
import type { Extractie } from '../extracts/contract.ts';
import { renderWithCache, withResultCache } from './cache.ts';
import { leesResultaten, RESULTAAT_BESTANDEN, type ResultaatBestand } from '../results/lezen.ts';
import { uitvoercontrole } from '../results/uitvoercontrole.ts';
import { finishOutput } from './finish.ts';
import { sha256 } from './hash.ts';
import { hashInvoer, leesManifest, MANIFEST, type Manifest } from './manifest.ts';
import type { Product } from './products.ts';
import { BRIEF_MAP, BRIEF_PAD, briefDocument, briefHtml, briefMarkdownMetLabel, briefPdfNaam, drukBrief, schrijfBrief } from '../letter/stage.ts';
import { DATA_README, dataReadme } from '../results/bestanden.ts';
import { synthetischBlok, synthetischLabel } from '../results/synthetisch.ts';
import { renderWebEdition, WEB_MAP, type WebDocument } from '../web/site.ts';
import { PROJECT_ROOT } from '../util/paths.ts';


/** The templates folder exists: it is hashed before any template is read. */
async function checkTemplateFolder(dir: string): Promise<void> {
  const isDirectory = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDirectory) throw new InputError([`${dir}: map bestaat niet of is geen map (verwacht: de sjablonen, met monitor/ en kamerbrief/)`]);
}

// DuckDB and Vega load only when needed: a rebuild whose results and figures are all in the
// cache (cache.ts) does without them and starts a second sooner.
const loadExtracts = async (folder: string, e: Edition) => (await import('../extracts/load.ts')).loadExtracts(folder, { basisvoorwaarden: e.basisvoorwaarden, editie: e.slug });
const renderChart = async (f: Figuur) => (await import('../charts/render.ts')).renderChart(f);

export interface BuildOptions {
  /** Extract folder (extracts.md). */
  data: string;
  /** The edition's output folder (`out/<slug>`); replaced as a whole on success. */
  out: string;
  /** Edition file (editions/<slug>/editie.json; its folder's templates/ overrides the shared ones). */
  edition: string;
  /** Shared templates root (templates/). */
  templates?: string;
  /**
   * Output roots in which to look for the predecessor's published results
   * (`<root>/<vorige>/data/`), in order; default: the folder that holds `out`, then the
   * repository's committed out/.
   */
  vorigeWortels?: readonly string[];
  /** Build the PDF too (default true). */
  pdf?: boolean;
  /** Write the models' verification frames here (never inside `out`). */
  modelFrames?: string;
  /** Products whose folders this build replaces; the others are kept from the previous output (products.ts). Default: all. */
  producten?: readonly Product[];
  /** Cache folder (cache.ts): results of steps 1–4 and rendered figures; no cache when absent. */
  cache?: string;
  /**
   * 'resultaten': only steps 1–4, writing the publishable results (data/*.csv) and the
   * output-check statement uitvoercontrole.md, for the output checker of the secure environment.
   */
  stage?: 'resultaten';
  /**
   * Build the publication from such a results folder (an earlier `stage: 'resultaten'` of this
   * edition) instead of from extracts: `data` is then not read at all.
   */
  fromResults?: string;
}

/** Side effects the build needs from outside: logging and the clock (for durations only). */
export interface Effects {
  log: (line: string) => void;
  now: () => number;
  /** Called when a stage starts (a terminal shows it while it runs; see src/cli/progress.ts). */
  begin?: (nr: number, naam: string) => void;
  /**
   * Called with each document just before it is printed (its HTML and the folder its relative
   * links resolve against, inside the build's temporary folder). For bench/build.ts, which prints
   * the same documents once with a bare browser to measure the floor.
   */
  teDrukken?: (soort: 'monitor' | 'kamerbrief', html: string, basis: string) => void;
}

export const defaultEffects: Effects = {
  log: (line) => process.stderr.write(`${line}\n`),
  now: () => performance.now(),
};

export interface BuildResult {
  out: string;
  bestanden: string[];
}

/** Run one stage, reporting its name, duration and what it produced. */
async function stap<T>(fx: Effects, nr: number, naam: string, werk: () => Promise<T>, wat?: (t: T) => string): Promise<T> {
  await testPauze(nr);
  const start = fx.now();
  fx.begin?.(nr, naam);
  const result = await werk();
  const sec = ((fx.now() - start) / 1000).toFixed(1).replace('.', ',');
  fx.log(`${nr}. ${naam} (${sec} s)${wat ? `: ${wat(result)}` : ''}`);
  return result;
}

/**
 * Test-only hook (tests/cli/signals.test.ts): with MONITOR_TEST_PAUZE=<n> a build stops before
 * stage n, says so on stderr and waits there, so that a test can interrupt it at that stage
 * without depending on timing. Not an option for users; unset, it does nothing.
 */
async function testPauze(nr: number): Promise<void> {
  if (process.env.MONITOR_TEST_PAUZE !== String(nr)) return;
  process.stderr.write(`(test) wacht voor stap ${nr}\n`);
  await new Promise<never>(() => setInterval(() => undefined, 60_000));
}

export function pdfNaam(e: Edition): string {
  return `monitor-nazorg-${e.nummer}e-meting.pdf`;
}

export async function buildReport(options: BuildOptions, fx: Effects = defaultEffects): Promise<BuildResult> {
  // One build at a time per output folder: the lock is taken once the folder is known to be the
  // tool's own (guard.ts), and released however the build ends.
  const slot: { vrij?: () => void } = {};
  try {
    return await bouwOnderSlot(options, fx, slot);
  } finally {
    slot.vrij?.();
  }
}

async function bouwOnderSlot(options: BuildOptions, fx: Effects, slot: { vrij?: () => void }): Promise<BuildResult> {
  const out = resolve(options.out);
  const templates = resolve(options.templates ?? join(PROJECT_ROOT, 'templates'));
  const editieMap = await leesEditieMap(resolve(options.edition));
  const { editie } = editieMap;
  // Nothing is written before every path the build writes to is known to be the tool's own
  // (guard.ts): the output folder, and the verification frames.
  const bescherm = {
    projectRoot: PROJECT_ROOT,
    invoer: [
      options.fromResults
        ? { pad: resolve(options.fromResults), naam: 'de map met resultaten (--from-results)' }
        : { pad: resolve(options.data), naam: 'de extractmap (--data)' },
      { pad: templates, naam: 'de sjablonen (--templates)' },
      { pad: editieInvoerPad(editieMap), naam: `de editie ${editie.slug}` },
    ],
  };
  controleerEditieUitvoer(out, bescherm);
  slot.vrij = neemSlot(out);
  if (options.modelFrames) controleerModelframes(resolve(options.modelFrames), out, bescherm);
  // From a results folder no extracts are read, or even present.
  if (!options.fromResults) await checkExtractFolder(resolve(options.data));
  await checkTemplateFolder(templates);
  // A templates folder without chapters of its own is named as such first (an edition's
  // overrides alone, such as its Voorwoord, do not make one).
  hoofdstukSjablonen(new Sjablonen(templates));
  const sjablonen = new Sjablonen(templates, editieMap.sjablonen);
  sjablonen.controleer();
  for (const regel of await ruimRestenOp(out)) fx.log(`   ${regel}`);
  for (const map of sweepStaleBrowsers()) fx.log(`   restant van een afgebroken bouw verwijderd: ${map}${map.startsWith('monitor-chrome-') ? ' (de browser die daarin nog liep is gestopt)' : ''}`);
  // The environment, before any work: free space for the output and the temporary files, and a
  // browser that starts when the PDFs are made (omgeving.ts).
  const metPdf = options.stage !== 'resultaten' && (options.pdf ?? options.producten?.includes('pdf') ?? true);
  await controleerRuimte(schatRuimte({ out, tmp: tmpdir(), data: options.fromResults ? undefined : resolve(options.data), pdf: metPdf }));
  if (metPdf) await controleerBrowser((await resolveBrowser({ log: fx.log })).executablePath);
  // The inputs are hashed once, before anything is read: for the cache key, the colophon's build
  // identity and the manifest, so all three describe the same state even if a file changes
  // while the build runs.
  // The comparison needs the predecessor's published results; the results stage does not.
  const vorige = editie.vorige && options.stage !== 'resultaten' ? leesVorige(editie.vorige, options.vorigeWortels ?? [...new Set([dirname(out), join(PROJECT_ROOT, 'out')])]) : undefined;
  const invoer = await hashInvoer({
    data: options.fromResults ? undefined : resolve(options.data),
    edition: resolve(options.edition),
    templates,
    eigenSjablonen: editieMap.sjablonen,
    literatuur: editieMap.literatuur,
    vorige: vorige && { editie: vorige.slug, pad: vorige.pad },
    projectRoot: PROJECT_ROOT,
  });

  // 1–4, or their results from the cache when the extracts, the edition's computational fields
  // and the code of these steps are unchanged (cache.ts); or, outside the secure environment,
  // the results folder of an earlier stage (--from-results).
  const berekend: Gepubliceerd = options.fromResults
    ? await leesResultatenMap(resolve(options.fromResults), fx)
    : await withResultCache(
        options.cache && !options.modelFrames ? { dir: join(options.cache, 'resultaten'), invoer, editie, projectRoot: PROJECT_ROOT } : undefined,
        fx,
        (fx) => berekenResultaten(fx, options, editie, out),
      ).then((b) => ({ extractie: b.resultaten.extractie, bestanden: resultaatBestanden(b.resultaten, b.onderdrukkingCsv) }));
  if (berekend.extracten) invoer.extracten = berekend.extracten;
  invoer.extractie = berekend.extractie;
  // Everything after step 4 is made from the published files alone, read back: the publication
  // needs nothing the output checker did not see, and a build from a results folder gives the
  // same bytes as one from the extracts.
  const dataBestanden = berekend.bestanden;
  const resultaten = leesResultaten(dataBestanden, editie, berekend.extractie);
  const controle = uitvoercontrole(resultaten, dataBestanden);
  if (options.stage === 'resultaten') return schrijfResultaten(out, dataBestanden, controle, invoer, fx);

  // The comparison with the previous meting, from its published results only (never its extracts).
  const vergelijking = vorige ? vergelijk(resultaten, vorige, { wijzigingen: editie.wijzigingen }) : undefined;

  // 5. Charts.
  const alleFiguren = [...bouwFiguren(resultaten), ...(vergelijking ? vergelijkingFiguren(resultaten, vergelijking) : [])];
  const figuren = await stap(fx, 5, 'Figuren renderen', () => renderWithCache(options.cache && join(options.cache, 'figuren'), alleFiguren, renderChart, PROJECT_ROOT, invoer.code.afhankelijkheden), (f) =>
    `${f.length} figuren`,
  );
  // 6. Chapters.
  const hoofdstukken = await stap(fx, 6, 'Hoofdstukken vullen', async () =>
    vulHoofdstukken(sjablonen, resultaten, figuren.map((f) => f.figuur), {
      vergelijking,
      literatuur: editieMap.literatuur ? leesLiteratuur(editieMap.literatuur, sjabloonNaam(editieMap.literatuur)) : undefined,
      waarschuw: (w) => fx.log(`   waarschuwing: ${w}`),
    }),
    (h) => `${h.length} hoofdstukken`,
  );
  // 7. The letter (Kamerbrief), from the same results.
  const brief = await stap(fx, 7, 'Kamerbrief schrijven', async () => schrijfBrief(sjablonen, resultaten, vergelijking), (b) =>
    `${b.cijfers.length} cijfers uit de resultaten`,
  );

  return inTijdelijkeMap(out, async (tmp) => {
    const bestanden = await writeTextOutputs(tmp, {
      ...Object.fromEntries(Object.entries(dataBestanden).map(([naam, tekst]) => [`data/${naam}`, tekst])),
      // The README for the files' users: made here, from the checked results and the code's
      // description of them (src/results/bestanden.ts), so a build from a results folder writes
      // the same one and the output checker's set stays the CSVs alone.
      [`data/${DATA_README}`]: dataReadme(resultaten, dataBestanden),
      [UITVOERCONTROLE]: controle,
      ...figuurBestanden(figuren),
    });

    // 8. HTML, also without PDFs: it resolves every cross-reference, so a build without PDFs
    // (--no-pdf, --watch, --check) refuses a broken reference just as a full build does.
    const bouwId = bouwIdentiteit(invoer);
    // The processed chapters are kept for the web edition (8b), which is made from the same trees.
    const verwerkt: WebDocument[] = [];
    const bewaar = (input: DocumentInput): RenderOptions => ({ onChapters: (chapters, register) => verwerkt.push({ input, chapters, register }) });
    const monitorInvoer = monitorDocument(tmp, resultaten, hoofdstukken, bouwId);
    const html = await stap(fx, 8, 'HTML opmaken', async () => renderDocument(monitorInvoer, bewaar(monitorInvoer)), (h) =>
      `${Math.round(h.length / 1024)} kB`,
    );
    const briefInvoer = briefDocument(tmp, resultaten, brief.markdown, brief.bronnen);
    const briefOpgemaakt = renderDocument(briefInvoer, bewaar(briefInvoer));
    const registers = verwerkt.map((v) => v.register);
    // The committed Markdown: the same chapters with every number and reference resolved, for
    // reviewers on a code host (src/review/markdown.ts); the HTML above keeps the project syntax.
    const hoofdstukPaden = hoofdstukken.map((h) => `monitor/${h.bestand}`);
    const leesbaar = reviewMarkdown(hoofdstukken.map((h, i) => ({ path: hoofdstukPaden[i]!, markdown: h.markdown })), registers[0]!);
    const [leesbareBrief] = reviewMarkdown([{ path: BRIEF_PAD, markdown: brief.markdown, brief: true }], registers[1]!);
    // Synthetic figures: every committed chapter and the letter open with the label.
    const label = synthetischBlok(resultaten.extractie.bron);
    bestanden.push(
      ...(await writeTextOutputs(tmp, {
        ...Object.fromEntries(hoofdstukPaden.map((p, i) => [p, label + leesbaar[i]!])),
        [BRIEF_PAD]: briefMarkdownMetLabel(leesbareBrief!, resultaten),
      })),
    );
    // 8b. The web edition (src/web/): pages from the same chapter trees, no browser needed.
    await stap(fx, 8, 'Webeditie schrijven', async () =>
      writeTextOutputs(join(tmp, WEB_MAP), renderWebEdition({
        monitor: verwerkt[0]!,
        brief: verwerkt[1]!,
        specs: new Map(figuren.map((f) => [f.figuur.id, JSON.parse(f.specJson) as unknown])),
        pdf: { monitor: pdfNaam(editie), brief: briefPdfNaam(editie) },
      })),
      (b) => `${b.filter((n) => n.endsWith('.html')).length} pagina's in ${WEB_MAP}/`,
    );
    if (options.pdf ?? options.producten?.includes('pdf') ?? true) {
      // 9–10. The PDFs of the monitor and the letter.
      const browser = await resolveBrowser({ log: fx.log });
      const pdf = join(tmp, 'pdf', pdfNaam(editie));
      await mkdir(dirname(pdf), { recursive: true });
      fx.teDrukken?.('monitor', html, join(tmp, 'monitor'));
      fx.teDrukken?.('kamerbrief', briefOpgemaakt, join(tmp, BRIEF_MAP));
      // One browser prints both documents, at the same time: the letter while the monitor's
      // table of contents takes its passes (two cores are busy instead of one).
      const gedeeld = startPrintBrowser(browser.executablePath);
      const prints = await Promise.allSettled([
        stap(fx, 9, 'PDF drukken', () =>
          printPdf({
            html,
            outFile: pdf,
            baseDir: join(tmp, 'monitor'),
            allowedRoots: [tmp],
            executablePath: browser.executablePath,
            browser: gedeeld,
            metadata: {
              title: `${editie.titel}, ${editie.nummer}e meting`,
              author: editie.auteurs.join(', '),
              subject: editie.ondertitel,
              date: editie.datum,
            },
            onWarning: (w) => fx.log(`   waarschuwing: ${w}`),
          }),
          (p) => `${p.pages} pagina's, ${basename(p.outFile)}`,
        ),
        stap(fx, 10, 'PDF drukken (Kamerbrief)', () =>
          drukBrief(resultaten, briefOpgemaakt, { dir: tmp, executablePath: browser.executablePath, browser: gedeeld, onWarning: (w) => fx.log(`   waarschuwing: ${w}`) }),
          (p) => `${p.pages} pagina's, ${basename(p.outFile)}`,
        ),
      ]);
      await (await gedeeld.catch(() => undefined))?.close();
      for (const p of prints) if (p.status === 'rejected') throw p.reason;
      for (const p of prints) if (p.status === 'fulfilled') bestanden.push(`pdf/${basename(p.value.outFile)}`);
      // The letter in Word beside its PDF, for the ministry's editing round (src/letter/docx.ts).
      const briefWord = join(tmp, 'pdf', briefDocxNaam(editie));
      await writeFile(briefWord, await briefDocx(leesbareBrief!, editie, { label: synthetischLabel(resultaten.extractie.bron) }));
      bestanden.push(`pdf/${basename(briefWord)}`);
    }

    // 11. Keep the chosen products (the others from the previous output) and write the manifest.
    const klaar = await stap(fx, 11, 'Manifest schrijven', () =>
      finishOutput(tmp, out, { invoer, projectRoot: PROJECT_ROOT, producten: options.producten }),
      (k) => `${Object.keys(k.manifest.uitvoer).length} uitvoerbestanden${k.overgenomen.length ? `; ongewijzigd overgenomen: ${k.overgenomen.join(', ')}` : ''}`,
    );

    // 12. Move into place.
    await stap(fx, 12, 'Uitvoer op zijn plaats zetten', () => replaceFolder(tmp, out), () => out);
    return { out, bestanden: klaar.bestanden };
  });
}

/** What steps 1–4 publish: the data files (data/<name>) and the description of the extracts. */
interface Gepubliceerd {
  extractie: Extractie;
  bestanden: Record<string, string>;
  /** From a results folder: the extracts' hashes its manifest recorded (the extracts are not here). */
  extracten?: Manifest['invoer']['extracten'];
}

/** Steps 1–4 on the extracts: load and validate, indicators, disclosure control, models. */
async function berekenResultaten(fx: Effects, options: BuildOptions, editie: Edition, out: string): Promise<{ resultaten: Resultaten; onderdrukkingCsv: string }> {
  // 1. Load and validate the extracts.
  const extracts = await stap(fx, 1, 'Extracten laden en valideren', () => loadExtracts(resolve(options.data), editie), (x) =>
    `${[...x.present].length} extracten, peildatum ${x.extractie.peildatum}`,
  );
  for (const w of extracts.warnings) fx.log(`   waarschuwing: ${formatDiagnostic(w)}`);
  try {
    // 2. Compute the indicators (person-level work stays in DuckDB).
    const { definities, tellingen, uitval } = await stap(fx, 2, 'Indicatoren berekenen', () =>
      computeIndicators(extracts.connection, editie, extracts.extractie.peildatum, extracts.present.has('zorg')),
      (r) => `${r.definities.length} indicatoren, ${r.tellingen.length} cellen`,
    );
    // Extracts of another meting (or cut off too early) have no uitstroom in the edition's cohorts:
    // say so here, not as a missing figure in some template.
    const leeg = editie.cohorten.filter((c) => !tellingen.some((t) => t.indicator === 'populatie' && t.cohort === String(c) && t.groep === 'totaal' && t.noemer > 0));
    if (leeg.length > 0)
      throw new InputError(
        [`${resolve(options.data)}: de extracten bevatten geen uitstroom in ${leeg.length === 1 ? 'cohort' : 'de cohorten'} ${leeg.join(', ')} van de editie ${editie.slug} (peildatum ${extracts.extractie.peildatum})`],
        `Klopt --data? De extracten van de ${editie.slug} staan standaard in data/${editie.slug}/.`,
      );
    // Two years of follow-up of the last cohort: the recidive of every cohort is part of the monitor.
    const laatste = editie.cohorten[editie.cohorten.length - 1]!;
    const nodig = `${laatste + 2}-12-31`;
    if (extracts.extractie.peildatum < nodig)
      throw new InputError(
        [`${join(resolve(options.data), 'extractie.json')}: peildatum ${extracts.extractie.peildatum} ligt voor ${nodig}, het einde van twee jaar na uitstroom van cohort ${laatste} van de editie ${editie.slug}; de recidive binnen twee jaar is dan niet voor elk cohort te bepalen`],
        `Klopt --data? De extracten van de ${editie.slug} staan standaard in data/${editie.slug}/.`,
      );
    // 3. Disclosure control.
    const beveiligd = await stap(fx, 3, 'Onthullingscontrole', async () =>
      applyDisclosure(tellingen, definities, editie.cohorten, editie.drempel),
      (d) => `${d.onderdrukkingen.length} cellen onderdrukt (drempel ${editie.drempel})`,
    );
    // 4. Models: Kaplan–Meier, Cox and logistic, on the same working tables.
    const modellen = await stap(fx, 4, 'Modellen schatten', () =>
      computeModels(extracts.connection, editie, extracts.extractie.peildatum, { indicatoren: beveiligd.rijen }),
      (m) => `${m.modellen.filter((x) => x.status === 'geschat').length} van ${m.modellen.length} modellen geschat, ${m.km.length} punten Kaplan–Meier`,
    );
    for (const n of modellen.noten.filter((x) => x.soort === 'fout')) fx.log(`   waarschuwing: ${n.tekst}`);
    if (options.modelFrames) {
      const geschreven = await writeModelFrames(extracts.connection, editie, extracts.extractie.peildatum, resolve(options.modelFrames), out);
      fx.log(`   modelframes (niet voor publicatie): ${geschreven.length} bestanden in ${resolve(options.modelFrames)}`);
    }
    return {
      resultaten: { editie, extractie: extracts.extractie, definities, indicatoren: new IndicatorTabel(beveiligd.rijen), modellen },
      onderdrukkingCsv: onderdrukkingCsv([...beveiligd.onderdrukkingen, ...uitval]) + modelOnderdrukkingRegels(modellen).map((l) => `${l}\n`).join(''),
    };
  } finally {
    extracts.close();
  }
}

/** The published data files (data/<name>) of the results. */
export function resultaatBestanden(r: Resultaten, onderdrukkingCsv: string): Record<ResultaatBestand, string> {
  return {
    'indicatoren.csv': indicatorenCsv(r.indicatoren.rijen),
    'modellen.csv': modellenCsv(r.modellen),
    'modellen_ph.csv': modellenPhCsv(r.modellen),
    'modellen_perioden.csv': modellenPeriodenCsv(r.modellen),
    'modellen_noten.csv': modellenNotenCsv(r.modellen),
    'recidive_km.csv': recidiveKmCsv(r.modellen),
    'onderdrukking.csv': onderdrukkingCsv,
  };
}

/** The output-check statement beside the data files. */
export const UITVOERCONTROLE = 'uitvoercontrole.md';

/**
 * Read a results folder (the output of `stage: 'resultaten'`): its data files and, from its
 * manifest, the description and hashes of the extracts they were computed from.
 */
async function leesResultatenMap(map: string, fx: Effects): Promise<Gepubliceerd> {
  return stap(fx, 1, 'Resultaten lezen', async () => {
    const m = await leesManifest(join(map, MANIFEST));
    if (!m.invoer.extractie)
      throw new InputError([`${join(map, MANIFEST)}: geen beschrijving van de extracten (verwacht: de manifest.json van npm run report -- --stage resultaten)`]);
    const bestanden: Record<string, string> = {};
    for (const naam of Object.keys(RESULTAAT_BESTANDEN)) {
      const pad = join(map, 'data', naam);
      try {
        bestanden[naam] = await readFile(pad, 'utf8');
      } catch {
        throw new InputError([`${pad}: bestand ontbreekt (verwacht: de resultaten van npm run report -- --stage resultaten, met ${Object.keys(RESULTAAT_BESTANDEN).join(', ')})`]);
      }
    }
    return { extractie: m.invoer.extractie, bestanden, extracten: m.invoer.extracten };
  }, () => map);
}

/** Stage 'resultaten': only the publishable results, the statement and the manifest, swapped into place. */
async function schrijfResultaten(out: string, data: Record<string, string>, controle: string, invoer: Manifest['invoer'], fx: Effects): Promise<BuildResult> {
  return inTijdelijkeMap(out, async (tmp) => {
    await writeTextOutputs(tmp, { ...Object.fromEntries(Object.entries(data).map(([naam, tekst]) => [`data/${naam}`, tekst])), [UITVOERCONTROLE]: controle });
    const klaar = await finishOutput(tmp, out, { invoer, projectRoot: PROJECT_ROOT });
    await stap(fx, 5, 'Resultaten op hun plaats zetten', () => replaceFolder(tmp, out), () => `${out} (alleen data/ en ${UITVOERCONTROLE}, voor de uitvoercontrole)`);
    return { out, bestanden: klaar.bestanden };
  });
}

/**
 * Run `werk` on the temporary folder beside the output (`<out>.tmp-<pid>`), which `werk` swaps
 * into place when everything succeeded. On failure, and on Ctrl-C, SIGTERM or any exit
 * (cleanup.ts), the temporary folder is removed and the output stays as it was.
 */
async function inTijdelijkeMap<T>(out: string, werk: (tmp: string) => Promise<T>): Promise<T> {
  const tmp = `${out}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  const vrijTmp = removeOnExit(tmp);
  try {
    return await werk(tmp);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    vrijTmp();
  }
}

/**
 * The predecessor's published results: from the first output root that holds them (a check
 * builds every edition into a temporary root and looks there first, then in the committed one).
 */
function leesVorige(slug: string, wortels: readonly string[]): VorigeMeting & { pad: string } {
  const wortel = wortels.find((w) => existsSync(gepubliceerdPad(w, slug))) ?? wortels[0]!;
  const vorige = leesVorigeMeting({ slug, nummer: Number.parseInt(slug, 10), uitvoer: wortel, root: PROJECT_ROOT });
  return { ...vorige, pad: gepubliceerdPad(wortel, slug) };
}

function figuurBestanden(figuren: readonly GerenderdeFiguur[]): Record<string, string> {
  return Object.fromEntries(
    figuren.flatMap((f) => [
      [`figuren/${f.figuur.id}.svg`, f.svg],
      [`figuren/${f.figuur.id}.vl.json`, f.specJson],
    ]),
  );
}

/**
 * The build identity printed in the colophon: the first 12 hex digits of the SHA-256 of the
 * `invoer` block of manifest.json as compact JSON (extracts, edition, templates, code). The same
 * inputs give the same identity on any machine; no clock, so the PDF stays reproducible.
 */
export function bouwIdentiteit(invoer: Manifest['invoer']): string {
  return sha256(JSON.stringify(invoer)).slice(0, 12);
}

export function monitorHtml(dir: string, r: Resultaten, hoofdstukken: readonly Hoofdstuk[], bouwId: string, options: RenderOptions = {}): string {
  return renderDocument(monitorDocument(dir, r, hoofdstukken, bouwId), options);
}

/** The monitor as a document: its chapters (the Markdown lives in dir/monitor/) and what the cover and colophon say. */
export function monitorDocument(dir: string, r: Resultaten, hoofdstukken: readonly Hoofdstuk[], bouwId: string): DocumentInput {
  const e = r.editie;
  return {
    title: e.titel,
    lang: 'nl',
    kind: 'monitor',
    chapters: hoofdstukken.map((h) => ({ file: join(dir, 'monitor', h.bestand), markdown: h.markdown, kind: h.soort, sources: h.bronnen, lang: h.taal })),
    meta: {
      date: e.datum,
      authors: e.auteurs,
      subtitle: e.ondertitel,
      publisher: e.uitgever,
      colophon: {
        edition: `${e.nummer}e meting`,
        bron: r.extractie.bron,
        peildatum: r.extractie.peildatum,
        omschrijving: r.extractie.omschrijving,
        // The registers the indicators are defined on; the same list as the charts' source line (charts/figuur.ts, bronregel).
        registers: bronregisters(e.basisvoorwaarden),
        threshold: e.drempel,
        buildId: bouwId,
        buildIdNote: 'SHA-256 over de invoer, die het manifest bij de uitvoer bestand voor bestand vastlegt',
      },
    },
  };
}

async function writeTextOutputs(dir: string, files: Record<string, string | Uint8Array>): Promise<string[]> {
  for (const [rel, inhoud] of Object.entries(files)) {
    const pad = join(dir, rel);
    await mkdir(dirname(pad), { recursive: true });
    await writeFile(pad, inhoud, 'utf8');
  }
  return Object.keys(files);
}

/** Replace `out` by `tmp` in two renames; on failure the old folder is put back. */
async function replaceFolder(tmp: string, out: string): Promise<void> {
  const oud = `${out}.old-${process.pid}`;
  const hadOut = existsSync(out);
  // Interrupted between the two renames (Ctrl-C, SIGTERM): put the previous output back.
  const terug = atExit(() => {
    if (existsSync(oud) && !existsSync(out)) renameSync(oud, out);
  });
  if (hadOut) await rename(out, oud);
  try {
    await rename(tmp, out);
  } catch (e) {
    if (hadOut) await rename(oud, out);
    throw e;
  } finally {
    terug();
  }
  if (hadOut) await rm(oud, { recursive: true, force: true });
}
