/**
 * The whole pipeline on the committed data: extracts -> indicators -> chart -> chapter -> HTML
 * -> PDF, and what a failed run leaves behind (nothing changed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { buildReport } from '../../src/pipeline/build.ts';
import { PROJECT_ROOT } from '../../src/util/paths.ts';
import { InputError } from '../../src/util/errors.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { gedeeldeBouw } from '../helpers/gedeeld.ts';
import { kleineSet } from '../helpers/processen.ts';

const DATA = join(PROJECT_ROOT, 'data', '6e-meting');
const EDITION = join(PROJECT_ROOT, 'editions', '6e-meting', 'editie.json');
const stil = { log: () => {}, now: () => 0 };


const werk = mkdtempSync(join(tmpdir(), 'monitor-build-'));
// The build of the committed data that other test files read too (tests/helpers/gedeeld.ts),
// copied: the test of bad input below runs a build into this folder.
const gebouwd = await gedeeldeBouw('6e-meting');
const out = join(werk, 'out');
cpSync(gebouwd.out, out, { recursive: true });

test('a build on the committed data writes the CSV, the chart, the chapter and the PDF', () => {
  for (const f of ['data/indicatoren.csv', 'data/onderdrukking.csv', 'figuren/geen-inkomen-per-meetmoment.svg', 'figuren/geen-inkomen-per-meetmoment.vl.json', 'monitor/07-basisvoorwaarden.md', 'pdf/monitor-nazorg-6e-meting.pdf'])
    assert.ok(existsSync(join(out, f)), `${f} exists`);
  assert.ok(gebouwd.bestanden.includes('pdf/monitor-nazorg-6e-meting.pdf'));
  const csv = readFileSync(join(out, 'data/indicatoren.csv'), 'utf8');
  assert.match(csv, /^indicator,cohort,groep,moment,teller,noemer,percentage,onderdrukt\ngeen_inkomen|^indicator,cohort,groep,moment,teller,noemer,percentage,onderdrukt\n/);
  assert.match(csv, /\ngeen_inkomen,2013,rik,6m_voor,\d+,\d+,\d+\.\d,0\n/);
  const svg = readFileSync(join(out, 'figuren/geen-inkomen-per-meetmoment.svg'), 'utf8');
  assert.match(svg, /^<svg/);
  assert.match(svg, /1 mnd na/);
});

test('the chapter text and its numbers reach the PDF', () => {
  const md = readFileSync(join(out, 'monitor/07-basisvoorwaarden.md'), 'utf8');
  const zin = /Een maand na detentie had (\d+)% van de re-integratiekandidaten geen geregistreerd inkomen/.exec(md);
  assert.ok(zin, 'the sentence with the figure is in the Markdown');
  const tekst = execFileSync('pdftotext', ['-layout', join(out, 'pdf/monitor-nazorg-6e-meting.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  assert.match(tekst, /De basisvoorwaarden voor en na detentie/);
  assert.ok(tekst.includes(`${zin[1]}% van de re-integratiekandidaten`), 'the same number is printed');
});

test('the published figure agrees with indicatoren.csv', () => {
  const csv = readFileSync(join(out, 'data/indicatoren.csv'), 'utf8');
  const rij = csv.split('\n').find((l) => l.startsWith('geen_inkomen,totaal,rik,1m_na,'))!.split(',');
  const md = readFileSync(join(out, 'monitor/07-basisvoorwaarden.md'), 'utf8');
  const pct = Math.floor((200 * Number(rij[4]) + Number(rij[5])) / (2 * Number(rij[5])));
  assert.match(md, new RegExp(`had ${pct}% van de re-integratiekandidaten`));
});

/** A copy of the committed data with one bad date in personen at a known line. */
function kapotteData(): { dir: string; regel: number } {
  const dir = join(werk, `kapot-${Math.random().toString(36).slice(2)}`);
  cpSync(DATA, dir, { recursive: true });
  const pad = join(dir, 'personen.csv.gz');
  const regels = gunzipSync(readFileSync(pad)).toString('utf8').split('\n');
  const kop = regels[0]!.split(',');
  const kolom = kop.indexOf('geboortedatum');
  const velden = regels[5]!.split(',');
  velden[kolom] = '1980-02-30';
  regels[5] = velden.join(',');
  writeFileSync(pad, gzipSync(regels.join('\n')));
  return { dir, regel: 6 };
}

test('--model-frames writes the frames for verification, and the published data are those of a build without them', async () => {
  // The build keeps every table for the frames (it drops what the counts do not read, and
  // closes DuckDB after the indicators, only without them): the small shared set's results were
  // built without frames.
  const { data, resultaten } = await kleineSet();
  const uit = join(werk, 'met-frames', '6e-meting');
  const frames = join(werk, 'frames');
  await buildReport({ data, edition: EDITION, out: uit, stage: 'resultaten', modelFrames: frames }, stil);
  assert.deepEqual(readdirSync(frames).sort(), ['cox_basis.csv', 'cox_interactie.csv', 'cox_landmark_6m.csv', 'logit_werk_6m.csv', 'modelframes.json']);
  for (const f of readdirSync(frames).filter((f) => f.endsWith('.csv'))) assert.ok(readFileSync(join(frames, f), 'utf8').split('\n').length > 10, `${f} has its records`);
  const zonder = join(resultaten, '6e-meting', 'data');
  assert.deepEqual(readdirSync(join(uit, 'data')).sort(), readdirSync(zonder).sort());
  for (const f of readdirSync(zonder)) assert.equal(readFileSync(join(uit, 'data', f), 'utf8'), readFileSync(join(zonder, f), 'utf8'), f);
});

test('bad input stops the build with file, line and column, and the output folder is left exactly as it was', async () => {
  const voor = snapshot(out);
  const { dir, regel } = kapotteData();
  await assert.rejects(
    buildReport({ data: dir, out, edition: EDITION }, stil),
    (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.ok(e.messages.some((m) => m.includes(`personen.csv.gz:${regel}:`) && m.includes("'geboortedatum'")), e.messages.join('\n'));
      return true;
    },
  );
  assert.deepEqual(snapshot(out), voor);
  assert.deepEqual(readdirSync(werk).filter((n) => n.includes('.tmp-') || n.includes('.old-')), [], 'no temporary folders left');
});

test('the command line exits non-zero on bad input and says where', () => {
  const { dir, regel } = kapotteData();
  // --out is the output root: the edition would go to <root>/6e-meting, which must not appear.
  const wortel = join(werk, 'cli-uitvoer');
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/report.mjs'), '--edition', '6e-meting', '--data', dir, '--out', wortel, '--no-pdf'], { encoding: 'utf8', cwd: PROJECT_ROOT });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`personen\\.csv\\.gz:${regel}: kolom 'geboortedatum'`));
  assert.match(r.stderr, /uitvoermap is ongewijzigd/);
  assert.equal(existsSync(join(wortel, '6e-meting')), false);
});

test('--help explains the options in Dutch', () => {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/report.mjs'), '--help'], { encoding: 'utf8', cwd: PROJECT_ROOT });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /--data <map>/);
  assert.match(r.stdout, /--out <map>/);
});
