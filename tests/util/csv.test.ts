/** The CSV module (src/util/csv.ts): quotes, line ends, the line on which each record starts, and writing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, csvQuoted, csvRecords, csvText, leesCsv } from '../../src/util/csv.ts';

test('records carry the line on which they start, also after a quoted line end', () => {
  assert.deepEqual(csvRecords('a,b\r\n1,"x\ny"\n2,"z, ""w"""\n'), [
    { line: 1, fields: ['a', 'b'] },
    { line: 2, fields: ['1', 'x\ny'] },
    { line: 4, fields: ['2', 'z, "w"'] },
  ]);
  assert.deepEqual(csvRecords('a\n\n'), [{ line: 1, fields: ['a'] }, { line: 2, fields: [''] }]);
  assert.deepEqual(csvRecords(''), []);
});

test('leesCsv keys the records by the header', () => {
  assert.deepEqual(leesCsv('a,b\n1\n'), [{ a: '1', b: '' }]);
});

test('a field is quoted only when it must be, csvQuoted always; what is written reads back', () => {
  assert.equal(csvField('cox_basis'), 'cox_basis');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('zei "nee"'), '"zei ""nee"""');
  assert.equal(csvField('x\ny'), '"x\ny"');
  assert.equal(csvQuoted('tekst'), '"tekst"');
  const tekst = csvText('a,b', [[csvField('1'), csvQuoted('x, "y"\nz')].join(',')]);
  assert.equal(tekst, 'a,b\n1,"x, ""y""\nz"\n');
  assert.deepEqual(leesCsv(tekst), [{ a: '1', b: 'x, "y"\nz' }]);
});
