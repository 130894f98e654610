/**
 * loadExtracts: a valid set loads into typed tables; every rule of the contract has a bad
 * fixture (the valid set with one change) whose message names the file, the line and the column.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { formatDiagnostic } from '../../src/util/diagnostic.ts';
import {
  cleanup,
  diagnosticsOf,
  duck,
  errorsOf,
  header,
  load,
  replaceLine,
  VALID,
  writeSet,
} from './fixtures.ts';

after(cleanup);

/** Assert that exactly one message is `<file>:<line>: kolom '<column>': ...` matching `what`. */
function only(messages: readonly string[], file: string, line: number | undefined, column: string | undefined, what: RegExp): void {
  assert.equal(messages.length, 1, `expected one message, got:\n${messages.join('\n')}`);
  has(messages, file, line, column, what);
}

function has(messages: readonly string[], file: string, line: number | undefined, column: string | undefined, what: RegExp): void {
  const prefix = `${file}${line === undefined ? '' : `:${line}`}: ${column === undefined ? '' : `kolom '${column}': `}`;
  assert.ok(
    messages.some((m) => m.startsWith(prefix) && what.test(m.slice(prefix.length))),
    `expected "${prefix}${what.source}" among:\n${messages.join('\n')}`,
  );
}

async function rows(dir: string, sql: string): Promise<Record<string, unknown>[]> {
  const loaded = await load(dir);
  try {
    return (await loaded.connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    loaded.close();
  }
}

describe('a valid set', () => {
  test('loads one table per extract with exactly the contract columns, dates as DATE and empty fields as NULL', async () => {
    const dir = await writeSet();
    const loaded = await load(dir);
    try {
      assert.equal(loaded.extractie.peildatum, '2019-06-30');
      assert.equal(loaded.extractie.bron, 'test');
      assert.deepEqual(loaded.warnings, []);
      assert.equal(loaded.present.size, 9);
      const columns = (
        await loaded.connection.runAndReadAll(
          `SELECT table_name, column_name, data_type FROM information_schema.columns ORDER BY table_name, ordinal_position`,
        )
      ).getRowObjectsJS();
      const of = (t: string): string[] => columns.filter((c) => c.table_name === t).map((c) => `${c.column_name} ${c.data_type}`);
      assert.deepEqual(of('personen'), [
        'persoon_id VARCHAR',
        'geslacht VARCHAR',
        'geboortedatum DATE',
        'hoogste_opleiding VARCHAR',
        'datum_overlijden DATE',
        'datum_emigratie DATE',
      ]);
      assert.deepEqual(of('adressen'), [
        'persoon_id VARCHAR',
        'adres_id VARCHAR',
        'soort VARCHAR',
        'huishouden VARCHAR',
        'begin DATE',
        'einde DATE',
      ]);
      assert.deepEqual(
        [...new Set(columns.map((c) => String(c.table_name)))].sort(),
        ['adressen', 'banen', 'detenties', 'justitie', 'onderwijs', 'personen', 'uitkeringen', 'wanbetalers', 'zorg'],
      );
      const p = (
        await loaded.connection.runAndReadAll(
          `SELECT persoon_id, CAST(geboortedatum AS VARCHAR) AS g, datum_overlijden IS NULL AS leeg FROM personen ORDER BY persoon_id`,
        )
      ).getRowObjectsJS();
      assert.deepEqual(p, [
        { persoon_id: 'P1', g: '1980-01-01', leeg: true },
        { persoon_id: 'P2', g: '1990-05-05', leeg: true },
        { persoon_id: 'P3', g: '1975-12-31', leeg: false },
      ]);
    } finally {
      loaded.close();
    }
  });

  test('loads the same from .csv.gz and from Parquet, and zorg is optional', async () => {
    const query = `SELECT persoon_id, soort, huishouden, CAST("begin" AS VARCHAR) AS b, CAST(einde AS VARCHAR) AS e FROM adressen ORDER BY ALL`;
    const csv = await rows(await writeSet(), query);
    assert.equal(csv.length, 4);
    assert.deepEqual(await rows(await writeSet({ form: 'csv.gz' }), query), csv);
    assert.deepEqual(await rows(await writeSet({ form: 'parquet' }), query), csv);

    const loaded = await load(await writeSet({ files: { zorg: null }, forms: { personen: 'parquet', banen: 'csv.gz' } }));
    try {
      assert.equal(loaded.present.has('zorg'), false);
      assert.equal(loaded.present.has('banen'), true);
      const tables = (await loaded.connection.runAndReadAll(`SELECT table_name FROM information_schema.tables`)).getRowsJS();
      assert.equal(tables.some((t) => t[0] === 'zorg'), false);
    } finally {
      loaded.close();
    }
  });

  test('accepts \\r\\n line ends, quoted fields and columns in any order; warns about a BOM and extra columns and drops them', async () => {
    const personen =
      '\uFEFFopmerking,hoogste_opleiding,persoon_id,geslacht,geboortedatum,datum_overlijden,datum_emigratie\r\n' +
      '"tekst, met komma",mbo1,P1,m,1980-01-01,,\r\n' +
      '"twee\r\nregels",onbekend,"P2",v,1990-05-05,,\r\n' +
      ',hbo_wo,P3,m,1975-12-31,2018-03-01,\r\n';
    const dir = await writeSet({ files: { personen } });
    const loaded = await load(dir);
    try {
      const file = join(dir, 'personen.csv');
      assert.deepEqual(loaded.warnings.map(formatDiagnostic), [
        `${file}: begint met een UTF-8 BOM; die wordt overgeslagen`,
        `${file}:1: kolom 'opmerking': geen kolom van personen; wordt genegeerd`,
      ]);
      const got = (
        await loaded.connection.runAndReadAll(`SELECT * FROM personen ORDER BY persoon_id`)
      ).getRowObjectsJS();
      assert.deepEqual(Object.keys(got[0]!), [
        'persoon_id',
        'geslacht',
        'geboortedatum',
        'hoogste_opleiding',
        'datum_overlijden',
        'datum_emigratie',
      ]);
      assert.deepEqual(
        got.map((r) => `${String(r.persoon_id)} ${String(r.hoogste_opleiding)}`),
        ['P1 mbo1', 'P2 onbekend', 'P3 hbo_wo'],
      );
    } finally {
      loaded.close();
    }
  });

  test('accepts Parquet dates stored as DATE', async () => {
    const dir = await writeSet({ files: { personen: null } });
    const conn = await duck();
    const path = join(dir, 'personen.parquet');
    await conn.run(
      `COPY (SELECT * FROM (VALUES ('P1', 'm', DATE '1980-01-01', 'mbo1', NULL::DATE, NULL::DATE),
                                   ('P2', 'v', DATE '1990-05-05', 'onbekend', NULL, NULL),
                                   ('P3', 'm', DATE '1975-12-31', 'hbo_wo', DATE '2018-03-01', NULL))
              t(persoon_id, geslacht, geboortedatum, hoogste_opleiding, datum_overlijden, datum_emigratie))
       TO '${path}' (FORMAT parquet)`,
    );
    const got = await rows(dir, `SELECT count(*)::INTEGER AS n, min(geboortedatum)::VARCHAR AS m FROM personen`);
    assert.deepEqual(got, [{ n: 3, m: '1975-12-31' }]);
  });
});

describe('the folder and extractie.json', () => {
  test('a missing folder, or a file instead of a folder, is an error naming it', async () => {
    const dir = join(await writeSet(), 'bestaat-niet');
    only(await errorsOf(dir), dir, undefined, undefined, /^map bestaat niet/);
    const file = join(await writeSet(), 'personen.csv');
    only(await errorsOf(file), file, undefined, undefined, /^is geen map/);
  });

  test('extractie.json must exist, be JSON, have a real peildatum and a bron', async () => {
    let dir = await writeSet({ json: null });
    only(await errorsOf(dir), join(dir, 'extractie.json'), undefined, undefined, /^bestand ontbreekt/);

    dir = await writeSet({ json: '{\n  "peildatum": "2019-06-30",\n  "bron": "x",\n}' });
    assert.deepEqual(await errorsOf(dir), [
      `${join(dir, 'extractie.json')}:4:1: geen geldige JSON: een komma voor '}' (een komma na het laatste veld is in JSON niet toegestaan)`,
    ]);

    dir = await writeSet({ json: '{\n  "peildatum": "2019-02-29",\n  "bron": 7\n}' });
    const messages = await errorsOf(dir);
    assert.equal(messages.length, 2, messages.join('\n'));
    assert.equal(messages[0], `${join(dir, 'extractie.json')}:2: veld 'peildatum': ongeldige datum '2019-02-29' (verwacht: een bestaande datum als "JJJJ-MM-DD")`);
    assert.equal(messages[1], `${join(dir, 'extractie.json')}:3: veld 'bron': ongeldige waarde 7 (verwacht: een niet-lege tekst)`);
  });
});

describe('the files', () => {
  test('a missing required extract is an error; so is an extract in two forms', async () => {
    let dir = await writeSet({ files: { banen: null } });
    only(await errorsOf(dir), dir, undefined, undefined, /^extract 'banen' ontbreekt \(verwacht: een bestand banen\.csv, banen\.csv\.gz of banen\.parquet\)$/);

    dir = await writeSet({ files: { banen: null }, extra: { 'Banen.CSV': `${header('banen')}\n` } });
    only(await errorsOf(dir), dir, undefined, undefined, /^extract 'banen' ontbreekt; wel gevonden: Banen\.CSV/);

    dir = await writeSet({ extra: { 'banen.parquet': 'x' } });
    only(await errorsOf(dir), dir, undefined, undefined, /^extract 'banen' staat er in 2 vormen: banen\.csv, banen\.parquet/);
  });

  test('a truncated or damaged gzip is an error', async () => {
    const whole = gzipSync(Buffer.from(`${header('banen')}\n${VALID.banen.join('\n')}\n`.repeat(50)));
    let dir = await writeSet({ forms: { banen: 'csv.gz' }, files: { banen: null } });
    await writeFile(join(dir, 'banen.csv.gz'), whole.subarray(0, whole.length - 12));
    only(await errorsOf(dir), join(dir, 'banen.csv.gz'), undefined, undefined, /^het gzip-bestand houdt te vroeg op; het is waarschijnlijk niet volledig gekopieerd/);

    dir = await writeSet({ files: { banen: null }, extra: { 'banen.csv.gz': 'dit is geen gzip' } });
    only(await errorsOf(dir), join(dir, 'banen.csv.gz'), undefined, undefined, /^het bestand is geen gzip-bestand/);

    const damaged = Buffer.from(whole);
    damaged[damaged.length - 6]! ^= 0xff; // the CRC
    dir = await writeSet({ files: { banen: null }, extra: { 'banen.csv.gz': damaged } });
    only(await errorsOf(dir), join(dir, 'banen.csv.gz'), undefined, undefined, /^het gzip-bestand is beschadigd \(de inhoud klopt niet met het controlegetal\)/);
  });

  test('bytes that are not UTF-8 are an error at their line and column, also in an extra column', async () => {
    const bad = Buffer.concat([
      Buffer.from(`${header('banen')},opmerking\nP1,B1,werknemer,2013-01-01,2013-12-31,ok\nP1,B2,zelfstandige,2014-08-01,,caf`),
      Buffer.from([0xe9]),
      Buffer.from('\nP2,B3,werknemer,2015-04-01,2016-04-01,\n'),
    ]);
    const dir = await writeSet({ files: { banen: bad } });
    only(
      await errorsOf(dir),
      join(dir, 'banen.csv'),
      3,
      'opmerking',
      /^bevat tekens die geen UTF-8 zijn; het bestand is waarschijnlijk bewaard als Windows-1252 of Latin-1 \(zoals Excel een "CSV" bewaart\) \(verwacht: UTF-8: sla het bestand op als "CSV UTF-8"\)$/,
    );

    const latin = Buffer.concat([Buffer.from('P1,B1,'), Buffer.from([0x77, 0xe9]), Buffer.from(',2013-01-01,\n')]);
    const dir2 = await writeSet({ files: { banen: Buffer.concat([Buffer.from(`${header('banen')}\n`), latin]) } });
    only(await errorsOf(dir2), join(dir2, 'banen.csv'), 2, 'soort', /^bevat tekens die geen UTF-8 zijn/);
  });

  test('a UTF-16 file, or a header that is not UTF-8, is an error', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${header('onderwijs')}\nP2,2012-09-01,2014-07-01\n`, 'utf16le')]);
    let dir = await writeSet({ files: { onderwijs: utf16 } });
    only(await errorsOf(dir), join(dir, 'onderwijs.csv'), undefined, undefined, /^het bestand is in UTF-16 gecodeerd \(zo bewaart Excel "Unicode-tekst"\) \(verwacht: UTF-8: sla het bestand op als "CSV UTF-8"\)$/);
    // Without a byte order mark it is known by its NUL bytes.
    dir = await writeSet({ files: { onderwijs: utf16.subarray(2) } });
    only(await errorsOf(dir), join(dir, 'onderwijs.csv'), undefined, undefined, /^het bestand is in UTF-16 gecodeerd/);
    const latin1 = Buffer.concat([Buffer.from('persoon_id,begin,einde,opmerking_'), Buffer.from([0xe9]), Buffer.from('\nP2,2012-09-01,2014-07-01,\n')]);
    dir = await writeSet({ files: { onderwijs: latin1 } });
    only(await errorsOf(dir), join(dir, 'onderwijs.csv'), 1, undefined, /^de kopregel bevat tekens die geen UTF-8 zijn/);
  });

  test('an empty file and a file with only a header are errors', async () => {
    let dir = await writeSet({ files: { onderwijs: '' } });
    only(await errorsOf(dir), join(dir, 'onderwijs.csv'), undefined, undefined, /^het bestand is leeg/);
    dir = await writeSet({ files: { onderwijs: `${header('onderwijs')}\n` } });
    only(await errorsOf(dir), join(dir, 'onderwijs.csv'), undefined, undefined, /^het extract bevat geen rijen \(verwacht: ten minste één rij \(één rij per inschrijving in het onderwijs\)\)$/);
    dir = await writeSet({ form: 'parquet', rows: { onderwijs: [] } });
    only(await errorsOf(dir), join(dir, 'onderwijs.parquet'), undefined, undefined, /^het extract bevat geen rijen/);
  });

  test('a header without a contract column, or with a column twice, is an error at line 1', async () => {
    let dir = await writeSet({ files: { wanbetalers: 'persoon_id,Begin,einde\nP2,2016-01-01,2016-12-31\n' } });
    only(await errorsOf(dir), join(dir, 'wanbetalers.csv'), 1, 'begin', /^ontbreekt in de kopregel; wel gevonden: 'Begin'/);
    dir = await writeSet({ files: { wanbetalers: 'persoon_id,begin,einde,begin\nP2,2016-01-01,2016-12-31,2016-01-01\n' } });
    only(await errorsOf(dir), join(dir, 'wanbetalers.csv'), 1, 'begin', /^staat 2 keer in de kopregel/);
  });

  test('a Parquet file lacking a contract column is an error; an extra Parquet column a warning', async () => {
    const conn = await duck();
    let dir = await writeSet({ files: { wanbetalers: null } });
    await conn.run(`COPY (SELECT 'P2' AS persoon_id, '2016-01-01' AS "begin") TO '${join(dir, 'wanbetalers.parquet')}' (FORMAT parquet)`);
    only(await errorsOf(dir), join(dir, 'wanbetalers.parquet'), undefined, 'einde', /^ontbreekt \(verwacht: de kolommen persoon_id, begin, einde\)$/);

    dir = await writeSet({ files: { wanbetalers: null }, json: JSON.stringify({ peildatum: '2019-06-30', bron: 'test', versie: 2 }) });
    await conn.run(
      `COPY (SELECT 'P2' AS persoon_id, '2016-01-01' AS "begin", NULL AS einde, 'x' AS bron) TO '${join(dir, 'wanbetalers.parquet')}' (FORMAT parquet)`,
    );
    const loaded = await load(dir);
    loaded.close();
    assert.deepEqual(loaded.warnings.map(formatDiagnostic), [
      `${join(dir, 'extractie.json')}:1: veld 'versie': onbekend veld, wordt genegeerd`,
      `${join(dir, 'wanbetalers.parquet')}: kolom 'bron': geen kolom van wanbetalers; wordt genegeerd`,
    ]);
  });

  test('a Parquet column of another type than text (or DATE for dates) is an error', async () => {
    const dir = await writeSet({ files: { wanbetalers: null } });
    const conn = await duck();
    await conn.run(
      `COPY (SELECT 12 AS persoon_id, DATE '2016-01-01' AS "begin", NULL::DATE AS einde) TO '${join(dir, 'wanbetalers.parquet')}' (FORMAT parquet)`,
    );
    only(await errorsOf(dir), join(dir, 'wanbetalers.parquet'), undefined, 'persoon_id', /^heeft type INTEGER \(verwacht: VARCHAR \(tekst\)\)$/);
  });
});

describe('the mistakes people make most', () => {
  test("a spreadsheet's Dutch export: fields separated by semicolons, or by tabs", async () => {
    const semi = `${header('banen').replaceAll(',', ';')}\n${VALID.banen.map((l) => l.replaceAll(',', ';')).join('\n')}\n`;
    let dir = await writeSet({ files: { banen: semi } });
    only(await errorsOf(dir), join(dir, 'banen.csv'), 1, undefined, /^de velden zijn gescheiden door puntkomma's \(;\) in plaats van komma's; zo bewaart een spreadsheet met Nederlandse instellingen/);
    dir = await writeSet({ files: { banen: semi.replaceAll(';', '\t') } });
    only(await errorsOf(dir), join(dir, 'banen.csv'), 1, undefined, /^de velden zijn gescheiden door tabs in plaats van komma's/);
  });

  test('dates as DD-MM-JJJJ say so and give the date as it should be written', async () => {
    const dir = await writeSet({ rows: { wanbetalers: ['P2,1-2-2016,31-12-2016'] } });
    assert.deepEqual(await errorsOf(dir), [
      `${join(dir, 'wanbetalers.csv')}:2: kolom 'begin': ongeldige datum '1-2-2016': dag-maand-jaar (DD-MM-JJJJ), zoals een spreadsheet met Nederlandse instellingen schrijft (verwacht: jaar-maand-dag als JJJJ-MM-DD, hier 2016-02-01)`,
      `${join(dir, 'wanbetalers.csv')}:2: kolom 'einde': ongeldige datum '31-12-2016': dag-maand-jaar (DD-MM-JJJJ), zoals een spreadsheet met Nederlandse instellingen schrijft (verwacht: jaar-maand-dag als JJJJ-MM-DD, hier 2016-12-31)`,
    ]);
  });

  test('a decimal comma that splits a value in two is named', async () => {
    const dir = await writeSet({ files: { wanbetalers: `${header('wanbetalers')},bedrag\nP2,2016-01-01,2016-12-31,12,50\n` } });
    only(await errorsOf(dir), join(dir, 'wanbetalers.csv'), 2, undefined, /^5 velden in plaats van 4; waarschijnlijk een decimale komma in '12,50' \(kolom 'bedrag'\): zet de waarde tussen "\.\.\." of schrijf een punt/);
  });

  test('a file that is no text (NUL bytes) is refused', async () => {
    const dir = await writeSet({ files: { onderwijs: Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64)]) } });
    only(await errorsOf(dir), join(dir, 'onderwijs.csv'), undefined, undefined, /^het bestand lijkt geen tekst te zijn \(het bevat NUL-tekens\)/);
  });

  test('a Parquet file that is not Parquet is an error without DuckDB\'s words', async () => {
    const dir = await writeSet({ files: { onderwijs: null }, extra: { 'onderwijs.parquet': 'geen parquet' } });
    only(await errorsOf(dir), join(dir, 'onderwijs.parquet'), undefined, undefined, /^het bestand is geen leesbaar Parquet-bestand/);
  });
});

describe('CSV structure (RFC 4180)', () => {
  test('a line with too few or too many fields is an error at its line', async () => {
    const dir = await writeSet({ rows: { justitie: ['Z1,P1,2013-05-05', 'Z2,P2,2015-09-09,sepot_beleid,extra'] } });
    const messages = await errorsOf(dir);
    assert.equal(messages.length, 2, messages.join('\n'));
    has(messages, join(dir, 'justitie.csv'), 2, undefined, /^3 velden in plaats van 4/);
    has(messages, join(dir, 'justitie.csv'), 3, undefined, /^5 velden in plaats van 4/);
  });

  test('an unterminated quote is an error at its line', async () => {
    const dir = await writeSet({ rows: { justitie: ['Z1,P1,2013-05-05,veroordeling', 'Z2,"P2,2015-09-09,sepot_beleid'] } });
    only(await errorsOf(dir), join(dir, 'justitie.csv'), 3, undefined, /^een aanhalingsteken wordt niet afgesloten/);
  });

  test('mixed line ends, or a stray \\r, are an error at their line', async () => {
    const lines = VALID.banen;
    let dir = await writeSet({ files: { banen: `${header('banen')}\n${lines[0]}\r\n${lines[1]}\n${lines[2]}\n` } });
    only(await errorsOf(dir), join(dir, 'banen.csv'), 2, undefined, /^de regel eindigt op \\r\\n, de eerste regel op \\n/);
    dir = await writeSet({ files: { banen: `${header('banen')}\r\n${lines[0]}\r\nP1,B2,zelf\rstandige,2014-08-01,\r\n` } });
    only(await errorsOf(dir), join(dir, 'banen.csv'), 3, undefined, /^een los \\r-teken buiten aanhalingstekens/);
  });

  test('lines stay right after a quoted value with newlines, a blank line and a rejected line', async () => {
    const text =
      `${header('banen')},opmerking\n` +
      'P1,B1,werknemer,2013-01-01,2013-12-31,"een\nopmerking over\ndrie regels"\n' + // lines 2-4
      '\n' + // line 5: blank, skipped
      'P1,B2,zelfstandige\n' + // line 6: too few fields
      'P2,B3,Werknemer,2015-04-01,2016-04-01,\n'; // line 7
    const dir = await writeSet({ files: { banen: text } });
    const messages = await errorsOf(dir);
    assert.equal(messages.length, 2, messages.join('\n'));
    has(messages, join(dir, 'banen.csv'), 6, undefined, /^3 velden in plaats van 6/);
    has(messages, join(dir, 'banen.csv'), 7, 'soort', /^ongeldige waarde 'Werknemer'/);
  });
});

describe('values', () => {
  test('ids are 1 to 32 characters from A-Z, a-z, 0-9, _ and -', async () => {
    const dir = await writeSet({
      rows: {
        detenties: replaceLine('detenties', 3, 'D 2,P2,2015-03-01,2015-03-10,ongeldig,onbekend'),
        justitie: ['Z1,P1,2013-05-05,veroordeling', `${'Z'.repeat(33)},P2,2015-09-09,sepot_beleid`],
        banen: replaceLine('banen', 4, 'P2#,B3,werknemer,2015-04-01,2016-04-01'),
      },
    });
    const messages = await errorsOf(dir);
    assert.equal(messages.length, 3, messages.join('\n'));
    has(messages, join(dir, 'detenties.csv'), 3, 'detentie_id', /^ongeldige id 'D 2' \(verwacht: 1 tot 32 tekens uit A-Z, a-z, 0-9, '_' en '-'\)$/);
    has(messages, join(dir, 'banen.csv'), 4, 'persoon_id', /^ongeldige id 'P2#'/);
    has(messages, join(dir, 'justitie.csv'), 3, 'zaak_id', /^ongeldige id 'Z{33}'/);
  });

  test('dates are exactly YYYY-MM-DD and exist; nothing else is read as a date', async () => {
    const cases = ['2015-02-29', ' 2015-01-01', '2015-1-1', '2015/01/01', '20150101', 'infinity', '2015-01-01 00:00:00', '2015-01-01 '];
    const dir = await writeSet({ rows: { wanbetalers: cases.map((value) => `P2,${value},2016-12-31`) } });
    const messages = await errorsOf(dir);
    assert.equal(messages.length, cases.length, messages.join('\n'));
    cases.forEach((value, i) => {
      assert.equal(
        messages[i],
        `${join(dir, 'wanbetalers.csv')}:${i + 2}: kolom 'begin': ongeldige datum '${value}' (verwacht: een bestaande datum als JJJJ-MM-DD)`,
      );
    });
  });

  test('a date after the peildatum is an error', async () => {
    const dir = await writeSet({ rows: { personen: replaceLine('personen', 4, 'P3,m,1975-12-31,hbo_wo,2019-07-01,') } });
    only(await errorsOf(dir), join(dir, 'personen.csv'), 4, 'datum_overlijden', /^datum 2019-07-01 ligt na de peildatum 2019-06-30/);
  });

  test('enumerations are exact and lower-case', async () => {
    const dir = await writeSet({
      rows: {
        personen: replaceLine('personen', 2, 'P1,M,1980-01-01,mbo1,,'),
        detenties: replaceLine('detenties', 4, 'D3,P3,2016-01-01,2016-02-01,onbekend,geldig '),
      },
    });
    const messages = await errorsOf(dir);
    assert.equal(messages.length, 2, messages.join('\n'));
    has(messages, join(dir, 'personen.csv'), 2, 'geslacht', /^ongeldige waarde 'M' \(verwacht: een van 'm' of 'v', precies zo geschreven\)$/);
    has(messages, join(dir, 'detenties.csv'), 4, 'id_bij_uitstroom', /^ongeldige waarde 'geldig '/);
  });

  test('required fields are not empty', async () => {
    const dir = await writeSet({ rows: { personen: replaceLine('personen', 3, 'P2,v,,onbekend,,') } });
    only(await errorsOf(dir), join(dir, 'personen.csv'), 3, 'geboortedatum', /^waarde ontbreekt \(verwacht: een bestaande datum als JJJJ-MM-DD\)$/);
  });
});

describe('rules over rows and extracts', () => {
  test('a spell ends on or after its begin', async () => {
    const dir = await writeSet({ rows: { uitkeringen: replaceLine('uitkeringen', 2, 'P1,bijstand,2014-07-01,2014-06-30') } });
    only(await errorsOf(dir), join(dir, 'uitkeringen.csv'), 2, 'einde', /^einde 2014-06-30 ligt voor begin 2014-07-01 \(verwacht: einde op of na begin\)$/);
  });

  test('datum_uitstroom is on or after datum_instroom', async () => {
    const dir = await writeSet({ rows: { detenties: replaceLine('detenties', 3, 'D2,P2,2015-03-01,2015-02-28,ongeldig,onbekend') } });
    only(await errorsOf(dir), join(dir, 'detenties.csv'), 3, 'datum_uitstroom', /^datum_uitstroom 2015-02-28 ligt voor datum_instroom 2015-03-01/);
  });

  test('geboortedatum lies before datum_instroom (reported at the detention, naming the person line)', async () => {
    const dir = await writeSet({ rows: { detenties: replaceLine('detenties', 3, 'D2,P2,1990-05-05,2015-03-10,ongeldig,onbekend') } });
    only(
      await errorsOf(dir),
      join(dir, 'detenties.csv'),
      3,
      'datum_instroom',
      new RegExp(`^datum_instroom 1990-05-05 ligt niet na geboortedatum 1990-05-05 \\(van persoon_id 'P2', ${join(dir, 'personen.csv').replace(/[.]/g, '\\.')}:3\\)`),
    );
  });

  test('persoon_id, detentie_id and zaak_id are unique (the duplicate names the first line)', async () => {
    const dir = await writeSet({
      rows: {
        personen: [...VALID.personen, 'P2,v,1990-05-05,onbekend,,'],
        detenties: replaceLine('detenties', 4, 'D1,P3,2016-01-01,2016-02-01,onbekend,geldig'),
        justitie: [...VALID.justitie, 'Z1,P3,2016-05-05,transactie'],
      },
    });
    const messages = await errorsOf(dir);
    assert.equal(messages.length, 3, messages.join('\n'));
    has(messages, join(dir, 'personen.csv'), 5, 'persoon_id', /^dubbele waarde 'P2', staat ook op regel 3 \(verwacht: elke persoon_id één keer\)$/);
    has(messages, join(dir, 'detenties.csv'), 4, 'detentie_id', /^dubbele waarde 'D1', staat ook op regel 2/);
    has(messages, join(dir, 'justitie.csv'), 4, 'zaak_id', /^dubbele waarde 'Z1', staat ook op regel 2/);
  });

  test('huishouden is required for a woonadres and empty otherwise', async () => {
    const dir = await writeSet({
      rows: {
        adressen: [
          'P1,A1,woonadres,,2010-01-01,2013-12-31',
          'P1,A2,instelling,alleenstaand,2014-01-01,2014-06-30',
          ...VALID.adressen.slice(2),
        ],
      },
    });
    const messages = await errorsOf(dir);
    assert.equal(messages.length, 2, messages.join('\n'));
    has(messages, join(dir, 'adressen.csv'), 2, 'huishouden', /^waarde ontbreekt bij soort 'woonadres'/);
    has(messages, join(dir, 'adressen.csv'), 3, 'huishouden', /^'alleenstaand' ingevuld bij soort 'instelling' \(verwacht: leeg, behalve bij soort 'woonadres'\)$/);
  });

  test("a person's address spells do not overlap, an open spell running to the peildatum", async () => {
    let dir = await writeSet({ rows: { adressen: replaceLine('adressen', 3, 'P1,A2,instelling,,2013-12-31,2014-06-30') } });
    only(
      await errorsOf(dir),
      join(dir, 'adressen.csv'),
      3,
      'begin',
      /^periode 2013-12-31 t\/m 2014-06-30 van persoon_id 'P1' overlapt met de periode 2010-01-01 t\/m 2013-12-31 op regel 2/,
    );
    // The open spell of line 4 covers everything after it.
    dir = await writeSet({ rows: { adressen: [...VALID.adressen, 'P1,A9,briefadres,,2019-06-30,2019-06-30'] } });
    only(await errorsOf(dir), join(dir, 'adressen.csv'), 6, 'begin', /overlapt met de periode 2014-07-01 t\/m open op regel 4/);
  });

  test('every persoon_id exists in personen', async () => {
    const dir = await writeSet({ rows: { zorg: ['P3,ggz,2016-03-01,2016-09-01', 'P9,verslavingszorg,2017-01-01,'] } });
    only(
      await errorsOf(dir),
      join(dir, 'zorg.csv'),
      3,
      'persoon_id',
      new RegExp(`^'P9' staat niet in ${join(dir, 'personen.csv').replace(/[.]/g, '\\.')} \\(verwacht: elke persoon_id komt voor in`),
    );
  });
});

describe('reporting', () => {
  test('reports problems of every file together, sorted by file and line, in Parquet by row number', async () => {
    const dir = await writeSet({
      forms: { uitkeringen: 'parquet', justitie: 'csv.gz' },
      rows: {
        personen: replaceLine('personen', 3, 'P2,x,1990-05-05,onbekend,,'),
        uitkeringen: replaceLine('uitkeringen', 3, 'P3,pensioen,2017-01-01,2016-01-01'),
        justitie: replaceLine('justitie', 2, 'Z1,P1,2013-05-05,Veroordeling'),
      },
    });
    const messages = await errorsOf(dir);
    assert.deepEqual(
      messages.map((m) => m.split(': ').slice(0, 2).join(': ')),
      [
        `${join(dir, 'personen.csv')}:3: kolom 'geslacht'`,
        `${join(dir, 'uitkeringen.parquet')}:2: kolom 'einde'`,
        `${join(dir, 'justitie.csv.gz')}:2: kolom 'afdoening'`,
      ],
    );
  });

  test('stops describing at the cap and counts the rest', async () => {
    const bad = Array.from({ length: 7 }, (_, i) => `P1,B${i},baan,2013-01-01,`);
    const dir = await writeSet({ rows: { banen: bad } });
    const messages = await errorsOf(dir, { maxErrors: 3 });
    assert.equal(messages.length, 4, messages.join('\n'));
    has(messages, join(dir, 'banen.csv'), 2, 'soort', /^ongeldige waarde 'baan'/);
    has(messages, join(dir, 'banen.csv'), 4, 'soort', /^ongeldige waarde 'baan'/);
    assert.equal(messages[3], '… en nog 4 andere fouten');
    assert.equal((await errorsOf(dir)).length, 7);
  });

  test('each problem is a diagnostic with the file, the line and the rule it breaks', async () => {
    const dir = await writeSet({
      rows: {
        personen: replaceLine('personen', 3, 'P2,x,1990-05-05,onbekend,,'),
        wanbetalers: ['P2,2016-02-30,2016-12-31'],
      },
      files: { banen: 'persoon_id,baan_id,soort,begin\nP1,B1,werknemer,2013-01-01\n' },
    });
    const found = await diagnosticsOf(dir, { maxErrors: 2 });
    assert.deepEqual(
      found.map((d) => [d.file, d.line, d.rule]),
      [
        [join(dir, 'personen.csv'), 3, 'extract/waarde'],
        [join(dir, 'banen.csv'), 1, 'extract/kolom-ontbreekt'],
        [undefined, undefined, 'extract/meer'],
      ],
    );
    assert.match(found[1]!.text, /^kolom 'einde': ontbreekt in de kopregel/);
  });
});
