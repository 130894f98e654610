/**
 * The environment reported as such (issue 18): an output folder the system does not let the
 * build write to is named with the cause at once, before any work, and not as "Interne fout"
 * with a stack trace; a full disk, a read-only file system and missing rights likewise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { gunzipTo, GzipError } from '../../src/extracts/source.ts';
import { omgevingsfout } from '../../src/cli/report.ts';
import { cli, GEDULD } from '../helpers/processen.ts';

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
