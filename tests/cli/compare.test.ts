/** The comparison of two builds, on hand-made outputs: indicators, suppressions, models, text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { compareOutputs } from '../../src/pipeline/compare.ts';
import { markeerGetallen, vergelijkIndicatoren, vergelijkTekst, zinnen } from '../../src/pipeline/compare-diff.ts';
import { leesCsv } from '../../src/util/csv.ts';
import { InputError } from '../../src/util/errors.ts';

const KOP = 'indicator,cohort,groep,moment,teller,noemer,percentage,onderdrukt';
const csv = (...r: string[]) => leesCsv(`${KOP}\n${r.join('\n')}\n`);

test('CSV with quoted fields is read into records', () => {
  assert.deepEqual(leesCsv('a,b\n1,"x, ""y"""\n'), [{ a: '1', b: 'x, "y"' }]);
});

test('a changed percentage is a change with its difference in percentage points; equal rows are not listed', () => {
  const v = vergelijkIndicatoren(
    csv('werk,2013,rik,1m_na,30,100,30.0,0', 'werk,2014,rik,1m_na,5,50,10.0,0'),
    csv('werk,2013,rik,1m_na,33,100,33.0,0', 'werk,2014,rik,1m_na,5,50,10.0,0'),
  );
  assert.equal(v.length, 1);
  assert.equal(v[0]!.soort, 'gewijzigd');
  assert.equal(v[0]!.cohort, '2013');
  assert.ok(Math.abs(v[0]!.verschil! - 3) < 1e-9);
});

test('suppressions that appear or disappear, and cells that appear or disappear, are told apart', () => {
  const v = vergelijkIndicatoren(
    csv('a,2013,rik,1m_na,30,100,30.0,0', 'b,2013,rik,1m_na,,,,1', 'c,2013,rik,1m_na,30,100,30.0,0'),
    csv('a,2013,rik,1m_na,,,,1', 'b,2013,rik,1m_na,40,100,40.0,0', 'd,2013,rik,1m_na,30,100,30.0,0'),
  );
  const soort = Object.fromEntries(v.map((c) => [c.indicator, c.soort]));
  assert.deepEqual(soort, { a: 'onderdrukt_erbij', b: 'onderdrukking_vervallen', c: 'vervallen', d: 'nieuw' });
});

test('text is cut into sentences and table rows', () => {
  assert.deepEqual(zinnen('# Kop\n\nEen zin. Nog een zin met 3%.\n| a | 1 |\n'), ['# Kop', 'Een zin.', 'Nog een zin met 3%.', '| a | 1 |']);
});

test('a sentence whose words stay and whose numbers change is a number change; a reworded one is shown as was/nu', () => {
  const oud = 'Intro blijft. Een maand na detentie had 37% geen inkomen. Dat steeg van 30% naar 37%.';
  const nieuw = 'Intro blijft. Een maand na detentie had 36% geen inkomen. Dat daalde van 38% naar 36%.';
  const v = vergelijkTekst(oud, nieuw);
  assert.equal(v.length, 2);
  assert.equal(v[0]!.soort, 'getallen');
  assert.equal(markeerGetallen(v[0]!.oud!, v[0]!.nieuw!), 'Een maand na detentie had **36%** (was 37%) geen inkomen.');
  assert.equal(v[1]!.soort, 'anders');
});

test('sentences added or removed are listed as such and do not disturb the pairing of the others', () => {
  const v = vergelijkTekst('A 1. B 2. C 3.', 'A 1. Nieuw 9. B 2. C 4.');
  assert.deepEqual(
    v.map((z) => z.soort),
    ['nieuw', 'getallen'],
  );
});

function schrijf(dir: string, bestanden: Record<string, string>): void {
  for (const [rel, tekst] of Object.entries(bestanden)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), tekst);
  }
}

const OUD = {
  'data/indicatoren.csv': `${KOP}\nwerk,2013,rik,1m_na,30,100,30.0,0\nid,2013,kv,1m_na,20,100,20.0,0\n`,
  'monitor/04-x.md': 'Een maand na detentie had 30% werk.\n',
  'figuren/f.svg': '<svg>1</svg>',
};
const NIEUW = {
  'data/indicatoren.csv': `${KOP}\nwerk,2013,rik,1m_na,35,100,35.0,0\nid,2013,kv,1m_na,,,,1\n`,
  'monitor/04-x.md': 'Een maand na detentie had 35% werk.\n',
  'figuren/f.svg': '<svg>2</svg>',
};

test('compareOutputs against a folder writes a Markdown summary with indicators, suppressions, text and files', async () => {
  const w = mkdtempSync(join(tmpdir(), 'cmp-'));
  schrijf(join(w, 'oud'), OUD);
  schrijf(join(w, 'nieuw'), NIEUW);
  const md = await compareOutputs(join(w, 'oud'), join(w, 'nieuw'), w);
  assert.match(md, /^# Vergelijking van twee bouwsels/);
  assert.match(md, /1 indicatorcellen gewijzigd in 1 indicatoren; grootste verschil 5,0 procentpunt/);
  assert.match(md, /Onderdrukkingen: 1 erbij, 0 vervallen/);
  assert.match(md, /\| werk \| 2013 \| rik \| 1m_na \| 30,0% \(30\/100\) \| 35,0% \(35\/100\) \| \+5,0 \|/);
  assert.match(md, /### Onderdrukkingen erbij[\s\S]*\| id \| 2013 \| kv \| 1m_na \| 20,0% \(20\/100\) \| onderdrukt \|/);
  assert.match(md, /- Een maand na detentie had \*\*35%\*\* \(was 30%\) werk\./);
  assert.match(md, /gewijzigd: .*figuren\/f\.svg/);
});

test('compareOutputs against a git revision reads that revision\'s committed out/', async () => {
  const repo = mkdtempSync(join(tmpdir(), 'cmp-git-'));
  const git = (...a: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: repo });
  git('init', '-q');
  schrijf(join(repo, 'out'), OUD);
  git('add', 'out');
  git('commit', '-q', '-m', 'oud');
  schrijf(join(repo, 'out'), NIEUW);
  const md = await compareOutputs('HEAD', join(repo, 'out'), repo);
  assert.match(md, /- oud: HEAD \([0-9a-f]{10}, out\/\)/);
  assert.match(md, /grootste verschil 5,0 procentpunt/);
  const zelfde = await compareOutputs(join(repo, 'out'), join(repo, 'out'), repo);
  assert.match(zelfde, /Geen verschillen/);
});

test('an unknown reference is an InputError that says what is expected', async () => {
  const w = mkdtempSync(join(tmpdir(), 'cmp-'));
  schrijf(join(w, 'out'), OUD);
  execFileSync('git', ['init', '-q'], { cwd: w });
  await assert.rejects(compareOutputs('bestaat-niet', join(w, 'out'), w), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.match(e.messages[0]!, /--compare bestaat-niet: geen map en geen git-revisie/);
    return true;
  });
});

test('the command line prints the comparison on stdout and, with --compare-out, writes the same Markdown to a file', async () => {
  const { main } = await import('../../src/cli/report.ts');
  const w = mkdtempSync(join(tmpdir(), 'cmp-cli-'));
  // Output roots, each with the edition's folder.
  schrijf(join(w, 'oud', '6e-meting'), OUD);
  schrijf(join(w, 'nieuw', '6e-meting'), NIEUW);
  const r = { out: '', err: '', env: { CI: 'true' }, stdout: { write: (s: string) => (r.out += s) }, stderr: { write: (s: string) => (r.err += s) } };
  const bestand = join(w, 'vergelijking.md');
  assert.equal(await main(['--compare', join(w, 'oud'), '--edition', '6e-meting', '--out', join(w, 'nieuw'), '--compare-out', bestand], r), 0, r.err);
  assert.match(r.out, /grootste verschil 5,0 procentpunt/);
  assert.equal(readFileSync(bestand, 'utf8'), r.out);
  assert.match(r.err, /Vergelijking geschreven naar/);
});
