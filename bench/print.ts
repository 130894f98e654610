/**
 * Benchmark of the print stage: a monitor of about 40 pages (chapters with prose, four Vega-Lite
 * charts as SVG, long tables that run over several pages) rendered to HTML and printed to PDF.
 *
 *   npx tsx bench/print.ts [--keep] [--runs 3] [--html monitor.html --base <folder>]
 *
 * Prints the time of each step, the page count and the size; with --keep the PDF stays in
 * tmp/bench-print/ to look at (pdftoppm -png -r 60 tmp/bench-print/monitor.pdf /tmp/page).
 * Then, `--runs` times in one browser, printPdf against the floor: one load and one print of
 * the same document in a new page (what bench/build.ts counts), with the wall time, the CPU time of the
 * browser's processes (where /proc has them) and the load average: on a shared machine the CPU
 * time is the steadier figure. `--html` and `--base` print a document the build made instead
 * (for instance one bench/build.ts's `teDrukken` wrote, with its base folder).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { renderDocument, type ChapterInput } from '../src/html/document.ts';
import { PROJECT_ROOT } from '../src/util/paths.ts';
import { PDF_OPTIONS, printPdf, startPrintBrowser } from '../src/pdf/print.ts';
import { withBase } from '../src/pdf/gate.ts';
import { resolveBrowser } from '../src/pdf/browser.ts';

const keep = process.argv.includes('--keep');
const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(option('runs') ?? 3);
const dir = join(PROJECT_ROOT, 'tmp', 'bench-print');
rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'figuren'), { recursive: true });
mkdirSync(join(dir, 'monitor'), { recursive: true });

// A fixed pseudo-random sequence, so every run prints the same document.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const MOMENTEN = ['6 mnd voor', '1 mnd voor', '1 mnd na', '6 mnd na', '12 mnd na', '24 mnd na'];
const COHORTEN = [2013, 2014, 2015, 2016];

async function chart(id: string, title: string): Promise<void> {
  const values = COHORTEN.flatMap((cohort) => MOMENTEN.map((moment, i) => ({ cohort: String(cohort), moment, i, pct: 20 + 15 * Math.sin(i / 2) + 10 * random() })));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 420,
    height: 220,
    title,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'moment', type: 'ordinal', sort: MOMENTEN, title: 'meetmoment' },
      y: { field: 'pct', type: 'quantitative', title: 'percentage' },
      color: { field: 'cohort', type: 'nominal', title: 'cohort' },
    },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  writeFileSync(join(dir, 'figuren', `${id}.svg`), await view.toSVG());
}

const ZINNEN = [
  'De situatie op de basisvoorwaarden verschilt sterk tussen re-integratiekandidaten en kortverblijvenden.',
  'Na detentie neemt het aandeel met een geregistreerd inkomen eerst af en daarna weer toe.',
  'Voor een aanzienlijk deel van de uitstroom is niet bekend of zij een geldig identiteitsbewijs hebben.',
  'Het aandeel zonder adres in de basisregistratie is bij de uitstroom het hoogst en daalt daarna geleidelijk.',
  'Schulden bij de zorgverzekeraar komen vaker voor bij mensen die langer gedetineerd waren.',
  'De verschillen tussen de cohorten zijn klein; de richting van de ontwikkeling is in elk cohort dezelfde.',
];
const paragraph = (n: number) => Array.from({ length: n }, () => ZINNEN[Math.floor(random() * ZINNEN.length)]).join(' ');

function table(id: string, caption: string, rows: number): string {
  const head = `| indicator | groep | ${COHORTEN.join(' | ')} |\n|---|---|${COHORTEN.map(() => '--:').join('|')}|`;
  const body = Array.from({ length: rows }, (_, r) => `| indicator ${r + 1} | ${r % 2 ? 'kv' : 'rik'} | ${COHORTEN.map(() => (random() * 100).toFixed(1).replace('.', ',')).join(' | ')} |`);
  return `Tabel: ${caption} {#tab:${id}}\n\n${head}\n${body.join('\n')}\n`;
}

function chapterMarkdown(n: number, title: string, withChart: boolean): string {
  const parts = [`# ${title}`, '', paragraph(6), ''];
  for (let s = 1; s <= 4; s++) {
    parts.push(`## Paragraaf ${title.toLowerCase()} ${s} {#sec:h${n}-${s}}`, '', paragraph(8), '', paragraph(7), '');
    if (withChart && s === 2) parts.push(`![${title}: aandeel per meetmoment en cohort {#fig:h${n}}](../figuren/h${n}.svg)`, '', `Zie [@fig:h${n}] en [@sec:h${n}-1].`, '');
    if (s === 3) parts.push(table(`h${n}-${s}`, `${title} per groep en cohort`, 18), '');
    parts.push(paragraph(5) + `[^${s}]`, '', `[^${s}]: Bron: CBS, bewerking WODC; zie [@sec:h${n}-1].`, '');
  }
  return parts.join('\n');
}

const time = async <T>(label: string, fn: () => Promise<T> | T): Promise<T> => {
  const t0 = performance.now();
  const value = await fn();
  console.log(`${label.padEnd(28)} ${(performance.now() - t0).toFixed(0).padStart(6)} ms`);
  return value;
};

const titles = ['Inleiding', 'Methoden', 'Basisvoorwaarden', 'Veranderingen', 'Samenhang', 'Conclusie'];
await time('charts (4 x Vega-Lite)', () => Promise.all([2, 3, 4, 5].map((n) => chart(`h${n}`, `Figuur bij hoofdstuk ${n}`))));
const chapters: ChapterInput[] = [
  { file: join(dir, 'monitor', '00-samenvatting.md'), markdown: `# Samenvatting\n\n${paragraph(10)}\n\n${paragraph(10)}\n`, kind: 'ongenummerd' },
  ...titles.map((t, i) => ({ file: join(dir, 'monitor', `0${i + 1}.md`), markdown: chapterMarkdown(i + 1, t, i >= 1 && i <= 4) })),
  { file: join(dir, 'monitor', '09-bijlage.md'), markdown: `# Tabellen per meetmoment\n\n${table('bijlage-1', 'Alle indicatoren per groep en cohort', 160)}\n\n${table('bijlage-2', 'Alle indicatoren, tweede meting', 160)}`, kind: 'bijlage' },
];
for (const c of chapters) writeFileSync(c.file, c.markdown);

const given = option('html');
const base = resolve(option('base') ?? (given ? dirname(given) : dir));
const html = given
  ? readFileSync(given, 'utf8')
  : await time('renderDocument', () =>
      renderDocument({ title: 'Monitor nazorg ex-gedetineerden', lang: 'nl', kind: 'monitor', chapters, meta: { date: '2021-03-08', authors: ['WODC'], subtitle: '6e meting (benchmark)' } }),
    );
const outFile = join(dir, 'monitor.pdf');
const allowedRoots = [dirname(base)];
const result = await time('printPdf', () => printPdf({ html, outFile, baseDir: base, allowedRoots }));
console.log(`${result.pages} pagina's, ${(result.bytes / 1024).toFixed(0)} KiB, ${result.passes} printgangen, ${result.blocked.length} geblokkeerd`);

/** CPU milliseconds of process `root` and everything below it; NaN without /proc. */
function cpuOfTree(root: number): number {
  try {
    const procs = readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((p) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return [{ pid: Number(p), ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * 10 }];
      } catch {
        return []; // ended meanwhile
      }
    });
    const tree = new Set([root]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const q of procs) {
        if (tree.has(q.pid) || !tree.has(q.ppid)) continue;
        tree.add(q.pid);
        grew = true;
      }
    }
    return procs.filter((q) => tree.has(q.pid)).reduce((sum, q) => sum + q.ms, 0);
  } catch {
    return NaN;
  }
}

