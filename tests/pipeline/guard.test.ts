/**
 * The tool only ever deletes or overwrites what it wrote (src/pipeline/guard.ts): every path it
 * would write to that is not its own is refused with exit status 2, a Dutch message naming the
 * path, and the target left byte for byte as it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/report.ts';
import { removeLeftovers } from '../../src/pipeline/guard.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { io } from '../helpers/io.ts';

const ROOT = resolve(new URL('../../', import.meta.url).pathname);


/** A fingerprint of a path: a file's bytes, a folder's snapshot, or absence. */
function staat(pad: string): string {
  if (!existsSync(pad)) return 'afwezig';
  try {
    return JSON.stringify(snapshot(pad));
  } catch {
    return readFileSync(pad).toString('base64');
  }
}

const werk = mkdtempSync(join(tmpdir(), 'guard-'));
const bestand = join(werk, 'bestand.txt');
writeFileSync(bestand, 'iemands werk\n');
const vreemdeMap = join(werk, 'verslagen');
mkdirSync(vreemdeMap);
writeFileSync(join(vreemdeMap, 'verslag.docx'), 'belangrijk');
// A copy of an extract set, so that --data X --out X can be tried without risk to the committed one.
const extracten = join(werk, 'extracten');
cpSync(join(ROOT, 'data', '6e-meting'), extracten, { recursive: true });
const link = join(werk, 'link-naar-extracten');
symlinkSync(extracten, link);

