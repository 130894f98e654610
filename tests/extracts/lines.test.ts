/**
 * physicalLines and lineEndingProblem: from DuckDB's row positions and line count to the lines
 * a person sees in an editor.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lineEndingProblem, physicalLines } from '../../src/extracts/lines.ts';

let dir: string | undefined;
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function file(text: string | Buffer): Promise<string> {
  dir ??= await mkdtemp(join(tmpdir(), 'extracts-lines-'));
  const path = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(path, text);
  return path;
}

test('kept rows map to the line they start on, past quoted newlines, blank lines and rejected lines', async () => {
  const path = await file(
    '\uFEFFa,b\r\n' + // 1 header (DuckDB line 1)
      '1,"x\r\ny"\r\n' + // 2-3: row 0 (DuckDB line 2)
      '\r\n' + // 4: blank (DuckDB line 3)
      '2\r\n' + // 5: rejected (DuckDB line 4)
      '3,"a ""quoted"" b"\r\n' + // 6: row 1 (DuckDB line 5)
      'x"y,4\r\n' + // 7: row 2, a quote inside an unquoted value is a plain character
      '5,6', // 8: row 3, no final newline
  );
  const answer = await physicalLines(path, { rows: [0, 1, 2, 3], rejected: [4] });
  assert.deepEqual([...answer.rows.entries()], [
    [0, 2],
    [1, 6],
    [2, 7],
    [3, 8],
  ]);
  assert.deepEqual([...answer.rejected.entries()], [[4, 5]]);
});

test('works across read chunks', async () => {
  const rows = Array.from({ length: 60_000 }, (_, i) => (i % 1000 === 0 ? `${i},"multi\nline"` : `${i},${'v'.repeat(40)}`));
  const path = await file(`a,b\n${rows.join('\n')}\n`);
  const answer = await physicalLines(path, { rows: [0, 1, 59_999], rejected: [] });
  // Rows 0, 1000, ..., 59000 each take two lines: 60 of them.
  assert.deepEqual([...answer.rows.entries()], [
    [0, 2],
    [1, 4],
    [59_999, 60_001 + 60],
  ]);
});

test('finds the first line whose end differs from the first line, and a stray \\r', async () => {
  assert.deepEqual(await lineEndingProblem(await file('a,b\n1,2\n3,4\r\n')), { line: 3, kind: 'crlf-after-lf' });
  assert.deepEqual(await lineEndingProblem(await file('a,b\r\n1,2\n')), { line: 2, kind: 'lf-after-crlf' });
  assert.deepEqual(await lineEndingProblem(await file('a,b\n1,"x\r\ny"\n3,x\ry\n')), { line: 4, kind: 'lone-cr' });
  assert.equal(await lineEndingProblem(await file('a,b\r\n1,"2\n"\r\n')), undefined);
});
