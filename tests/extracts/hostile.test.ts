/**
 * Hostile and broken extract files lose nothing: an over-long line is an error at its line
 * (never a silently dropped row), a gzip bomb is refused before it fills the disk, a FIFO or a
 * link to /dev/zero is refused instead of blocking or reading for ever, and the loader's
 * temporary folder with decompressed microdata is gone after an error, after Ctrl-C and, for a
 * run killed outright, after the next run.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createWriteStream } from 'node:fs';
import { gunzipTo, GzipError, longLines } from '../../src/extracts/source.ts';
import { TEMP_NAME } from '../../src/extracts/load.ts';
import { registeredPaths, removeStale } from '../../src/util/cleanup.ts';
import { cleanup, errorsOf, header, load, VALID, writeSet } from './fixtures.ts';
import { GEDULD } from '../helpers/geduld.ts';

after(cleanup);
const scratch = await mkdtemp(join(tmpdir(), 'hostile-test-'));
after(() => rm(scratch, { recursive: true, force: true }));

/** The loader's temporary folders of this process. */
const ours = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith(`${TEMP_NAME}-${process.pid}-`));

describe('over-long lines', () => {
  const banen = (middle: string[]): string => `${header('banen')}\n${VALID.banen[0]}\n${middle.join('\n')}\n${VALID.banen[2]}\n`;

  test('a line of 20 MB is an error at its line', async () => {
    const dir = await writeSet({ files: { banen: banen([`P1,B2,werknemer,2014-08-01,${'x'.repeat(20 << 20)}`]) } });
    assert.deepEqual(await errorsOf(dir), [
      `${join(dir, 'banen.csv')}:3: de regel is te lang om te lezen (meer dan 2 MB); ontbreken er regeleinden, of staat er een aanhalingsteken dat niet wordt afgesloten? (verwacht: regels van hoogstens enkele megabytes)`,
    ]);
  });

  test('a line of 40 MB, beyond DuckDB\'s read buffer where DuckDB drops it unrecorded, is an error at its line', async () => {
    const dir = await writeSet({ files: { banen: banen([`P1,B2,werknemer,2014-08-01,${'x'.repeat(40 << 20)}`]) } });
    const messages = await errorsOf(dir);
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.ok(messages[0]!.startsWith(`${join(dir, 'banen.csv')}:3: de regel is te lang om te lezen`), messages[0]);
  });

  test('every over-long line is reported (lowered limit)', async () => {
    const long = `P1,B2,werknemer,2014-08-01,${'y'.repeat(1 << 20)}`;
    const dir = await writeSet({ files: { banen: banen([long, 'P1,B4,werknemer,2014-09-01,', long]) } });
    const messages = await errorsOf(dir, { maxLineBytes: 16 * 1024 });
    assert.deepEqual(
      messages.map((m) => m.replace(/: de regel is te lang.*/, '')),
      [`${join(dir, 'banen.csv')}:3`, `${join(dir, 'banen.csv')}:5`],
    );
    assert.match(messages[0]!, /de regel is te lang om te lezen \(meer dan 16 kB\)/);
  });

  test('a long line inside a .csv.gz too', async () => {
    const dir = await writeSet({ forms: { banen: 'csv.gz' }, files: { banen: banen([`P1,B2,werknemer,2014-08-01,${'z'.repeat(300_000)}`]) } });
    const messages = await errorsOf(dir, { maxLineBytes: 16 * 1024 });
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.ok(messages[0]!.startsWith(`${join(dir, 'banen.csv.gz')}:3: de regel is te lang`), messages[0]);
  });

  test('longLines finds exactly the lines over the limit, across read chunks', async () => {
    const file = join(scratch, 'lines.csv');
    const lines = ['a', 'b'.repeat(100), 'c'.repeat(101), 'd', 'e'.repeat(3 << 20), 'f'.repeat(100)];
    await writeFile(file, lines.join('\n'));
    assert.deepEqual(await longLines(file, 100), [3, 5]);
    assert.deepEqual(await longLines(file, 4 << 20), []);
    await writeFile(file, `${'x'.repeat(99)}\n`.repeat(50_000)); // 5 MB, every line within 100
    assert.deepEqual(await longLines(file, 100), []);
  });

  test('gunzipTo makes longLines\' first pass on the way: it finds every long line, wherever its 1 MiB chunks fall', async () => {
    const plain = join(scratch, 'verdict.csv');
    const gz = join(scratch, 'verdict.csv.gz');
    const target = join(scratch, 'verdict-out.csv');
    const limit = 300_000;
    const short = `${'s'.repeat(999)}\n`;
    // One over-long line (limit + 1 bytes) at places around the chunk boundaries, and none at all.
    const cases: [string, number | undefined][] = [
      ['none', undefined],
      ['at the start', 0],
      ['across the first boundary', (1 << 20) - 150_000],
      ['just after it', (1 << 20) + 1],
      ['at the end', 3 << 20],
    ];
    for (const [wat, at] of cases) {
      const head = at === undefined ? short.repeat(3500) : short.repeat(Math.floor(at / short.length));
      const text = at === undefined ? head : `${head}${'L'.repeat(limit + 1)}\n${short.repeat(500)}`;
      await writeFile(plain, text);
      await writeFile(gz, gzipSync(text));
      const { longLineSuspect } = await gunzipTo(gz, target, {}, limit);
      assert.equal(longLineSuspect, at !== undefined, wat);
      assert.deepEqual(await longLines(target, limit, 50, longLineSuspect), await longLines(plain, limit), wat);
    }
    // A line of exactly the limit is no long line.
    const exact = `${short.repeat(1200)}${'E'.repeat(limit)}\n${short.repeat(1200)}`;
    await writeFile(gz, gzipSync(exact));
    const { longLineSuspect } = await gunzipTo(gz, target, {}, limit);
    assert.deepEqual(await longLines(target, limit, 50, longLineSuspect), []);
  });
});