const gevallen: { naam: string; argv: string[]; doel: string; melding: RegExp }[] = [
  { naam: '--out is a file', argv: ['--out', bestand], doel: bestand, melding: /--out .*bestand\.txt: dit is een bestand, geen map/ },
  { naam: '--out holds files the tool did not make', argv: ['--out', vreemdeMap], doel: vreemdeMap, melding: /verslagen: deze map bevat iets dat deze tool niet heeft gemaakt \(verslag\.docx\)/ },
  { naam: '--out is --data', argv: ['--edition', '6e-meting', '--data', extracten, '--out', extracten], doel: extracten, melding: /extracten: dit is de extractmap van de 6e-meting/ },
  { naam: '--out lies inside --data', argv: ['--edition', '6e-meting', '--data', extracten, '--out', join(extracten, 'uit')], doel: extracten, melding: /deze map ligt binnen de extractmap/ },
  { naam: '--out contains --data', argv: ['--edition', '6e-meting', '--data', extracten, '--out', werk], doel: werk, melding: /deze map bevat de extractmap/ },
  { naam: '--out is --data through a symbolic link', argv: ['--edition', '6e-meting', '--data', extracten, '--out', link], doel: extracten, melding: /dit is de extractmap/ },
  { naam: '--out lies inside the templates', argv: ['--out', join(ROOT, 'templates', 'uit')], doel: join(ROOT, 'templates'), melding: /ligt binnen de sjablonen/ },
  { naam: '--out lies inside an edition folder', argv: ['--out', join(ROOT, 'editions', '6e-meting', 'uit')], doel: join(ROOT, 'editions'), melding: /ligt binnen de editie 6e-meting/ },
  { naam: '--out is a source folder of the repository', argv: ['--out', join(ROOT, 'src')], doel: join(ROOT, 'src'), melding: /dit is de projectmap src\// },
  { naam: '--out is the repository root', argv: ['--out', ROOT], doel: join(ROOT, 'README.md'), melding: /dit is of bevat de hoofdmap van het project/ },
  { naam: '--out is the home folder', argv: ['--out', homedir()], doel: join(ROOT, 'package.json'), melding: /dit is of bevat je thuismap|hoofdmap van het project/ },
  { naam: '--out is /', argv: ['--out', '/'], doel: join(ROOT, 'package.json'), melding: /dit is of bevat de hoofdmap/ },
  { naam: '--model-frames inside the published output', argv: ['--edition', '6e-meting', '--out', join(werk, 'nieuw'), '--model-frames', join(werk, 'nieuw', '6e-meting', 'frames')], doel: join(werk, 'nieuw'), melding: /--model-frames .*: deze map ligt binnen de gepubliceerde uitvoermap/ },
  { naam: '--model-frames is a folder of someone else', argv: ['--edition', '6e-meting', '--out', join(werk, 'nieuw'), '--model-frames', vreemdeMap], doel: vreemdeMap, melding: /--model-frames .*verslagen: deze map is niet leeg en bevat geen modelframes/ },
  { naam: '--model-frames is a file', argv: ['--edition', '6e-meting', '--out', join(werk, 'nieuw'), '--model-frames', bestand], doel: bestand, melding: /--model-frames .*: dit is een bestand, geen map/ },
  { naam: '--model-frames is --data', argv: ['--edition', '6e-meting', '--data', extracten, '--out', join(werk, 'nieuw'), '--model-frames', extracten], doel: extracten, melding: /--model-frames .*: dit is de extractmap/ },
  { naam: '--compare-out is a file the tool did not write', argv: ['--compare', join(ROOT, 'out'), '--compare-out', bestand], doel: bestand, melding: /--compare-out .*bestand\.txt: dit bestand bestaat al en is niet door deze tool geschreven/ },
  { naam: '--compare-out is a folder', argv: ['--compare', join(ROOT, 'out'), '--compare-out', vreemdeMap], doel: vreemdeMap, melding: /--compare-out .*: dit is geen gewoon bestand/ },
  { naam: '--compare-out inside the output', argv: ['--compare', join(ROOT, 'out'), '--compare-out', join(ROOT, 'out', '6e-meting', 'verschil.md')], doel: join(ROOT, 'out'), melding: /--compare-out .*: dit bestand ligt binnen de uitvoermap/ },
  { naam: '--compare-out inside the extracts', argv: ['--compare', join(ROOT, 'out'), '--compare-out', join(ROOT, 'data', '6e-meting', 'verschil.md')], doel: join(ROOT, 'data'), melding: /--compare-out .*: deze map ligt binnen de extractmap/ },
];

for (const g of gevallen) {
  test(`refused, exit 2, nothing touched: ${g.naam}`, async () => {
    const voor = staat(g.doel);
    const r = io();
    assert.equal(await main([...g.argv, '--no-cache', ...(g.argv.includes('--compare') ? [] : ['--no-pdf'])], r), 2, r.err);
    assert.match(r.err, /^Geweigerd:/);
    assert.match(r.err, g.melding);
    assert.match(r.err, /Er is niets gewijzigd\./);
    assert.match(r.err, /Tip: /);
    assert.equal(staat(g.doel), voor, `${g.doel} unchanged`);
  });
}

test('an output root that holds only the tool\'s own edition folders is accepted, and the tool\'s own comparison file may be overwritten', async () => {
  const uit = join(werk, 'eigen');
  mkdirSync(join(uit, '6e-meting'), { recursive: true });
  cpSync(join(ROOT, 'out', '6e-meting', 'manifest.json'), join(uit, '6e-meting', 'manifest.json'));
  mkdirSync(join(uit, '7e-meting')); // empty: fine
  const { createCheckedPlan } = await import('../../src/pipeline/plan.ts');
  const plan = await createCheckedPlan({ edition: '6e-meting', data: undefined, out: uit, templates: join(ROOT, 'templates') }, ROOT);
  assert.equal(plan[0]!.out, join(uit, '6e-meting'));

  const verschil = join(werk, 'verschil.md');
  const r = io();
  assert.equal(await main(['--compare', join(ROOT, 'out'), '--compare-out', verschil], r), 0, r.err);
  const r2 = io();
  assert.equal(await main(['--compare', join(ROOT, 'out'), '--compare-out', verschil], r2), 0, r2.err);
  assert.match(readFileSync(verschil, 'utf8'), /^# Vergelijking/);
});

test('leftovers of a crashed build are cleaned up, and only those: a dead build\'s temporary folder goes, a backup whose swap never finished comes back', async () => {
  const wortel = join(werk, 'resten');
  const out = join(wortel, '6e-meting');
  mkdirSync(wortel);
  const dood = 2 ** 22 + 12345; // above the kernel's pid_max default: no such process
  mkdirSync(join(wortel, `6e-meting.tmp-${dood}`));
  writeFileSync(join(wortel, `6e-meting.tmp-${dood}`, 'halfaf.md'), 'x');
  mkdirSync(join(wortel, `6e-meting.old-${dood}`));
  cpSync(join(ROOT, 'out', '6e-meting', 'manifest.json'), join(wortel, `6e-meting.old-${dood}`, 'manifest.json'));
  mkdirSync(join(wortel, `6e-meting.tmp-${process.pid}`)); // a live build's: kept
  mkdirSync(join(wortel, `7e-meting.tmp-${dood}`)); // another edition's: not this build's business
  const gedaan = await removeLeftovers(out);
  assert.equal(gedaan.length, 2, gedaan.join('\n'));
  assert.ok(existsSync(join(out, 'manifest.json')), 'the backup is back in place');
  assert.ok(!existsSync(join(wortel, `6e-meting.tmp-${dood}`)));
  assert.ok(existsSync(join(wortel, `6e-meting.tmp-${process.pid}`)));
  assert.ok(existsSync(join(wortel, `7e-meting.tmp-${dood}`)));
});