// printPdf against the floor, alternating, in one browser each run (its launch is left out of both).
const executablePath = (await resolveBrowser()).executablePath;
const floorFile = join(dir, 'floor.html');
writeFileSync(floorFile, withBase(html, base));
const times: Record<'floor' | 'printPdf', { wall: number; cpu: number }[]> = { floor: [], printPdf: [] };
/** The browser's processes and this one. */
const cpuNow = (pid: number) => cpuOfTree(pid) + (process.cpuUsage().user + process.cpuUsage().system) / 1000;
const measure = async (pid: number, fn: () => Promise<unknown>) => {
  const c = cpuNow(pid);
  const t = performance.now();
  await fn();
  return { wall: performance.now() - t, cpu: cpuNow(pid) - c };
};
for (let run = 1; run <= runs; run++) {
  const shared = startPrintBrowser(executablePath);
  const { browser, close } = await shared;
  const pid = browser.process()?.pid ?? 0;
  // The page stays open until the browser closes: a process that ended takes its CPU time out of the sum.
  const floor = () =>
    measure(pid, async () => {
      const page = await browser.newPage();
      await page.setJavaScriptEnabled(false);
      await page.goto(pathToFileURL(floorFile).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await page.pdf({ ...PDF_OPTIONS });
    });
  const ours = () => measure(pid, () => printPdf({ html, outFile, baseDir: base, allowedRoots, executablePath, browser: shared }));
  try {
    if (run % 2) times.floor.push(await floor());
    times.printPdf.push(await ours());
    if (!(run % 2)) times.floor.push(await floor());
  } finally {
    await close();
  }
  const last = (k: 'floor' | 'printPdf') => `${(times[k].at(-1)!.wall / 1000).toFixed(2)} s (CPU ${(times[k].at(-1)!.cpu / 1000).toFixed(2)} s)`;
  console.log(`run ${run}: vloer (laden + 1 print) ${last('floor')}, printPdf ${last('printPdf')}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ratio = (k: 'wall' | 'cpu') => (median(times.printPdf.map((t) => t[k])) / median(times.floor.map((t) => t[k]))).toFixed(2);
console.log(`mediaan printPdf/vloer: wall ${ratio('wall')}, CPU ${ratio('cpu')}`);
if (!keep) rmSync(dir, { recursive: true, force: true });
