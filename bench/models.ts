/**
 * Benchmark of the model fits on a frame of scale-1 size (60,000 records, ~30 columns), and of
 * R's coxph / glm on the same frame when Rscript is available.
 *
 *   npx tsx bench/models.ts [records]
 *
 * The frame is generated here with a seeded PRNG in the shape of models.md's cox_basis,
 * cox_interactie and logit_werk_6m. Times are the median of three runs after a warm-up; R's
 * time is `system.time()` around the coxph / glm call only (it includes R's model.frame and
 * model.matrix, as our "design + fit" column does). The last column is the largest relative
 * difference between our and R's coefficients.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildDesign, fitCox, fitLogit, type DesignSpec, type Frame } from '../src/models/index.ts';
import { Rng } from '../src/synth/random.ts';

const N = Number(process.argv[2] ?? 60000);

const COVARIATES = [
  { name: 'id', levels: ['geldig', 'ongeldig', 'onbekend'], p: [0.5, 0.15, 0.35], hr: [0, 0.18, 0.05] },
  { name: 'activiteit', levels: ['geen', 'werk', 'opleiding', 'uitkering'], p: [0.4, 0.13, 0.05, 0.42], hr: [0, -0.25, -0.22, -0.1] },
  {
    name: 'huisvesting',
    levels: ['alleenstaand', 'met_partner', 'bij_ouders', 'met_anderen', 'instelling', 'briefadres', 'geen_inschrijving'],
    p: [0.3, 0.1, 0.12, 0.08, 0.05, 0.1, 0.25],
    hr: [0, -0.2, -0.15, 0, 0.3, 0.35, 0.4],
  },
  { name: 'wanbetaler', levels: ['nee', 'ja'], p: [0.74, 0.26], hr: [0, 0] },
  { name: 'startkwalificatie', levels: ['ja', 'nee', 'onbekend'], p: [0.3, 0.6, 0.1], hr: [0, 0, 0] },
  { name: 'geslacht', levels: ['m', 'v'], p: [0.9, 0.1], hr: [0, -0.3] },
  { name: 'leeftijd', levels: ['25-34', '18-24', '35-44', '45+'], p: [0.3, 0.2, 0.25, 0.25], hr: [0, 0.3, -0.2, -0.5] },
  { name: 'eerdere_zaken', levels: ['0', '1-2', '3-5', '6-10', '11+'], p: [0.15, 0.25, 0.25, 0.2, 0.15], hr: [0, 0.3, 0.6, 0.9, 1.2] },
  { name: 'detentieduur', levels: ['14-30', '31-90', '91-365', '366+'], p: [0.3, 0.3, 0.3, 0.1], hr: [0, 0.05, 0.1, 0] },
  { name: 'cohort', levels: ['2013', '2014', '2015', '2016'], p: [0.25, 0.25, 0.25, 0.25], hr: [0, 0, -0.03, -0.05] },
  { name: 'werk_1m_voor', levels: ['nee', 'ja'], p: [0.85, 0.15], hr: [0, 0] },
] as const;

function generate(n: number): Frame {
  const rng = new Rng(20240613);
  const rnd = () => rng.uniform();
  const columns: Record<string, string[]> = {};
  const lp = new Float64Array(n);
  for (const c of COVARIATES) {
    const col: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      let u = rnd();
      let l = 0;
      while (l < c.levels.length - 1 && u >= c.p[l]!) u -= c.p[l++]!;
      col[i] = c.levels[l]!;
      lp[i]! += c.hr[l]!;
    }
    columns[c.name] = col;
  }
  const tijd = new Array<number>(n);
  const gebeurtenis = new Array<number>(n);
  const uitkomst = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const v = columns.geslacht![i] === 'v';
    const geenAdres = ['briefadres', 'geen_inschrijving'].includes(columns.huisvesting![i]!);
    const inkomen = ['werk', 'uitkering'].includes(columns.activiteit![i]!);
    const veel = ['6-10', '11+'].includes(columns.eerdere_zaken![i]!);
    const h = lp[i]! + (v && geenAdres ? 0.3 : 0) + (inkomen && columns.wanbetaler![i] === 'ja' ? -0.2 : 0) + (inkomen && veel ? -0.15 : 0);
    const t = Math.ceil(-Math.log(1 - rnd()) / (0.0011 * Math.exp(h)));
    const cens = Math.ceil(200 + rnd() * 900);
    tijd[i] = Math.min(t, cens, 730);
    gebeurtenis[i] = t <= Math.min(cens, 730) ? 1 : 0;
    const eta = -1.5 + (columns.werk_1m_voor![i] === 'ja' ? 1.5 : 0) + (columns.id![i] === 'geldig' ? 0.3 : 0) - (geenAdres ? 0.4 : 0);
    uitkomst[i] = rnd() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { columns, tijd, gebeurtenis, uitkomst };
}

const levels = (name: string) => COVARIATES.find((c) => c.name === name)!.levels;
const cov = (...names: string[]) => names.map((name) => ({ name, levels: levels(name) }));
const BASIS = ['id', 'activiteit', 'huisvesting', 'wanbetaler', 'startkwalificatie', 'geslacht', 'leeftijd', 'eerdere_zaken', 'detentieduur', 'cohort'];
const LOGIT = ['id', 'huisvesting', 'wanbetaler', 'startkwalificatie', 'werk_1m_voor', 'geslacht', 'leeftijd', 'eerdere_zaken', 'detentieduur', 'cohort'];
const SPECS: DesignSpec[] = [
  { model: 'cox_basis', kind: 'cox', covariates: cov(...BASIS) },
  {
    model: 'cox_interactie',
    kind: 'cox',
    covariates: cov(...BASIS),
    indicators: {
      geen_adres: { covariate: 'huisvesting', levels: ['briefadres', 'geen_inschrijving'] },
      inkomen: { covariate: 'activiteit', levels: ['werk', 'uitkering'] },
      veel_eerdere_zaken: { covariate: 'eerdere_zaken', levels: ['6-10', '11+'] },
    },
    interactions: [
      ['geslacht:v', 'geen_adres'],
      ['inkomen', 'wanbetaler:ja'],
      ['inkomen', 'veel_eerdere_zaken'],
    ],
  },
  { model: 'logit_werk_6m', kind: 'logit', covariates: cov(...LOGIT) },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  let value = fn(); // warm-up
  const ms: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    value = fn();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), value };
}

// R: the same frame, the same models; the fit call alone is timed.
const R_SCRIPT = String.raw`
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = "character")
d$tijd <- as.numeric(d$tijd); d$gebeurtenis <- as.integer(d$gebeurtenis); d$uitkomst <- as.integer(d$uitkomst)
lv <- list(id = c("geldig", "ongeldig", "onbekend"), activiteit = c("geen", "werk", "opleiding", "uitkering"),
  huisvesting = c("alleenstaand", "met_partner", "bij_ouders", "met_anderen", "instelling", "briefadres", "geen_inschrijving"),
  wanbetaler = c("nee", "ja"), startkwalificatie = c("ja", "nee", "onbekend"), geslacht = c("m", "v"),
  leeftijd = c("25-34", "18-24", "35-44", "45+"), eerdere_zaken = c("0", "1-2", "3-5", "6-10", "11+"),
  detentieduur = c("14-30", "31-90", "91-365", "366+"), cohort = c("2013", "2014", "2015", "2016"), werk_1m_voor = c("nee", "ja"))
for (v in names(lv)) d[[v]] <- factor(d[[v]], levels = lv[[v]])
d$ia1 <- as.numeric(d$geslacht == "v" & d$huisvesting %in% c("briefadres", "geen_inschrijving"))
d$ia2 <- as.numeric(d$activiteit %in% c("werk", "uitkering") & d$wanbetaler == "ja")
d$ia3 <- as.numeric(d$activiteit %in% c("werk", "uitkering") & d$eerdere_zaken %in% c("6-10", "11+"))
basis <- "id + activiteit + huisvesting + wanbetaler + startkwalificatie + geslacht + leeftijd + eerdere_zaken + detentieduur + cohort"
logit <- "id + huisvesting + wanbetaler + startkwalificatie + werk_1m_voor + geslacht + leeftijd + eerdere_zaken + detentieduur + cohort"
run <- function(name, expr) {
  fit <- eval(expr); el <- numeric(3)
  for (r in 1:3) el[r] <- system.time(fit <- eval(expr))[["elapsed"]]
  cat(name, median(el) * 1000, sprintf("%.17g", coef(fit)), "\n")
}
run("cox_basis", quote(coxph(as.formula(paste("Surv(tijd, gebeurtenis) ~", basis)), data = d, ties = "efron")))
run("cox_interactie", quote(coxph(as.formula(paste("Surv(tijd, gebeurtenis) ~", basis, "+ ia1 + ia2 + ia3")), data = d, ties = "efron")))
run("logit_werk_6m", quote(glm(as.formula(paste("uitkomst ~", logit)), data = d, family = binomial)))
`;

function runR(frame: Frame): Map<string, { ms: number; coef: number[] }> | undefined {
  if (spawnSync('Rscript', ['--version']).status !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'bench-models-'));
  try {
    const names = Object.keys(frame.columns);
    const lines = [['tijd', 'gebeurtenis', 'uitkomst', ...names].join(',')];
    for (let i = 0; i < N; i++) {
      lines.push([frame.tijd![i], frame.gebeurtenis![i], frame.uitkomst![i], ...names.map((c) => frame.columns[c]![i])].join(','));
    }
    writeFileSync(join(dir, 'frame.csv'), lines.join('\n') + '\n');
    writeFileSync(join(dir, 'fit.R'), R_SCRIPT);
    const r = spawnSync('Rscript', [join(dir, 'fit.R'), join(dir, 'frame.csv')], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.error(r.stderr);
      return undefined;
    }
    const out = new Map<string, { ms: number; coef: number[] }>();
    for (const line of r.stdout.trim().split('\n')) {
      const [name, ms, ...coef] = line.trim().split(/\s+/);
      out.set(name!, { ms: Number(ms), coef: coef.map(Number) });
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const t0 = performance.now();
const frame = generate(N);
console.log(`frame: ${N} records generated in ${(performance.now() - t0).toFixed(0)} ms`);

const rows: string[][] = [];
const ours = SPECS.map((spec) => {
  const design = time(() => buildDesign(frame, spec, 10));
  const fit = time(() => (design.value.kind === 'cox' ? fitCox(design.value) : fitLogit(design.value)));
  return { spec, design, fit };
});
const r = runR(frame);
for (const { spec, design, fit } of ours) {
  const f = fit.value;
  const rr = r?.get(spec.model);
  // R's glm coefficients include the intercept, as ours do; coxph has none.
  const diff = rr ? Math.max(...rr.coef.map((c, j) => Math.abs(f.coef[j]! - c) / Math.abs(c))) : undefined;
  rows.push([
    spec.model,
    String(f.n),
    String(design.value.p),
    String(f.events),
    String(f.iterations),
    design.ms.toFixed(1),
    fit.ms.toFixed(1),
    (design.ms + fit.ms).toFixed(1),
    rr ? rr.ms.toFixed(1) : '-',
    diff === undefined ? '-' : diff.toExponential(1),
  ]);
}
const header = ['model', 'n', 'p', 'events', 'iter', 'design ms', 'fit ms', 'design+fit ms', 'R fit ms', 'max rel diff'];
const widths = header.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j]!.length)));
const fmt = (row: string[]) => row.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
console.log(fmt(header));
for (const row of rows) console.log(fmt(row));
if (!r) console.log('(Rscript not available: no R timings)');
