/** The CSV reader (src/util/csv.ts): quotes, line ends, and the line on which each record starts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvRecords, leesCsv } from '../../src/util/csv.ts';

test('records carry the line on which they start, also after a quoted line end', () => {
  assert.deepEqual(csvRecords('a,b\r\n1,"x\ny"\n2,"z, ""w"""\n'), [
    { regel: 1, velden: ['a', 'b'] },
    { regel: 2, velden: ['1', 'x\ny'] },
    { regel: 4, velden: ['2', 'z, "w"'] },
  ]);
  assert.deepEqual(csvRecords('a\n\n'), [{ regel: 1, velden: ['a'] }, { regel: 2, velden: [''] }]);
  assert.deepEqual(csvRecords(''), []);
});

test('leesCsv keys the records by the header', () => {
  assert.deepEqual(leesCsv('a,b\n1\n'), [{ a: '1', b: '' }]);
});
