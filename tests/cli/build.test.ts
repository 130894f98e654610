/**
 * The build's own machinery on small synthetic extracts(scale 0.05: smaller sets leave model terms the letter needs unestimated): the result cache (same bytes, hit and
 * miss), the manifest, products taken over, --check passing and failing, and --compare listing
 * exactly the indicators that changed between two data sets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport } from '../../src/pipeline/build.ts';
import type { Effects } from '../../src/pipeline/stages.ts';
import { PROJECT_ROOT } from '../../src/util/paths.ts';
import { cacheKey } from '../../src/pipeline/cache.ts';
import { compareOutputs } from '../../src/pipeline/compare.ts';
import { leesCsv } from '../../src/util/csv.ts';
import { hashInputs, type Manifest } from '../../src/pipeline/manifest.ts';
import { leesEditie } from '../../src/edition/edition.ts';
import { generateExtracts } from '../../src/synth/generate.ts';
import { main } from '../../src/cli/report.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { inBouwproduct } from '../../src/pipeline/products.ts';
import { io } from '../helpers/io.ts';
import { GEDULD } from '../helpers/geduld.ts';
import { GEDEELDE_CACHE } from '../helpers/gedeeld.ts';

const EDITION = join(PROJECT_ROOT, 'editions', '6e-meting', 'editie.json');
const werk = mkdtempSync(join(tmpdir(), 'monitor-cli-'));
const cache = join(werk, 'cache');

function stil(): Effects & { regels: string[] } {
  const regels: string[] = [];
  return { regels, log: (r) => regels.push(r), now: () => 0 };
}


const dataA = join(werk, 'data-a');
const dataB = join(werk, 'data-b');
await generateExtracts({ scale: 0.05, seed: 4, out: dataA, peildatum: '2019-06-30', format: 'csv.gz' });
await generateExtracts({ scale: 0.05, seed: 5, out: dataB, peildatum: '2019-06-30', format: 'csv.gz' });

// --out on the command line is the output root; each edition goes into <root>/<slug>.
const rootA = join(werk, 'root-a');
const outA = join(rootA, '6e-meting');
const eerste = stil();
await buildReport({ data: dataA, edition: EDITION, out: outA, pdf: false, cache }, eerste);

test('a second build takes steps 1–4 and the figures from the cache and writes the same bytes', async () => {
  assert.ok(eerste.regels.some((r) => r.startsWith('1. Extracten laden')), 'the first build computes');
  const tweede = stil();
  const outA2 = join(werk, 'out-a2');
  await buildReport({ data: dataA, edition: EDITION, out: outA2, pdf: false, cache }, tweede);
  assert.ok(tweede.regels.some((r) => r.startsWith('1–4. Resultaten uit de cache')), tweede.regels.join('\n'));
  assert.ok(!tweede.regels.some((r) => r.startsWith('1. ')), 'nothing is loaded again');
  // Every figure from the cache: none rendered, so the chart worker was never started.
  assert.match(eerste.regels.find((r) => r.includes('Figuren renderen'))!, /: (\d+) figuren, 0 uit de cache$/);
  assert.match(tweede.regels.find((r) => r.includes('Figuren renderen'))!, /: (\d+) figuren, \1 uit de cache$/);
  assert.deepEqual(snapshot(outA2), snapshot(outA));
});

test('the cache key changes with the extracts, the computational edition fields and the code of the steps, not with presentation fields', async () => {
  const e = await leesEditie(EDITION);
  const invoer = (data: string) => hashInputs({ data, edition: EDITION, templates: join(PROJECT_ROOT, 'templates'), projectRoot: PROJECT_ROOT });
  const basis = { dir: cache, invoer: await invoer(dataA), editie: e, projectRoot: PROJECT_ROOT };
  const k = await cacheKey(basis);
  assert.equal(await cacheKey({ ...basis, editie: { ...e, titel: 'Andere titel', brief: { ...e.brief, nr: 1 } } }), k);
  assert.notEqual(await cacheKey({ ...basis, editie: { ...e, drempel: e.drempel + 1 } }), k);
  assert.notEqual(await cacheKey({ ...basis, invoer: await invoer(dataB) }), k);
  // The code: a copy of src/ gives the same key; a change to the module that runs the steps, another.
  const kopie = join(werk, 'code-kopie');
  cpSync(join(PROJECT_ROOT, 'src'), join(kopie, 'src'), { recursive: true });
  assert.equal(await cacheKey({ ...basis, projectRoot: kopie }), k);
  appendFileSync(join(kopie, 'src', 'pipeline', 'compute.ts'), '\n// changed\n');
  assert.notEqual(await cacheKey({ ...basis, projectRoot: kopie }), k);
});

test('manifest.json holds the hash of every extract, the edition, templates and code, and of every output except itself and the build products (PDFs, web edition)', () => {
  const tekst = readFileSync(join(outA, 'manifest.json'), 'utf8');
  const m = JSON.parse(tekst) as Manifest;
  const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
  for (const f of readdirSync(dataA)) assert.equal(m.invoer.extracten[f], sha(join(dataA, f)), f);
  assert.equal(m.invoer.editie.sha256, sha(EDITION));
  assert.equal(m.invoer.editie.bestand, 'editie.json');
  assert.match(m.invoer.code.bron, /^[0-9a-f]{64}$/);
  assert.ok(Object.keys(m.invoer.sjablonen).some((k) => k.startsWith('monitor/')));
  const bestanden = Object.keys(snapshot(outA)).filter((f) => f !== 'manifest.json' && !inBouwproduct(f)).sort();
  assert.ok(Object.keys(snapshot(outA)).some((f) => f.startsWith('web/')), 'the web edition was built');
  assert.deepEqual(Object.keys(m.uitvoer), bestanden);
  for (const f of bestanden) assert.equal(m.uitvoer[f], sha(join(outA, f)), f);
  assert.ok(!tekst.includes(werk) && !tekst.includes(PROJECT_ROOT), 'no machine-specific paths');
  assert.equal(m.overgenomen, undefined);
});

test('--products data replaces only data/ and takes the other folders over unchanged; the manifest says so', async () => {
  const uit = join(werk, 'out-products');
  cpSync(outA, uit, { recursive: true });
  writeFileSync(join(uit, 'figuren', 'eigen.txt'), 'blijft');
  writeFileSync(join(uit, 'data', 'oud.csv'), 'verdwijnt');
  const fx = stil();
  const r = await buildReport({ data: dataA, edition: EDITION, out: uit, producten: ['data'], cache }, fx);
  assert.equal(readFileSync(join(uit, 'figuren', 'eigen.txt'), 'utf8'), 'blijft');
  assert.ok(!existsSync(join(uit, 'data', 'oud.csv')));
  assert.ok(!existsSync(join(uit, 'pdf')), 'no PDF printed');
  const m = JSON.parse(readFileSync(join(uit, 'manifest.json'), 'utf8')) as Manifest;
  assert.ok(m.overgenomen?.includes('figuren') && m.overgenomen.includes('monitor'));
  assert.ok(r.bestanden.includes('figuren/eigen.txt'));
  assert.ok(fx.regels.some((l) => l.includes('ongewijzigd overgenomen: figuren')), fx.regels.join('\n'));
});


test('--check passes on an output folder the pipeline made, and fails on a tampered one, naming the file and line', async () => {
  const goed = io();
  assert.equal(await main(['--check', '--edition', '6e-meting', '--data', dataA, '--out', rootA], goed), 0, goed.err);
  assert.match(goed.err, /Controle geslaagd/);
  assert.match(goed.err, /^\d+\. /m, 'the stages are shown');

  const kapotRoot = join(werk, 'root-kapot');
  const kapot = join(kapotRoot, '6e-meting');
  cpSync(outA, kapot, { recursive: true });
  const csv = join(kapot, 'data', 'indicatoren.csv');
  const regels = readFileSync(csv, 'utf8').split('\n');
  regels[3] = regels[3]!.replace(/,(\d+)\.(\d),0$/, (_m, a: string, b: string) => `,${Number(a) + 1}.${b},0`);
  writeFileSync(csv, regels.join('\n'));
  appendFileSync(join(kapot, 'monitor', 'extra.md'), 'niet gemaakt');
  const fout = io();
  assert.equal(await main(['--check', '--quiet', '--edition', '6e-meting', '--data', dataA, '--out', kapotRoot], fout), 1);
  assert.match(fout.err, /Controle mislukt: 2 bestanden/);
  assert.match(fout.err, /gewijzigd {2}6e-meting\/data\/indicatoren\.csv\n +regel 4: /);
  assert.match(fout.err, /overbodig {2}6e-meting\/monitor\/extra\.md/);
  assert.doesNotMatch(fout.err, /^\d+\. /m, '--quiet leaves out the stages');
});

test('--compare between builds from different data lists exactly the indicators whose published numbers changed', async () => {
  const outB = join(werk, 'out-b');
  // Not a test of the cache: the second data set's results come from the CLI's cache when an
  // earlier run built it with the same code (this file's own cache starts empty every run).
  await buildReport({ data: dataB, edition: EDITION, out: outB, pdf: false, cache: GEDEELDE_CACHE }, stil());
  const md = await compareOutputs(outA, outB, werk);

  // The expectation, computed independently from the two CSVs.
  const lees = (d: string) => new Map(leesCsv(readFileSync(join(d, 'data', 'indicatoren.csv'), 'utf8')).map((r) => [`${r.indicator}|${r.cohort}|${r.groep}|${r.moment}`, r]));
  const a = lees(outA);
  const b = lees(outB);
  const veranderd = new Set<string>();
  for (const [k, r] of b) {
    const o = a.get(k);
    if (o && o.onderdrukt === '0' && r.onderdrukt === '0' && (o.percentage !== r.percentage || o.teller !== r.teller || o.noemer !== r.noemer)) veranderd.add(r.indicator!);
  }
  assert.ok(veranderd.size > 0, 'the two data sets differ');
  const tabel = md.split('## Indicatoren')[1]!.split('\n###')[0]!;
  const gemeld = new Set(
    tabel
      .split('\n')
      .map((l) => /^\| (\S+) \| (\d+) \|/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null && Number(m[2]) > 0)
      .map((m) => m[1]!),
  );
  assert.deepEqual([...gemeld].sort(), [...veranderd].sort());
  assert.match(md, /Invoer gewijzigd \(volgens manifest\.json\): extracten\./);
  assert.match(md, /## Cijfers en zinnen in de tekst/);
});

test('--watch builds, rebuilds after a template edit (from the cache) and stops on its signal', async () => {
  const sjablonen = join(werk, 'sjablonen');
  cpSync(join(PROJECT_ROOT, 'templates'), sjablonen, { recursive: true });
  const uit = join(werk, 'out-watch');
  const ac = new AbortController();
  const r = io();
  r.signal = ac.signal;
  const klaar = main(['--watch', '--no-pdf', '--edition', '6e-meting', '--data', dataA, '--out', uit, '--templates', sjablonen], r);
  const wachtOp = async (re: RegExp, n = 1) => {
    const tot = performance.now() + GEDULD; // a safety net, not a measure of speed
    while (performance.now() < tot && (r.err.match(new RegExp(re, 'g'))?.length ?? 0) < n) await new Promise((z) => setTimeout(z, 100));
  };
  try {
    await wachtOp(/Ik kijk naar/);
    assert.match(r.err, /Klaar in/);
    appendFileSync(join(sjablonen, 'monitor', '30-inleiding.md.hbs'), '\nEen zin die er net bij kwam.\n');
    await wachtOp(/Klaar in/, 2);
  } finally {
    ac.abort(); // whatever failed, the watcher stops and the test file ends
  }
  assert.equal(await klaar, 0);
  assert.match(r.err, /Gewijzigd: .*30-inleiding\.md\.hbs/);
  assert.match(r.err.split('Gewijzigd:')[1]!, /1–4\. Resultaten uit de cache/);
  assert.match(r.err, /Gestopt\.\n$/);
  assert.match(readFileSync(join(uit, '6e-meting', 'monitor', '05-inleiding.md'), 'utf8'), /Een zin die er net bij kwam\./);
});