describe('gzip bombs', () => {
  test('a gzip of NUL bytes is refused at its first block: no text', async () => {
    const dir = await writeSet({ files: { banen: null }, extra: { 'banen.csv.gz': gzipSync(Buffer.alloc(8 << 20)) } });
    assert.deepEqual(await errorsOf(dir), [
      `${join(dir, 'banen.csv.gz')}: het uitgepakte bestand lijkt geen tekst te zijn (het bevat NUL-tekens) (verwacht: een ingepakt CSV-bestand in UTF-8)`,
    ]);
  });

  test('a gzip that expands beyond the limit is refused, and what was written is removed', async () => {
    const text = `${header('banen')}\n${`${VALID.banen[0]}\n`.repeat(200_000)}`; // 7 MB, compresses ~300 times
    const dir = await writeSet({ files: { banen: null }, extra: { 'banen.csv.gz': gzipSync(text) } });
    const messages = await errorsOf(dir, { gunzip: { ratio: 20, floor: 1 << 20 } });
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.match(messages[0]!, /banen\.csv\.gz: het gzip-bestand pakt uit tot meer dan 1 MB, onwaarschijnlijk veel voor de ingepakte grootte; het uitpakken is gestopt/);
    assert.deepEqual(ours(), []);

    const target = join(scratch, 'bomb.csv');
    await assert.rejects(gunzipTo(join(dir, 'banen.csv.gz'), target, { ratio: 20, floor: 1 << 20 }), (e: unknown) => e instanceof GzipError && e.problem === 'tooLarge');
    assert.equal(existsSync(target), false);
  });

  test('a large bomb stops long before it is unpacked', async () => {
    // 256 MB of one repeated text line, streamed into a gzip of under 1 MB (ratio ~340).
    const bomb = join(scratch, 'bomb.csv.gz');
    const line = Buffer.from(`${VALID.banen[0]}\n`.repeat(100_000));
    let left = Math.ceil((256 << 20) / line.length);
    await pipeline(
      Readable.from(
        (function* () {
          while (left-- > 0) yield line;
        })(),
      ),
      createGzip({ level: 9 }),
      createWriteStream(bomb),
    );
    const target = join(scratch, 'bomb.csv');
    let error: unknown;
    await gunzipTo(bomb, target, { floor: 8 << 20 }).catch((e: unknown) => (error = e));
    // Default ratio 100: stopped after 100 times the compressed size (under 100 MB), not 256 MB.
    assert.ok(error instanceof GzipError && error.problem === 'tooLarge', String(error));
    assert.ok(error.limit! < 128 << 20, `stopped at ${error.limit}`);
    assert.equal(existsSync(target), false);
  });
});

describe('files that are not files', () => {
  const options = { timeout: GEDULD }; // a FIFO that is read would block: fail instead of hanging

  test('a FIFO is refused without reading it', options, async () => {
    const dir = await writeSet({ files: { onderwijs: null } });
    execFileSync('mkfifo', [join(dir, 'onderwijs.csv')]);
    assert.deepEqual(await errorsOf(dir), [
      `${join(dir, 'onderwijs.csv')}: is geen gewoon bestand maar een named pipe (FIFO); die zou het inlezen laten wachten (verwacht: een gewoon bestand (een koppeling mag, als die naar een gewoon bestand wijst))`,
    ]);
  });

  test('a link to /dev/zero is refused; a link to a regular file is fine', options, async () => {
    let dir = await writeSet({ files: { onderwijs: null } });
    await symlink('/dev/zero', join(dir, 'onderwijs.csv'));
    assert.deepEqual(await errorsOf(dir), [
      `${join(dir, 'onderwijs.csv')}: is geen gewoon bestand maar een apparaat (zoals /dev/zero) (verwacht: een gewoon bestand (een koppeling mag, als die naar een gewoon bestand wijst))`,
    ]);
    dir = await writeSet({ files: { onderwijs: null } });
    await writeFile(join(scratch, 'onderwijs-echt.csv'), `${header('onderwijs')}\n${VALID.onderwijs.join('\n')}\n`);
    await symlink(join(scratch, 'onderwijs-echt.csv'), join(dir, 'onderwijs.csv'));
    (await load(dir)).close();
  });

  test('a folder, a dangling link and a FIFO as extractie.json are refused', options, async () => {
    let dir = await writeSet({ files: { onderwijs: null } });
    mkdirSync(join(dir, 'onderwijs.csv'));
    assert.match((await errorsOf(dir))[0]!, /onderwijs\.csv: is geen gewoon bestand maar een map/);
    dir = await writeSet({ files: { onderwijs: null } });
    await symlink(join(dir, 'weg.csv'), join(dir, 'onderwijs.csv'));
    assert.match((await errorsOf(dir))[0]!, /onderwijs\.csv: is geen gewoon bestand maar een koppeling naar een bestand dat niet bestaat/);
    dir = await writeSet({ json: null });
    execFileSync('mkfifo', [join(dir, 'extractie.json')]);
    assert.deepEqual(await errorsOf(dir), [
      `${join(dir, 'extractie.json')}: is geen gewoon bestand maar een named pipe (FIFO) (verwacht: een gewoon bestand (een koppeling mag, als die naar een gewoon bestand wijst))`,
    ]);
  });

  test('a header without a line end is read only up to a limit', async () => {
    const dir = await writeSet({ files: { onderwijs: `persoon_id,begin,${'einde'.repeat(300_000)}` } });
    assert.deepEqual(await errorsOf(dir), [
      `${join(dir, 'onderwijs.csv')}:1: geen regeleinde in de eerste 1 MB: de kopregel is te lang of het bestand is geen CSV (verwacht: een kopregel met de kolomnamen, afgesloten met een regeleinde)`,
    ]);
  });
});

