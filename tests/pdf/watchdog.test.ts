/**
 * The browser under a watchdog (issue 18): a browser that never starts, one that prints junk,
 * one that answers on a dead port, a page that never finishes loading and a browser that freezes
 * while printing each end by their step's deadline with a Dutch message naming the step, no
 * partial PDF, and nothing left running or in the temp folder. The fake browsers are shell scripts given as the executable.
 *
 * npm test: eigen proces (tests/run.ts): a failed print must leave no browser or temp folder of
 * this process, which a file sharing the process could add to.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findBrowser } from '../../src/pdf/browser.ts';
import { LAUNCH_ARGS, launchBrowser, reden } from '../../src/pdf/launch.ts';
import { printPdf, type PrintOptions } from '../../src/pdf/print.ts';
import { InputError } from '../../src/util/errors.ts';
import { GEDULD, processenMet, tempResten, wachtOp } from '../helpers/processen.ts';

const werk = mkdtempSync(join(tmpdir(), 'waakhond-test-'));
after(() => rmSync(werk, { recursive: true, force: true }));

/** A fake browser: a shell script in the test's folder (its path marks its processes). */
function nep(naam: string, script: string): string {
  const pad = join(werk, naam);
  writeFileSync(pad, `#!/bin/sh\n${script}\n`);
  chmodSync(pad, 0o755);
  return pad;
}

const tiny = (body = '') =>
  `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Klein</title></head><body><h1>Klein</h1><p>Een korte tekst.</p>${body}</body></html>`;

/**
 * Print with `opties`; returns the error it must end in and how long that took. That the step's
 * own deadline ended it is shown by the message naming the step and its deadline, not by the
 * clock: on a loaded machine killing a browser can take longer than the deadline itself.
 */
async function mislukt(opties: Partial<PrintOptions> & { executablePath: string }): Promise<{ fout: InputError; ms: number }> {
  const outFile = join(werk, 'uit.pdf');
  voor = { resten: new Set(tempResten(process.pid)), processen: new Set(processen()) };
  const t = performance.now();
  let fout: unknown;
  try {
    await printPdf({ html: tiny(), outFile, baseDir: werk, onWarning: () => undefined, ...opties });
  } catch (e) {
    fout = e;
  }
  const ms = Math.round(performance.now() - t);
  assert.ok(fout instanceof InputError, `an InputError, not ${String(fout)}`);
  assert.equal(existsSync(outFile), false, 'no PDF');
  assert.doesNotMatch(fout.message, /\[object Object\]|verhoog de timeout/);
  return { fout, ms };
}

/**
 * What ran and lay in the temp folder before the last print (`mislukt`): npm test may run other
 * test files in this process, and a browser one of them keeps open is theirs, not this print's.
 */
let voor = { resten: new Set<string>(), processen: new Set<number>() };
const processen = () => processenMet('').map((p) => p.pid);

/** Nothing of the print is left: no process of the fake browser, no profile or print folder of this process. */
async function opgeruimd(merk: string): Promise<void> {
  const nieuw = () => processenMet(merk).filter((p) => !voor.processen.has(p.pid));
  await wachtOp(() => nieuw().length === 0, GEDULD, `no process with ${merk}`, () => JSON.stringify(nieuw()));
  assert.deepEqual(tempResten(process.pid).filter((n) => !voor.resten.has(n)), []);
}

function chrome(): string {
  const found = findBrowser();
  assert.ok(found, 'no Chrome/Chromium found: set MONITOR_CHROME');
  return found.executablePath;
}

