/**
 * The build of one edition, in one place. Its stages are the table of ./stages.ts; the progress
 * numbers them 1, 2, 3, … for the stages that run (the drawing gives a full build's numbers):
 *
 *   edition file ──┐
 *   extract folder ┴─> 1 load + validate ─> 2 compute indicators ─> 3 disclosure control
 *        ─> 4 fit models (with their own disclosure control)
 *        ─> 5 render charts ─> 6 fill the monitor's chapters ─> 7 write the Kamerbrief
 *        ─> 8 HTML ─> 9 web edition ─> 10 print the monitor ┬─> 12 manifest
 *                                   ─> 11 print the Kamerbrief ┘
 *        ─> 13 move into place: everything is written to a temporary folder beside the output
 *             folder and replaces it only when every step succeeded, so a failed run leaves the
 *             previous output exactly as it was (./output.ts).
 *
 * Without PDFs (--no-pdf, --watch, --check) 10 and 11 are left out and the manifest is 10. From a
 * results folder (--from-results) one stage, reading the results, takes the place of 1–4. The
 * results stage (--stage resultaten) runs 1–4 and moves the results alone into place.
 *
 * Steps 1–4 are cached by the hash of what they depend on (./cache.ts), so a rebuild after a
 * template edit starts at the charts.
 *
 * Person-level data stay inside the DuckDB connection of steps 1–4 (./compute.ts); after that
 * only published, disclosure-controlled figures travel. The optional verification frames of the
 * models (--model-frames) are person-level and go to a folder outside the published output.
 */
import { tmpdir } from 'node:os';
import { stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Editie } from '../edition/edition.ts';
import { editieInvoerPad, leesEditieMap, type EditieMap } from '../edition/editions.ts';
import { Sjablonen } from '../edition/templates.ts';
import { gepubliceerdPad, leesVorigeMeting, type VorigeMeting } from '../vergelijking/lezen.ts';
import { vergelijk, type Vergelijking } from '../vergelijking/vergelijk.ts';
import { vergelijkingFiguren } from '../charts/vergelijking.ts';
import { checkEditionOutput, checkModelFramesFolder, takeLock, removeLeftovers } from './guard.ts';
import { checkExtractFolder } from '../extracts/folder.ts';
import { InputError } from '../util/errors.ts';
import { figuren as bouwFiguren } from '../charts/catalogue.ts';
import type { GerenderdeFiguur } from '../charts/render.ts';
import { startChartThread, type ChartThread } from '../charts/render-thread.ts';
import { hoofdstukSjablonen, vulHoofdstukken, sjabloonNaam, type Hoofdstuk } from '../chapters/render.ts';
import { leesLiteratuur } from '../chapters/literatuur.ts';
import { renderDocument, type DocumentInput, type RenderOptions } from '../html/document.ts';
import { markdownCache } from '../html/processor.ts';
import { cacheOnderhoud } from '../util/json-cache.ts';
import { reviewMarkdown } from '../review/markdown.ts';
import { BRIEF_PAD, briefDocument } from '../letter/document.ts';
import type { Brief } from '../letter/render.ts';
import { resolveBrowser } from '../pdf/browser.ts';
import { sweepStaleBrowsers } from '../pdf/launch.ts';
import { checkBrowser, checkSpace, estimateSpace } from './environment.ts';
import type { Resultaten } from '../results/results.ts';
import { figurenTekenen } from './figuren.ts';
import { leesResultaten } from '../results/lezen.ts';
import { uitvoercontrole } from '../results/uitvoercontrole.ts';
import { finishOutput } from './finish.ts';
import { hashInputs, type Manifest } from './manifest.ts';
import type { Product } from './products.ts';
import { briefMarkdownMetLabel, briefPdfNaam, schrijfBrief } from './brief.ts';
import { DATA_README, dataReadme } from '../results/bestanden.ts';
import { synthetischBlok } from '../results/synthetisch.ts';
import { renderWebEdition, WEB_MAP, type WebDocument } from '../web/site.ts';
import { PROJECT_ROOT } from '../util/paths.ts';
import { publishedResults } from './compute.ts';
import { bouwIdentiteit, monitorDocument, pdfNaam } from './monitor.ts';
import { figuurBestanden, inTempFolder, replaceFolder, writeTextOutputs } from './output.ts';
import { printPdfs, startBrowser, type PrintBrowser } from './print.ts';
import { UITVOER } from './messages.ts';
import { defaultEffects, StagePlan, type Effects } from './stages.ts';