describe('temporary folders', () => {
  test('the loader registers its folder while loading and removes it on close and on error', async () => {
    const loaded = await load(await writeSet({ forms: { banen: 'csv.gz' } }));
    const [folder] = ours();
    assert.ok(folder, 'no temporary folder while loaded');
    assert.ok(registeredPaths().includes(join(tmpdir(), folder)));
    loaded.close();
    assert.deepEqual(ours(), []);
    assert.deepEqual(registeredPaths(), []);

    await errorsOf(await writeSet({ forms: { banen: 'csv.gz' }, rows: { banen: ['P1,B1,x,2013-01-01,'] } }));
    assert.deepEqual(ours(), []);
    assert.deepEqual(registeredPaths(), []);
  });

  test('folders of processes that no longer run are removed; those of running ones stay', async () => {
    const child = spawn(process.execPath, ['-e', '']);
    const dead = child.pid!;
    await new Promise((resolve) => child.on('exit', resolve));
    const stale = join(tmpdir(), `${TEMP_NAME}-${dead}-test`);
    const living = join(tmpdir(), `${TEMP_NAME}-${process.ppid}-test`);
    mkdirSync(join(stale, 'duckdb'), { recursive: true });
    await writeFile(join(stale, 'personen.csv'), 'microdata');
    mkdirSync(living, { recursive: true });
    try {
      (await load(await writeSet())).close();
      assert.equal(existsSync(stale), false, 'a stale folder is left');
      assert.equal(existsSync(living), true, "a running process's folder was removed");
      assert.deepEqual(removeStale(tmpdir(), TEMP_NAME), []);
    } finally {
      await rm(stale, { recursive: true, force: true });
      await rm(living, { recursive: true, force: true });
    }
  });

  test('Ctrl-C (SIGINT) and SIGTERM remove registered folders, then end the process by the signal', async () => {
    const script = `
      import { mkdtempSync } from 'node:fs';
      import { tmpdir } from 'node:os';
      import { join } from 'node:path';
      import { removeOnExit, tempPrefix } from ${JSON.stringify(new URL('../../src/util/cleanup.ts', import.meta.url).pathname)};
      const dir = mkdtempSync(join(tmpdir(), tempPrefix('monitor-extracts')));
      removeOnExit(dir);
      process.stdout.write(dir + '\\n');
      setInterval(() => {}, 1000);
    `;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      const dir = await new Promise<string>((resolve) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(out.trim());
        });
      });
      assert.ok(existsSync(dir));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, s) => resolve({ code, signal: s })));
      child.kill(signal);
      assert.deepEqual(await exited, { code: null, signal });
      assert.equal(existsSync(dir), false, `the folder survived ${signal}`);
    }
  });

  test('with another SIGINT listener (the watch mode), the folder goes and that listener decides', async () => {
    const script = `
      import { existsSync, mkdtempSync } from 'node:fs';
      import { tmpdir } from 'node:os';
      import { join } from 'node:path';
      import { removeOnExit, tempPrefix } from ${JSON.stringify(new URL('../../src/util/cleanup.ts', import.meta.url).pathname)};
      const timer = setInterval(() => {}, 1000);
      process.once('SIGINT', () => {
        process.stdout.write(existsSync(dir) ? 'still there\\n' : 'removed\\n');
        clearInterval(timer);
      });
      const dir = mkdtempSync(join(tmpdir(), tempPrefix('monitor-extracts')));
      removeOnExit(dir);
      process.stdout.write('ready\\n');
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready')) resolve();
      }),
    );
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, s) => resolve({ code, signal: s })));
    child.kill('SIGINT');
    assert.deepEqual(await exited, { code: 0, signal: null });
    assert.equal(out, 'ready\nremoved\n');
  });
});
