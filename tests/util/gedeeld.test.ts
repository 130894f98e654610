/**
 * The shared fixtures of the tests (tests/helpers/gedeeld.ts): two test processes that need the
 * same one at the same time make it once and both read it; a lock left by a process that no
 * longer runs is taken over; a fixture of other inputs gets another folder and the old one goes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eenmaal, invoerSleutel } from '../helpers/gedeeld.ts';
import { GEDULD } from '../helpers/geduld.ts';

const werk = mkdtempSync(join(tmpdir(), 'gedeeld-test-'));
test.after(() => rmSync(werk, { recursive: true, force: true }));

const HELPER = new URL('../helpers/gedeeld.ts', import.meta.url).pathname;

test('two processes that need the same fixture at once make it once and both get it', { timeout: GEDULD }, async () => {
  const basis = join(werk, 'a');
  const log = join(werk, 'a-gemaakt.txt');
  const start = join(werk, 'a-start');
  // Each process says it is about to ask, then asks; whoever makes the fixture waits for the
  // start sign, which comes once both have said so: the other one asks while it is being made.
  const script = `
    import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
    import { join } from 'node:path';
    import { setTimeout as wacht } from 'node:timers/promises';
    import { eenmaal } from ${JSON.stringify(HELPER)};
    process.stdout.write('vraag\\n');
    const dir = await eenmaal('proef-0123456789abcdef', async (tmp) => {
      appendFileSync(${JSON.stringify(log)}, process.pid + '\\n');
      while (!existsSync(${JSON.stringify(start)})) await wacht(20);
      writeFileSync(join(tmp, 'inhoud.txt'), 'gemaakt door ' + process.pid);
    }, ${JSON.stringify(basis)});
    process.stdout.write('klaar ' + dir + '\\n');
  `;
  const run = () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const gevraagd = new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => ((out += d.toString()), out.includes('vraag\n') && resolve())));
    const einde = new Promise<{ code: number | null; out: () => string }>((resolve) => child.on('close', (code) => resolve({ code, out: () => out })));
    return { gevraagd, einde };
  };
  const a = run();
  const b = run();
  await Promise.all([a.gevraagd, b.gevraagd]);
  writeFileSync(start, '');
  const [ea, eb] = await Promise.all([a.einde, b.einde]);
  assert.equal(ea.code, 0, ea.out());
  assert.equal(eb.code, 0, eb.out());
  const dir = join(basis, 'proef-0123456789abcdef');
  assert.match(ea.out(), new RegExp(`klaar ${dir}\\n`));
  assert.match(eb.out(), new RegExp(`klaar ${dir}\\n`));
  assert.equal(readFileSync(log, 'utf8').trim().split('\n').length, 1, 'made once');
  assert.match(readFileSync(join(dir, 'inhoud.txt'), 'utf8'), /^gemaakt door \d+$/);
  assert.deepEqual(readdirSync(basis), ['proef-0123456789abcdef'], 'no lock or temporary folder left');
});

test('a lock left by a process that no longer runs is taken over', { timeout: GEDULD }, async () => {
  const basis = join(werk, 'b');
  const dood = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
  mkdirSync(basis, { recursive: true });
  writeFileSync(join(basis, 'proef-0123456789abcdef.lock'), `${dood}\n`);
  let gemaakt = 0;
  const dir = await eenmaal('proef-0123456789abcdef', async () => void gemaakt++, basis);
  assert.equal(gemaakt, 1);
  assert.ok(existsSync(dir));
  assert.deepEqual(readdirSync(basis), ['proef-0123456789abcdef']);
  // Once made, it is read, not made again.
  await eenmaal('proef-0123456789abcdef', async () => void gemaakt++, basis);
  assert.equal(gemaakt, 1);
});

test('a fixture of other inputs is another folder, and the earlier version is removed', async () => {
  const basis = join(werk, 'c');
  await eenmaal('bouw-x-0000000000000001', async () => {}, basis);
  await eenmaal('ander-0000000000000001', async () => {}, basis);
  await eenmaal('bouw-x-0000000000000002', async () => {}, basis);
  assert.deepEqual(readdirSync(basis).sort(), ['ander-0000000000000001', 'bouw-x-0000000000000002']);
});

test('the key of a build of the committed data follows how it is made and its inputs', () => {
  const k = invoerSleutel('6e-meting', { pdf: true });
  assert.match(k, /^[0-9a-f]{16}$/);
  assert.equal(invoerSleutel('6e-meting', { pdf: true }), k);
  assert.notEqual(invoerSleutel('6e-meting', { pdf: false }), k);
  assert.notEqual(invoerSleutel('7e-meting', { pdf: true }), k);
});
