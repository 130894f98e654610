/**
 * How stable the relations of the synthetic data are across seeds: generates the extract set
 * at the committed scale for several seeds, fits the four models with the real engine, and
 * prints, for each relation that tests/models/relations.test.ts checks, its ratio per seed,
 * the range, in how many seeds it holds (the direction, as the test checks it), and in how many
 * its 95% interval lies wholly on that side. A ratio in bold goes the wrong way.
 *
 *   npx tsx bench/synth-seeds.ts [--seeds 1,2,3,4,5] [--scale 0.1] [--edition editions/6e-meting/editie.json]
 *                                [--peildatum 2019-06-30]
 *
 * The data/<meting>/README.md quotes its output. Nothing is kept: each set is written to a
 * temporary folder and removed after its models are fitted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { leesEditie } from '../src/edition/edition.ts';
import { loadExtracts } from '../src/extracts/load.ts';
import { buildWorkingTables, parametersVoor } from '../src/indicators/compute.ts';
import { computeModels, type ModelResults } from '../src/models/run.ts';
import { generateExtracts } from '../src/synth/generate.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2,3,4,5' },
    scale: { type: 'string', default: '0.1' },
    edition: { type: 'string', default: new URL('../editions/6e-meting/editie.json', import.meta.url).pathname },
    peildatum: { type: 'string', default: '2019-06-30' },
  },
});
const seeds = values.seeds.split(',').map(Number);
const scale = Number(values.scale);
const edition = await leesEditie(values.edition);

/** The relations of relations.test.ts: a ratio below or above 1, or a 95% interval containing 1. */
type Check = { model: string; term: string; verwacht: '<1' | '>1' | '∋1' };
const CHECKS: Check[] = [
  { model: 'cox_basis', term: 'id:ongeldig', verwacht: '>1' },
  { model: 'cox_basis', term: 'activiteit:werk', verwacht: '<1' },
  { model: 'cox_basis', term: 'activiteit:opleiding', verwacht: '<1' },
  { model: 'cox_basis', term: 'activiteit:uitkering', verwacht: '<1' },
  { model: 'cox_basis', term: 'huisvesting:briefadres', verwacht: '>1' },
  { model: 'cox_basis', term: 'huisvesting:geen_inschrijving', verwacht: '>1' },
  { model: 'cox_basis', term: 'huisvesting:instelling', verwacht: '>1' },
  { model: 'cox_basis', term: 'huisvesting:met_partner', verwacht: '<1' },
  { model: 'cox_basis', term: 'huisvesting:bij_ouders', verwacht: '<1' },
  { model: 'cox_basis', term: 'startkwalificatie:nee', verwacht: '∋1' },
  { model: 'cox_basis', term: 'wanbetaler:ja', verwacht: '∋1' },
  { model: 'cox_basis', term: 'eerdere_zaken:1-2', verwacht: '>1' },
  { model: 'cox_basis', term: 'leeftijd:18-24', verwacht: '>1' },
  { model: 'cox_basis', term: 'leeftijd:45+', verwacht: '<1' },
  { model: 'cox_basis', term: 'geslacht:v', verwacht: '<1' },
  { model: 'cox_interactie', term: 'geslacht:v*geen_adres', verwacht: '>1' },
  { model: 'cox_interactie', term: 'inkomen*wanbetaler:ja', verwacht: '<1' },
  { model: 'cox_interactie', term: 'inkomen*veel_eerdere_zaken', verwacht: '<1' },
  { model: 'cox_landmark_6m', term: 'zelfde_baan:ja', verwacht: '<1' },
  { model: 'cox_landmark_6m', term: 'stabiel_wonen:ja', verwacht: '<1' },
  { model: 'logit_werk_6m', term: 'id:ongeldig', verwacht: '<1' },
  { model: 'logit_werk_6m', term: 'huisvesting:geen_inschrijving', verwacht: '<1' },
  { model: 'logit_werk_6m', term: 'huisvesting:briefadres', verwacht: '<1' },
];

