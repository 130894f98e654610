/**
 * The environment reported as such (issue 18): an output folder the system does not let the
 * build write to is named with the cause at once, before any work, and not as "Interne fout"
 * with a stack trace; a full disk, a read-only file system and missing rights likewise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { gunzipTo, GzipError } from '../../src/extracts/source.ts';
import { omgevingsfout } from '../../src/cli/report.ts';
import { cli, GEDULD } from '../helpers/processen.ts';
import { PROJECT_ROOT as PROJECT_ROOT_TEST } from '../helpers/root.ts';

test('an output folder the system refuses (/sys): one line with the path and the cause, exit 1, before the extracts are read', { timeout: GEDULD }, async () => {
  const out = `/sys/monitor-test-${process.pid}`;
  // Extracts that do not exist: had the build got as far as reading them, it would say so instead.
  const run = cli(['--edition', '6e-meting', '--data', '/nonexistent-extracts', '--out', out, '--no-pdf']);
  const { code } = await run.einde;
  assert.equal(code, 1, run.stderr());
  assert.doesNotMatch(run.stderr(), /Interne fout|\n\s+at /);
  assert.match(run.stderr(), new RegExp(`^  ${out}: .* \\((EPERM|EACCES|EROFS)\\)\\.$`, 'm'));
  assert.match(run.stderr(), /^Tip: Kies met --out een map/m);
  assert.equal(existsSync(out), false);
});

test('errno codes of the environment become a Dutch line naming the path; anything else stays a program error', () => {
  const fout = (code: string, path?: string) => Object.assign(new Error(`${code}: x`), { code, path, syscall: 'write' });
  assert.deepEqual(omgevingsfout(fout('ENOSPC', '/mnt/vol/out/6e-meting.tmp-1/pdf/x.pdf')), {
    regel: '/mnt/vol/out/6e-meting.tmp-1/pdf/x.pdf: de schijf is vol (ENOSPC).',
    tip: 'Maak ruimte vrij op deze schijf, of kies een andere met --out (de uitvoer) of TMPDIR (de tijdelijke bestanden), en probeer het opnieuw.',
  });
  assert.match(omgevingsfout(fout('EACCES', '/srv/out'))!.regel, /^\/srv\/out: geen toestemming om hier te schrijven of te lezen \(EACCES\)\.$/);
  assert.match(omgevingsfout(fout('EROFS', '/mnt/cd/out'))!.regel, /alleen-lezen \(EROFS\)/);
  assert.match(omgevingsfout(fout('ENOSPC'))!.regel, /^een bestand of map: de schijf is vol/);
  assert.equal(omgevingsfout(fout('ENOENT', '/x')), undefined);
  assert.equal(omgevingsfout(new TypeError('x')), undefined);
  assert.equal(omgevingsfout(undefined), undefined);
});

test('a full temp disk while decompressing an extract is a full disk, not a damaged gzip', async () => {
  const werk = mkdtempSync(join(tmpdir(), 'vol-test-'));
  try {
    const bron = join(werk, 'personen.csv.gz');
    writeFileSync(bron, gzipSync('persoon_id,geboortejaar\n' + 'p1,1980\n'.repeat(200_000)));
    // The target is a link to /dev/full: every write fails with ENOSPC, as on a full disk.
    const doel = join(werk, 'personen.csv');
    symlinkSync('/dev/full', doel);
    let fout: unknown;
    await gunzipTo(bron, doel).catch((e: unknown) => (fout = e));
    assert.ok(!(fout instanceof GzipError), `not reported as a gzip problem: ${String(fout)}`);
    assert.equal((fout as NodeJS.ErrnoException).code, 'ENOSPC');
    assert.equal(omgevingsfout(fout)!.regel, `${doel}: de schijf is vol (ENOSPC).`);
    assert.ok(existsSync('/dev/full'), 'only the link was removed');
  } finally {
    rmSync(werk, { recursive: true, force: true });
  }
});

/*
 * Checks before the work (src/pipeline/environment.ts): too little free space for the output or the
 * temporary files, and a browser that does not start, are named at once with exit status 1.
 * The full disk is a real one: a 1 MiB tmpfs (needs the right to mount, as root in the CI
 * container); a read-only output disk is a tmpfs mounted read-only. Without that right those two
 * tests are skipped with the reason (never passed); the estimate is also tested with a
 * measured file system given to the check.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { checkBrowser, checkSpace, estimateSpace } from '../../src/pipeline/environment.ts';
import { InputError } from '../../src/util/errors.ts';

const werkMap = mkdtempSync(join(tmpdir(), 'omgeving-test-'));
process.on('exit', () => rmSync(werkMap, { recursive: true, force: true }));

/** Mount a tmpfs of `size` at a new folder; undefined when mounting is not allowed here. */
function tmpfs(naam: string, opties: string): string | undefined {
  const pad = join(werkMap, naam);
  mkdirSync(pad);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', opties, 'tmpfs', pad], { stdio: 'ignore' });
    return pad;
  } catch {
    return undefined;
  }
}
const ontkoppel = (pad: string) => execFileSync('umount', [pad], { stdio: 'ignore' });
const magMounten = (() => {
  const p = tmpfs('proef', 'size=64k');
  if (p) ontkoppel(p);
  return p !== undefined;
})();
const zonderMount = magMounten ? false : 'mounting a tmpfs is not allowed here (needs root with CAP_SYS_ADMIN)';

