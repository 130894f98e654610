/** The shared runner of numbered SQL files: order, placeholders and validated literals. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fillSql, isoDateLiteral, sqlSteps, wordListLiteral } from '../../src/util/sql.ts';

test('sqlSteps reads the .sql files of a folder in the order of their names, and nothing else', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sql-'));
  writeFileSync(join(dir, '02-tweede.sql'), 'SELECT 2;');
  writeFileSync(join(dir, '01-eerste.sql'), 'SELECT 1;');
  writeFileSync(join(dir, 'LEESMIJ.md'), 'geen SQL');
  assert.deepEqual(sqlSteps(pathToFileURL(`${dir}/`)), [
    { file: '01-eerste.sql', sql: 'SELECT 1;' },
    { file: '02-tweede.sql', sql: 'SELECT 2;' },
  ]);
});

test('fillSql fills every placeholder and refuses one it has no value for', () => {
  assert.equal(fillSql("WHERE d <= DATE '{{peildatum}}' AND a IN ({{a}})", { peildatum: '2019-06-30', a: "'x'" }), "WHERE d <= DATE '2019-06-30' AND a IN ('x')");
  assert.throws(() => fillSql('SELECT {{onbekend}}', {}), /unknown SQL parameter \{\{onbekend\}\}/);
});

test('literals are checked before they can reach the SQL', () => {
  assert.equal(isoDateLiteral('2019-06-30'), '2019-06-30');
  assert.throws(() => isoDateLiteral("2019-06-30' OR '1'='1"), /not an ISO date/);
  assert.equal(wordListLiteral(['veroordeling', 'sepot_beleid']), "'veroordeling', 'sepot_beleid'");
  assert.throws(() => wordListLiteral(["x'; DROP TABLE uitstroom; --"]), /not a plain word/);
  assert.throws(() => wordListLiteral([]), /empty list/);
});