/** The templates folder exists: it is hashed before any template is read. */
async function checkTemplateFolder(dir: string): Promise<void> {
  const isDirectory = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDirectory) throw new InputError([UITVOER.sjablonenmap(dir)]);
}

export interface BuildOptions {
  /** Extract folder (docs/extracts.md). */
  data: string;
  /** The edition's output folder (`out/<slug>`); replaced as a whole on success. */
  out: string;
  /** The edition file (editions/<slug>/editie.json; its folder's templates/ overrides the shared ones). */
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
  /** Cache folder (cache.ts): results of steps 1–4, rendered figures and citeproc's output (chapters/citeproc.ts); no cache when absent. */
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

export interface BuildResult {
  out: string;
  bestanden: string[];
}

/** The output-check statement beside the data files. */
export const UITVOERCONTROLE = 'uitvoercontrole.md';

/** What every stage after the checks needs to know about this build. */
interface Build {
  readonly options: BuildOptions;
  readonly fx: Effects;
  readonly plan: StagePlan;
  readonly out: string;
  readonly editieMap: EditieMap;
  readonly editie: Editie;
  readonly sjablonen: Sjablonen;
  readonly invoer: Manifest['invoer'];
  readonly vorige: (VorigeMeting & { pad: string }) | undefined;
  /** The browser that prints the PDFs; undefined when the build makes none. */
  readonly browser: string | undefined;
}

export async function buildReport(options: BuildOptions, fx: Effects = defaultEffects): Promise<BuildResult> {
  // One build at a time per output folder: the lock is taken once the folder is known to be the
  // tool's own (guard.ts), and released however the build ends.
  const lock: { release?: () => void } = {};
  try {
    return await buildLocked(await prepare(options, fx, lock));
  } finally {
    lock.release?.();
  }
}

/** Whether this build prints the PDFs. */
function printsPdf(options: BuildOptions): boolean {
  return options.stage !== 'resultaten' && (options.pdf ?? options.producten?.includes('pdf') ?? true);
}

/**
 * Everything before the first stage: the paths checked and the output locked, the templates and
 * the environment checked, and the inputs hashed once, before anything is read: for the cache
 * key, the colophon's build identity and the manifest, so all three describe the same state even
 * if a file changes while the build runs.
 */
async function prepare(options: BuildOptions, fx: Effects, lock: { release?: () => void }): Promise<Build> {
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
  checkEditionOutput(out, bescherm);
  lock.release = takeLock(out);
  if (options.modelFrames) checkModelFramesFolder(resolve(options.modelFrames), out, bescherm);
  // From a results folder no extracts are read, or even present.
  if (!options.fromResults) await checkExtractFolder(resolve(options.data));
  await checkTemplateFolder(templates);
  // A templates folder without chapters of its own is named as such first (an edition's
  // overrides alone, such as its Voorwoord, do not make one).
  hoofdstukSjablonen(new Sjablonen(templates));
  const sjablonen = new Sjablonen(templates, editieMap.sjablonen);
  sjablonen.controleer();
  for (const regel of await removeLeftovers(out)) fx.log(`   ${regel}`);
  for (const map of sweepStaleBrowsers()) fx.log(`   restant van een afgebroken bouw verwijderd: ${map}${map.startsWith('monitor-chrome-') ? ' (de browser die daarin nog liep is gestopt)' : ''}`);
  // The environment, before any work: free space for the output and the temporary files, and a
  // browser that starts when the PDFs are made (environment.ts).
  const pdf = printsPdf(options);
  await checkSpace(estimateSpace({ out, tmp: tmpdir(), data: options.fromResults ? undefined : resolve(options.data), pdf }));
  const browser = pdf ? (await resolveBrowser({ log: fx.log })).executablePath : undefined;
  if (browser) await checkBrowser(browser);
  // The comparison needs the predecessor's published results; the results stage does not.
  const vorige = editie.vorige && options.stage !== 'resultaten' ? leesVorige(editie.vorige, options.vorigeWortels ?? [...new Set([dirname(out), join(PROJECT_ROOT, 'out')])]) : undefined;
  const invoer = await hashInputs({
    data: options.fromResults ? undefined : resolve(options.data),
    edition: resolve(options.edition),
    templates,
    eigenSjablonen: editieMap.sjablonen,
    literatuur: editieMap.literatuur,
    vorige: vorige && { editie: vorige.slug, pad: vorige.pad },
    projectRoot: PROJECT_ROOT,
  });
  const plan = new StagePlan({ fromResults: options.fromResults !== undefined, resultsOnly: options.stage === 'resultaten', pdf }, fx);
  return { options, fx, plan, out, editieMap, editie, sjablonen, invoer, vorige, browser };
}

/**
 * Started when the build begins, so that their start overlaps steps 1–4: the browser if the build
 * prints (none without PDFs), and the worker thread that renders the charts (it loads Vega) when
 * the charts will be rendered: always without a cache, and with one as soon as steps 1–4 are
 * computed (new results mean new figures). A build whose results and figures come from the cache
 * or a results folder starts the worker only for a figure the cache lacks.
 * Both are closed however the build ends.
 */
async function buildLocked(b: Build): Promise<BuildResult> {
  const started: Started = {
    charts: b.options.stage === 'resultaten' ? undefined : startChartThread({ preload: !b.options.cache }),
    browser: b.browser && b.plan.has('printMonitor') ? startBrowser(b.browser) : undefined,
  };
  try {
    return await buildStages(b, started);
  } finally {
    await started.charts?.close();
    await started.browser?.close();
  }
}

type Started = { charts?: ChartThread; browser?: PrintBrowser };

async function buildStages(b: Build, started: Started): Promise<BuildResult> {
  const { options, editie, invoer } = b;
  // 1–4, or their results from the cache when the extracts, the edition's computational fields
  // and the code of these steps are unchanged; or, outside the secure environment, the results
  // folder of an earlier stage (--from-results).
  const berekend = await publishedResults(b.plan, b.fx, editie, {
    data: resolve(options.data),
    out: b.out,
    modelFrames: options.modelFrames && resolve(options.modelFrames),
    cache: options.cache && !options.modelFrames ? { dir: join(options.cache, 'resultaten'), invoer, projectRoot: PROJECT_ROOT } : undefined,
    fromResults: options.fromResults && resolve(options.fromResults),
    bijRekenen: () => started.charts?.preload(),
  });
  if (berekend.extracten) invoer.extracten = berekend.extracten;
  invoer.extractie = berekend.extractie;
  // Everything after step 4 is made from the published files alone, read back: the publication
  // needs nothing the output checker did not see, and a build from a results folder gives the
  // same bytes as one from the extracts.
  const dataBestanden = berekend.bestanden;
  const resultaten = leesResultaten(dataBestanden, editie, berekend.extractie);
  const controle = uitvoercontrole(resultaten, dataBestanden);
  if (options.stage === 'resultaten') return schrijfResultaten(b, dataBestanden, controle);

  // The comparison with the previous meting, from its published results only (never its extracts).
  const vergelijking = b.vorige ? vergelijk(resultaten, b.vorige, { wijzigingen: editie.wijzigingen }) : undefined;
  const inhoud = await renderContent(b, resultaten, vergelijking, started.charts ?? startChartThread());
  return inTempFolder(b.out, async (tmp) => {
    const bestanden = await writeTextOutputs(tmp, {
      ...Object.fromEntries(Object.entries(dataBestanden).map(([naam, tekst]) => [`data/${naam}`, tekst])),
      // The README for the files' users: made here, from the checked results and the code's
      // description of them (src/results/bestanden.ts), so a build from a results folder writes
      // the same one and the output checker's set stays the CSVs alone.
      [`data/${DATA_README}`]: dataReadme(resultaten, dataBestanden),
      [UITVOERCONTROLE]: controle,
    });
    // The HTML inlines the figures' SVG files: from here on the charts must be done.
    const figuren = await inhoud.figuren;
    bestanden.push(...(await writeTextOutputs(tmp, figuurBestanden(figuren))));
    const opgemaakt = await renderHtml(b, tmp, resultaten, inhoud);
    bestanden.push(...opgemaakt.bestanden);
    await writeWebEdition(b, tmp, figuren, opgemaakt.verwerkt);
    if (started.browser) bestanden.push(...(await printPdfs({ plan: b.plan, fx: b.fx, tmp, resultaten, ...opgemaakt, browser: started.browser })));

    // Keep the chosen products (the others from the previous output) and write the manifest.
    const klaar = await b.plan.run('manifest', () =>
      finishOutput(tmp, b.out, { invoer, projectRoot: PROJECT_ROOT, producten: options.producten }),
      (k) => `${Object.keys(k.manifest.uitvoer).length} uitvoerbestanden${k.overgenomen.length ? `; ongewijzigd overgenomen: ${k.overgenomen.join(', ')}` : ''}`,
    );
    await b.plan.run('place', () => replaceFolder(tmp, b.out), () => b.out);
    return { out: b.out, bestanden: klaar.bestanden };
  });
}

/** What the charts, chapters and letter stages make, before anything is written. */
interface Inhoud {
  /** Still being rendered when the letter is done: the charts run beside the chapters and the letter. */
  figuren: Promise<GerenderdeFiguur[]>;
  hoofdstukken: Hoofdstuk[];
  brief: Brief;
}

/**
 * The charts, the monitor's chapters and the letter, from the same results. The charts are
 * rendered in a worker thread (src/charts/render-thread.ts) while the chapters and the letter
 * are filled: those need each figure's metadata, not its SVG. The charts' progress line still
 * comes first, and its time is theirs alone, overlapping the chapters' (StagePlan.beside).
 */
async function renderContent(b: Build, resultaten: Resultaten, vergelijking: Vergelijking | undefined, charts: ChartThread): Promise<Inhoud> {
  const { editieMap } = b;
  const alleFiguren = [...bouwFiguren(resultaten), ...(vergelijking ? vergelijkingFiguren(resultaten, vergelijking) : [])];
  const tekenen = figurenTekenen(b.options.cache, charts, b.invoer.code.afhankelijkheden);
  const { result: figuren } = await b.plan.beside('charts', () => tekenen.teken(alleFiguren), tekenen.regel);
  try {
    const hoofdstukken = await b.plan.run('chapters', async () =>
      vulHoofdstukken(b.sjablonen, resultaten, alleFiguren, {
        vergelijking,
        literatuur: editieMap.literatuur ? leesLiteratuur(editieMap.literatuur, sjabloonNaam(editieMap.literatuur)) : undefined,
        waarschuw: (w) => b.plan.log(`   waarschuwing: ${w}`),
        citaatCache: b.options.cache && join(b.options.cache, 'citaten'),
      }),
      (h) => `${h.length} hoofdstukken`,
    );
    const brief = await b.plan.run('letter', async () => schrijfBrief(b.sjablonen, resultaten, vergelijking), (x) =>
      `${x.cijfers.length} cijfers uit de resultaten`,
    );
    return { figuren, hoofdstukken, brief };
  } catch (e) {
    // When the charts failed too, theirs is the error: the one a build that renders them first reports.
    await figuren;
    throw e;
  }
}

/** The HTML of both documents, and the reviewers' Markdown made from the same trees. */
interface Opgemaakt {
  html: string;
  briefHtml: string;
  /** The processed chapters, kept for the web edition, which is made from the same trees. */
  verwerkt: WebDocument[];
  /** The reviewers' Markdown of the letter, for its Word version. */
  leesbareBrief: string;
  /** The Markdown files written. */
  bestanden: string[];
}

/**
 * The HTML stage, also without PDFs: it resolves every cross-reference, so a build without PDFs
 * (--no-pdf, --watch, --check) refuses a broken reference just as a full build does.
 */
async function renderHtml(b: Build, tmp: string, resultaten: Resultaten, { hoofdstukken, brief }: Inhoud): Promise<Opgemaakt> {
  const verwerkt: WebDocument[] = [];
  // The Markdown trees of earlier builds (src/html/processor.ts): none without a cache.
  const bomen = b.options.cache ? markdownCache(join(b.options.cache, 'markdown')) : undefined;
  const bewaar = (input: DocumentInput): RenderOptions => ({ markdownCache: bomen, onChapters: (chapters, register) => verwerkt.push({ input, chapters, register }) });
  const monitorInvoer = monitorDocument(tmp, resultaten, hoofdstukken, bouwIdentiteit(b.invoer));
  const html = await b.plan.run('html', async () => renderDocument(monitorInvoer, bewaar(monitorInvoer)), (h) =>
    `${Math.round(h.length / 1024)} kB`,
  );
  const briefInvoer = briefDocument(tmp, resultaten, brief.markdown, brief.bronnen);
  const briefHtml = renderDocument(briefInvoer, bewaar(briefInvoer));
  const registers = verwerkt.map((v) => v.register);
  // The committed Markdown: the same chapters with every number and reference resolved, for
  // reviewers on a code host (src/review/markdown.ts); the HTML above keeps the project syntax.
  const hoofdstukPaden = hoofdstukken.map((h) => `monitor/${h.bestand}`);
  const leesbaar = reviewMarkdown(hoofdstukken.map((h, i) => ({ path: hoofdstukPaden[i]!, markdown: h.markdown })), registers[0]!, bomen);
  const [leesbareBrief] = reviewMarkdown([{ path: BRIEF_PAD, markdown: brief.markdown, brief: true }], registers[1]!, bomen);
  if (bomen) cacheOnderhoud(bomen);
  // Synthetic figures: every committed chapter and the letter open with the label.
  const label = synthetischBlok(resultaten.extractie.bron);
  const bestanden = await writeTextOutputs(tmp, {
    ...Object.fromEntries(hoofdstukPaden.map((p, i) => [p, label + leesbaar[i]!])),
    [BRIEF_PAD]: briefMarkdownMetLabel(leesbareBrief!, resultaten),
  });
  return { html, briefHtml, verwerkt, leesbareBrief: leesbareBrief!, bestanden };
}

/** The web edition (src/web/): pages from the same chapter trees, no browser needed. */
async function writeWebEdition(b: Build, tmp: string, figuren: readonly GerenderdeFiguur[], verwerkt: readonly WebDocument[]): Promise<void> {
  await b.plan.run('web', async () =>
    writeTextOutputs(join(tmp, WEB_MAP), renderWebEdition({
      monitor: verwerkt[0]!,
      brief: verwerkt[1]!,
      specs: new Map(figuren.map((f) => [f.figuur.id, JSON.parse(f.specJson) as unknown])),
      pdf: { monitor: pdfNaam(b.editie), brief: briefPdfNaam(b.editie) },
    }), tmp),
    (x) => `${x.filter((n) => n.endsWith('.html')).length} pagina's in ${WEB_MAP}/`,
  );
}

/** Stage 'resultaten': only the publishable results, the statement and the manifest, swapped into place. */
async function schrijfResultaten(b: Build, data: Record<string, string>, controle: string): Promise<BuildResult> {
  const { out } = b;
  return inTempFolder(out, async (tmp) => {
    await writeTextOutputs(tmp, { ...Object.fromEntries(Object.entries(data).map(([naam, tekst]) => [`data/${naam}`, tekst])), [UITVOERCONTROLE]: controle });
    const klaar = await finishOutput(tmp, out, { invoer: b.invoer, projectRoot: PROJECT_ROOT });
    await b.plan.run('placeResults', () => replaceFolder(tmp, out), () => `${out} (alleen data/ en ${UITVOERCONTROLE}, voor de uitvoercontrole)`);
    return { out, bestanden: klaar.bestanden };
  });
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