describe('the watchdog', () => {

  it('a browser that never starts: the start step is named, within its deadline', async () => {
    const hangt = nep('hangt', 'while :; do sleep 1; done');
    const { fout } = await mislukt({ executablePath: hangt, deadlines: { start: 1_000 } });
    assert.match(fout.messages[0]!, /: het starten van de browser duurde langer dan 1 s en is afgebroken; er is geen PDF geschreven$/);
    assert.match(fout.hint!, /MONITOR_CHROME/);
    await opgeruimd(hangt);
  });

  it('a browser that prints junk and stops: its own words, not [object Object]', async () => {
    const kletst = nep('kletst', 'echo "hallo, ik ben geen browser"\necho "segfault in module x" >&2\nexit 3');
    const { fout } = await mislukt({ executablePath: kletst });
    assert.match(fout.messages[0]!, /^Chrome\/Chromium \(.*kletst\) start niet: Failed to launch the browser process: Code: 3; hallo, ik ben geen browser; segfault in module x$/);
    await opgeruimd(kletst);
  });

  it('a browser that announces a port nobody listens on: the connection error, and the process killed', async () => {
    const dood = nep('dood', 'echo "DevTools listening on ws://127.0.0.1:1/devtools/browser/x" >&2\nwhile :; do sleep 1; done');
    const { fout } = await mislukt({ executablePath: dood });
    assert.match(fout.messages[0]!, /start niet: connect ECONNREFUSED 127\.0\.0\.1:1$/);
    await opgeruimd(dood);
  });

  it('a page that never finishes loading (an image that is a FIFO): the load step is named', { timeout: GEDULD }, async () => {
    const fifo = join(werk, 'beeld.png');
    execFileSync('mkfifo', [fifo]);
    const { fout } = await mislukt({ executablePath: chrome(), html: tiny('<img src="beeld.png">'), deadlines: { laden: 2_000 } });
    assert.match(fout.messages[0]!, /: het laden van het document in de browser duurde langer dan 2 s en is afgebroken; er is geen PDF geschreven$/);
    await opgeruimd(`monitor-chrome-${process.pid}-`);
  });

  it('a browser that freezes while printing: the print step is named, and the frozen browser is killed', { timeout: GEDULD }, async () => {
    let pid = 0;
    const { fout } = await mislukt({
      executablePath: chrome(),
      deadlines: { printen: 1_500 },
      launch: async (pad, o) => {
        const l = await launchBrowser(pad, o);
        pid = l.browser.process()!.pid!;
        // Freeze the whole browser (its process group) as soon as the print is asked for.
        l.browser.on('targetchanged', () => undefined);
        const newPage = l.browser.newPage.bind(l.browser);
        l.browser.newPage = async (...a: Parameters<typeof newPage>) => {
          const page = await newPage(...a);
          const pdf = page.pdf.bind(page);
          page.pdf = async (...b: Parameters<typeof pdf>) => {
            process.kill(-pid, 'SIGSTOP');
            return pdf(...b);
          };
          return page;
        };
        return l;
      },
    });
    assert.match(fout.messages[0]!, /: het printen duurde langer dan 2 s en is afgebroken; er is geen PDF geschreven$/);
    assert.ok(pid > 0);
    await opgeruimd(`monitor-chrome-${process.pid}-`);
  });

  it('the real browser runs with its own network off', async () => {
    const l = await launchBrowser(chrome());
    try {
      const cmd = readFileSync(`/proc/${l.browser.process()!.pid}/cmdline`, 'utf8').split('\0');
      for (const flag of ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-domain-reliability', '--disable-breakpad', '--dns-prefetch-disable']) {
        assert.ok(LAUNCH_ARGS.includes(flag as never), flag);
        assert.ok(cmd.includes(flag), `${flag} on the browser's command line`);
      }
    } finally {
      await l.close();
    }
  });
});

describe('a browser left by a run that was killed outright', () => {
  it('is killed, and its profile removed, by the next launch', async () => {
    const dood = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    const profiel = join(tmpdir(), `monitor-chrome-${dood}-test`);
    mkdirSync(profiel);
    // Stands in for the orphaned browser: a process with the profile on its command line.
    const wees = spawn('/bin/sh', ['-c', 'while :; do sleep 1; done', `--user-data-dir=${profiel}`], { stdio: 'ignore' });
    await wachtOp(() => processenMet(profiel).length > 0, GEDULD, 'the stand-in to run');
    const l = await launchBrowser(chrome());
    await l.close();
    assert.equal(existsSync(profiel), false, 'the stale profile is removed');
    await wachtOp(() => wees.exitCode !== null || wees.signalCode !== null, GEDULD, 'the orphan to be killed');
    assert.equal(wees.signalCode, 'SIGKILL');
  });
});

describe('reden', () => {
  it('says what an error object says, in one line', () => {
    assert.equal(reden(new Error('a\n\nstderr:\nb\n\nTROUBLESHOOTING: https://x')), 'a; b');
    assert.equal(reden({ type: 'error', error: new Error('connect ECONNREFUSED 127.0.0.1:1') }), 'connect ECONNREFUSED 127.0.0.1:1');
    assert.equal(reden({ type: 'error' }), '{"type":"error"}');
    assert.equal(reden(Object.create({ type: 'error' }) as object), 'error-gebeurtenis zonder uitleg');
    assert.equal(reden({ code: 7 }), '{"code":7}');
    assert.equal(reden('x'.repeat(400)).length, 300);
  });
});
