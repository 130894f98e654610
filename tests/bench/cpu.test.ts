/**
 * bench/cpu.ts: the CPU of every process a command starts, also of one that outlives its parent
 * and has no token of its own (as Chromium's helpers do), and of nothing else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { meet } from '../../bench/cpu.ts';
import { GEDULD, wachtOp } from '../helpers/processen.ts';

/** Node code that burns `ms` milliseconds of its own CPU time, user and system (not wall time). */
const brand = (ms: number) => `const b = process.cpuUsage(); for (;;) { const u = process.cpuUsage(b); if (u.user + u.system >= ${ms * 1000}) break; }`;

test('an orphaned grandchild without the token is counted once its parent was seen; a process of someone else is not', { skip: !existsSync('/proc/self/stat') && 'no /proc' }, async (tc) => {
  const meter = meet(10);
  // The child starts a grandchild with an empty environment, detached, and ends when told
  // (stdin closes); the grandchild burns 400 ms of CPU, most of it after the child has ended.
  const kind = spawn(
    process.execPath,
    [
      '-e',
      `const k = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(`${brand(50)} setTimeout(() => { ${brand(400)} }, 0);`)}], { env: {}, detached: true, stdio: 'ignore' });
       k.unref(); console.log(k.pid); process.stdin.resume(); process.stdin.on('end', () => process.exit(0));`,
    ],
    { env: meter.env, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let uit = '';
  kind.stdout.on('data', (d: Buffer) => (uit += d.toString()));
  await wachtOp(() => /\n/.test(uit), GEDULD, 'the grandchild to start');
  const kleinkind = Number(uit.trim());
  await wachtOp(() => meter.pids().includes(kleinkind), GEDULD, 'the meter to see the grandchild');
  const einde = new Promise((r) => kind.on('exit', r));
  kind.stdin.end();
  await einde;
  // Meanwhile a process that is not the command's burns CPU too.
  const ander = spawn(process.execPath, ['-e', brand(600)], { stdio: 'ignore' });
  await new Promise((r) => ander.on('exit', r));
  await wachtOp(() => !existsSync(`/proc/${kleinkind}`), GEDULD, 'the grandchild to end');
  const cpu = meter.stop()!;
  tc.diagnostic(`${cpu} s`);
  assert.ok(cpu >= 0.4, `the grandchild's 450 ms are counted: ${cpu} s`);
  assert.ok(cpu < 1, `the other process's 600 ms are not: ${cpu} s`);
});