test('a full output disk (1 MiB tmpfs): one line with the free and the needed space, exit 1, before any work', { timeout: GEDULD, skip: zonderMount }, async (tc) => {
  const schijf = tmpfs('vol', 'size=1m')!;
  try {
    const run = cli(['--edition', '6e-meting', '--data', join(PROJECT_ROOT_TEST, 'data', '6e-meting'), '--out', join(schijf, 'uit'), '--no-pdf']);
    const { code, ms } = await run.einde;
    tc.diagnostic(`exit ${code} after ${ms} ms: ${run.stderr().split('\n').find((r) => r.includes('vrije ruimte'))?.trim()}`);
    assert.equal(code, 1, run.stderr());
    assert.match(run.stderr(), new RegExp(`^  ${schijf}/uit: te weinig vrije ruimte op de schijf: 1 MiB vrij, naar schatting 4 MiB nodig voor de uitvoer \\(ENOSPC\\)$`, 'm'));
    assert.match(run.stderr(), /^Tip: Maak ruimte vrij op deze schijf/m);
    assert.doesNotMatch(run.stderr(), /^1\. /m, 'no stage started');
    assert.deepEqual(readdirSync(join(schijf, 'uit')), [], 'nothing left on the disk (the lock released)');
  } finally {
    ontkoppel(schijf);
  }
});

test('a read-only output disk: one line naming the path and EROFS, exit 1, before any work', { timeout: GEDULD, skip: zonderMount }, async (tc) => {
  const schijf = tmpfs('alleen-lezen', 'size=1m,ro')!;
  try {
    const run = cli(['--edition', '6e-meting', '--data', join(PROJECT_ROOT_TEST, 'data', '6e-meting'), '--out', join(schijf, 'uit'), '--no-pdf']);
    const { code, ms } = await run.einde;
    tc.diagnostic(`exit ${code} after ${ms} ms: ${run.stderr().split('\n').find((r) => r.includes('EROFS'))?.trim()}`);
    assert.equal(code, 1, run.stderr());
    assert.match(run.stderr(), new RegExp(`^  ${schijf}/uit.*: dit bestandssysteem is alleen-lezen \\(EROFS\\)\\.$`, 'm'));
    assert.doesNotMatch(run.stderr(), /Interne fout|^1\. /m);
  } finally {
    ontkoppel(schijf);
  }
});

test('the space estimate: output and temp files per disk, added up on one disk, against what statfs says is free', async () => {
  const MiB = 1024 * 1024;
  const data = join(werkMap, 'extracten');
  mkdirSync(data);
  writeFileSync(join(data, 'personen.csv.gz'), Buffer.alloc(2 * MiB));
  writeFileSync(join(data, 'extractie.json'), '{}');
  const behoefte = estimateSpace({ out: join(werkMap, 'uit'), tmp: werkMap, data, pdf: true });
  assert.deepEqual(behoefte.map((b) => [b.wat, b.bytes / MiB]), [['de uitvoer', 16], ['de tijdelijke bestanden (uitgepakte extracten, de browser)', 20 + 64]]);
  // Both on one disk: 100 MiB needed; 99 MiB free is too little, 100 MiB enough.
  const vrij = (mib: number) => async () => ({ bavail: mib * 256, bsize: 4096 });
  await checkSpace(behoefte, vrij(100));
  await assert.rejects(checkSpace(behoefte, vrij(99)), (e: unknown) =>
    e instanceof InputError && e.messages.length === 1 &&
    e.messages[0] === `${werkMap}: te weinig vrije ruimte op de schijf: 99 MiB vrij, naar schatting 100 MiB nodig voor de uitvoer en de tijdelijke bestanden (uitgepakte extracten, de browser) (ENOSPC)`);
  assert.deepEqual(estimateSpace({ out: join(werkMap, 'uit'), tmp: werkMap, pdf: false }).map((b) => b.bytes / MiB), [4]);
});

test('a browser that does not start (missing, not executable, crashing, frozen) is named before any work', { timeout: GEDULD }, async (tc) => {
  const nep = (naam: string, script: string) => {
    const p = join(werkMap, naam);
    writeFileSync(p, `#!/bin/sh\n${script}\n`);
    chmodSync(p, 0o755);
    return p;
  };
  const gevallen: [string, string, RegExp][] = [
    ['ontbreekt', join(werkMap, 'geen-browser'), /bestaat niet/],
    ['niet uitvoerbaar', (() => { const p = join(werkMap, 'niet-uitvoerbaar'); writeFileSync(p, ''); chmodSync(p, 0o644); return p; })(), /is niet uitvoerbaar \(EACCES\)/],
    ['stopt', nep('stopt', 'echo kapot >&2; exit 3'), /stopt met een fout \(status 3\)/],
    ['bevriest', nep('bevriest', 'exec sleep 60'), /antwoordt niet binnen 1 s op --version/],
    ['onzin', nep('onzin', 'echo hallo'), /antwoordt op --version niet met een versie \('hallo'\)/],
  ];
  for (const [wat, pad, verwacht] of gevallen) {
    const t = performance.now();
    await assert.rejects(checkBrowser(pad, 1_000), (e: unknown) => e instanceof InputError && verwacht.test(e.message) && e.message.includes(pad), wat);
    tc.diagnostic(`${wat}: ${Math.round(performance.now() - t)} ms`);
  }
  // Through the command line: exit 1 and the line, before the extracts are read.
  const run = cli(['--edition', '6e-meting', '--data', join(PROJECT_ROOT_TEST, 'data', '6e-meting'), '--out', join(werkMap, 'uit-browser')], { MONITOR_CHROME: gevallen[2]![1] });
  const { code, ms } = await run.einde;
  tc.diagnostic(`command line: exit ${code} after ${ms} ms`);
  assert.equal(code, 1, run.stderr());
  assert.match(run.stderr(), /de browser .*stopt met een fout \(status 3\); zonder werkende browser kunnen de PDF's niet worden gemaakt/);
  assert.doesNotMatch(run.stderr(), /^1\. /m);
});
