import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { EXTRACT_NAMES } from '../../src/extracts/contract.ts';
import { generateExtracts, type SynthOptions } from '../../src/synth/generate.ts';

const SCALE = 0.004;
let root = '';
const opts = (out: string, over: Partial<SynthOptions> = {}): SynthOptions => ({
  scale: SCALE,
  seed: 7,
  out,
  peildatum: '2019-06-30',
  format: 'csv.gz',
  ...over,
});

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const f of (await readdir(dir)).sort()) out.set(f, await readFile(join(dir, f)));
  return out;
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'synth-gen-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('generateExtracts', () => {
  it('writes byte-identical files for the same seed, scale and options', async () => {
    await generateExtracts(opts(join(root, 'a')));
    await generateExtracts(opts(join(root, 'b')));
    const a = await filesOf(join(root, 'a'));
    const b = await filesOf(join(root, 'b'));
    assert.deepEqual([...a.keys()], [...EXTRACT_NAMES.map((n) => `${n}.csv.gz`), 'extractie.json'].sort());
    for (const [name, bytes] of a) assert.ok(bytes.equals(b.get(name)!), `${name} differs between two runs`);
  });

  it('writes gzip files without a time stamp or file name in the header', async () => {
    const gz = await readFile(join(root, 'a', 'personen.csv.gz'));
    assert.equal(gz.readUInt32LE(4), 0, 'mtime must be 0');
    assert.equal(gz[3]! & 0x08, 0, 'no file name');
    assert.equal(gz[9], 3, 'OS byte fixed to Unix');
  });

  it('writes the same rows as plain CSV as inside the gzip files', async () => {
    await generateExtracts(opts(join(root, 'plain'), { format: 'csv' }));
    for (const name of EXTRACT_NAMES) {
      const plain = await readFile(join(root, 'plain', `${name}.csv`));
      const unzipped = gunzipSync(await readFile(join(root, 'a', `${name}.csv.gz`)));
      assert.ok(plain.equals(unzipped), `${name}: csv and csv.gz differ`);
    }
  });

  it('gives different data for a different seed', async () => {
    await generateExtracts(opts(join(root, 'other'), { seed: 8, format: 'csv' }));
    const a = await readFile(join(root, 'plain', 'detenties.csv'), 'utf8');
    const b = await readFile(join(root, 'other', 'detenties.csv'), 'utf8');
    assert.notEqual(a, b);
    const idsA = new Set(a.split('\n').slice(1).map((l) => l.split(',')[0]));
    const shared = b.split('\n').slice(1).filter((l) => l !== '' && idsA.has(l.split(',')[0]));
    assert.equal(shared.length, 0, 'detentie_ids of another seed should not coincide');
  });

  it('marks the set as synthetic in extractie.json with the peildatum', async () => {
    const meta = JSON.parse(await readFile(join(root, 'a', 'extractie.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(meta.bron, 'synthetisch');
    assert.equal(meta.peildatum, '2019-06-30');
    assert.equal(typeof meta.omschrijving, 'string');
  });

  it('replaces an earlier extract set in another form and leaves other files alone', async () => {
    const dir = join(root, 'plain');
    await writeFile(join(dir, 'README.md'), 'keep me\n');
    await generateExtracts(opts(dir, { format: 'csv.gz' }));
    const files = await readdir(dir);
    assert.ok(files.includes('README.md'));
    for (const name of EXTRACT_NAMES) {
      assert.ok(files.includes(`${name}.csv.gz`));
      assert.ok(!files.includes(`${name}.csv`), `${name}.csv should be gone (exactly one form per extract)`);
    }
    assert.ok(!files.some((f) => f.startsWith('.synth-')), 'no temporary folder left behind');
  });
});

describe('generateExtracts without ID columns and zorg (the 7th meting)', () => {
  it('leaves out exactly those, with the same lives, and says so in extractie.json', async () => {
    const zonder = join(root, 'zonder');
    const withAll = join(root, 'met');
    await generateExtracts(opts(withAll, { format: 'csv' }));
    await generateExtracts(opts(zonder, { format: 'csv', zonder: ['id', 'zorg'] }));
    const files = (await readdir(zonder)).sort();
    assert.deepEqual(files, [...EXTRACT_NAMES.filter((n) => n !== 'zorg').map((n) => `${n}.csv`), 'extractie.json'].sort());
    const met = (await readFile(join(withAll, 'detenties.csv'), 'utf8')).split('\n');
    const zonderId = (await readFile(join(zonder, 'detenties.csv'), 'utf8')).split('\n');
    assert.equal(zonderId[0], 'detentie_id,persoon_id,datum_instroom,datum_uitstroom');
    assert.deepEqual(zonderId, met.map((l) => l.split(',').slice(0, 4).join(',')), 'the same detentions, without the last two columns');
    for (const name of EXTRACT_NAMES.filter((n) => n !== 'zorg' && n !== 'detenties')) {
      const a = await readFile(join(withAll, `${name}.csv`));
      assert.ok(a.equals(await readFile(join(zonder, `${name}.csv`))), `${name} is the same with or without ID and zorg`);
    }
    const meta = JSON.parse(await readFile(join(zonder, 'extractie.json'), 'utf8')) as { omschrijving: string };
    assert.match(meta.omschrijving, /Extracten en kolommen die de meting niet gebruikt, zijn weggelaten\./);
    assert.doesNotMatch(meta.omschrijving, /\bID\b|(?<!na)zorg/, 'the description names no left-out basisvoorwaarde');
  });

  it('removes a zorg file of an earlier set in the folder', async () => {
    const dir = join(root, 'plain2');
    await generateExtracts(opts(dir, { format: 'csv' }));
    await generateExtracts(opts(dir, { format: 'csv', zonder: ['zorg'] }));
    assert.ok(!(await readdir(dir)).includes('zorg.csv'));
  });

  it('writes Parquet without the ID columns', async () => {
    const dir = join(root, 'pq-zonder');
    await generateExtracts(opts(dir, { scale: 0.002, format: 'parquet', zonder: ['id'] }));
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    try {
      const file = join(dir, 'detenties.parquet').replaceAll("'", "''");
      const cols = (await con.runAndReadAll(`DESCRIBE SELECT * FROM '${file}'`)).getRowsJS().map((r) => r[0]);
      assert.deepEqual(cols, ['detentie_id', 'persoon_id', 'datum_instroom', 'datum_uitstroom']);
    } finally {
      con.closeSync();
      db.closeSync();
    }
  });
});

describe('generateExtracts as Parquet', () => {
  it('writes byte-stable Parquet files with typed dates and NULL for missing values', async () => {
    await generateExtracts(opts(join(root, 'pq1'), { scale: 0.002, format: 'parquet' }));
    await generateExtracts(opts(join(root, 'pq2'), { scale: 0.002, format: 'parquet' }));
    const a = await filesOf(join(root, 'pq1'));
    const b = await filesOf(join(root, 'pq2'));
    assert.deepEqual([...a.keys()], [...EXTRACT_NAMES.map((n) => `${n}.parquet`), 'extractie.json'].sort());
    for (const [name, bytes] of a) assert.ok(bytes.equals(b.get(name)!), `${name} differs between two runs`);

    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    try {
      const file = join(root, 'pq1', 'adressen.parquet').replaceAll("'", "''");
      const types = (await con.runAndReadAll(`DESCRIBE SELECT * FROM '${file}'`)).getRowsJS().map((r) => `${r[0]}:${r[1]}`);
      assert.deepEqual(types, [
        'persoon_id:VARCHAR',
        'adres_id:VARCHAR',
        'soort:VARCHAR',
        'huishouden:VARCHAR',
        'begin:DATE',
        'einde:DATE',
      ]);
      const [row] = (
        await con.runAndReadAll(
          `SELECT count(*) FILTER (huishouden = ''), count(*) FILTER (huishouden IS NULL), count(*) FILTER (einde IS NULL) FROM '${file}'`,
        )
      ).getRowsJS();
      assert.equal(row![0], 0n, 'no empty strings: a missing value is NULL');
      assert.ok((row![1] as bigint) > 0n && (row![2] as bigint) > 0n);
    } finally {
      con.closeSync();
      db.closeSync();
    }
  });
});