interface Uitkomst {
  ratio: number;
  ciLaag: number;
  ciHoog: number;
}
function term(r: ModelResults, model: string, naam: string): Uitkomst | undefined {
  const m = r.modellen.find((x) => x.model === model);
  if (!m || m.status !== 'geschat') return undefined;
  return m.termen.find((t) => t.term === naam);
}
function holds(u: Uitkomst | undefined, verwacht: Check['verwacht']): boolean {
  if (u === undefined) return false;
  return verwacht === '<1' ? u.ratio < 1 : verwacht === '>1' ? u.ratio > 1 : u.ciLaag < 1 && u.ciHoog > 1;
}

const perSeed: ModelResults[] = [];
const records: number[] = [];
for (const seed of seeds) {
  const dir = await mkdtemp(join(tmpdir(), `synth-seed-${seed}-`));
  try {
    await generateExtracts({ scale, seed, out: dir, peildatum: values.peildatum, format: 'csv.gz' });
    const x = await loadExtracts(dir);
    try {
      await buildWorkingTables(x.connection, parametersVoor(edition, x.extractie.peildatum), x.present.has('zorg'));
      const r = await computeModels(x.connection, edition, x.extractie.peildatum);
      perSeed.push(r);
      const lm = r.modellen.find((m) => m.model === 'cox_landmark_6m');
      records.push(lm && lm.status === 'geschat' ? lm.n : 0);
    } finally {
      x.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  process.stderr.write(`seed ${seed} klaar\n`);
}

const f = (v: number) => v.toFixed(2);
console.log(`edition ${edition.nummer}, scale ${scale}, seeds ${seeds.join(', ')}; cox_landmark_6m records: ${records.join(', ')}\n`);
console.log(`| model | term | expected | ${seeds.map((s) => `seed ${s}`).join(' | ')} | range | holds | 95% CI excludes 1 |`);
console.log(`|---|---|---|${seeds.map(() => '---:').join('|')}|---|---|---|`);
for (const c of CHECKS) {
  const u = perSeed.map((r) => term(r, c.model, c.term));
  const ratios = u.filter((x): x is Uitkomst => x !== undefined).map((x) => x.ratio);
  const cells = u.map((x) => (x === undefined ? '–' : holds(x, c.verwacht) ? f(x.ratio) : `**${f(x.ratio)}**`));
  const range = ratios.length ? `${f(Math.min(...ratios))}–${f(Math.max(...ratios))}` : '–';
  const n = u.filter((x) => holds(x, c.verwacht)).length;
  const verwacht = c.verwacht === '∋1' ? 'CI contains 1' : c.verwacht;
  // For a direction: in how many seeds the interval lies wholly on the expected side.
  const sig = c.verwacht === '∋1' ? '–' : `${u.filter((x) => x !== undefined && (c.verwacht === '<1' ? x.ciHoog < 1 : x.ciLaag > 1)).length}/${seeds.length}`;
  console.log(`| ${c.model} | ${c.term} | ${verwacht} | ${cells.join(' | ')} | ${range} | ${n}/${seeds.length} | ${sig} |`);
}
// The two orderings relations.test.ts also checks.
const order = perSeed.map((r) => {
  const uitk = term(r, 'cox_basis', 'activiteit:uitkering')?.ratio ?? NaN;
  const werk = term(r, 'cox_basis', 'activiteit:werk')?.ratio ?? NaN;
  const ez = ['1-2', '3-5', '6-10', '11+'].map((l) => term(r, 'cox_basis', `eerdere_zaken:${l}`)?.ratio ?? NaN);
  return { uitkBovenWerk: uitk > werk, stijgend: ez.every((v, i) => i === 0 || v > ez[i - 1]!) };
});
console.log(`\nuitkering lowers recidive less than werk: ${order.filter((o) => o.uitkBovenWerk).length}/${seeds.length} seeds`);
console.log(`eerdere_zaken rising over 1-2, 3-5, 6-10, 11+: ${order.filter((o) => o.stijgend).length}/${seeds.length} seeds`);
