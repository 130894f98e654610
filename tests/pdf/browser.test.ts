import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  chromeForTestingIn,
  defaultCandidates,
  findBrowser,
  resolveBrowser,
  type BrowserInstaller,
  type BrowserSearch,
} from '../../src/pdf/browser.ts';
import { InputError } from '../../src/util/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'browser-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function search(over: Partial<BrowserSearch>, existing: readonly string[] = []): BrowserSearch {
  return { env: {}, platform: 'linux', candidates: [], isExecutable: (p) => existing.includes(p), ...over };
}

describe('findBrowser', () => {
  it('takes MONITOR_CHROME before PUPPETEER_EXECUTABLE_PATH, CHROME_PATH and the usual locations', () => {
    const s = search(
      { env: { MONITOR_CHROME: '/opt/mijn/chrome', PUPPETEER_EXECUTABLE_PATH: '/opt/pptr/chrome' }, candidates: ['/usr/bin/chromium'] },
      ['/opt/mijn/chrome', '/opt/pptr/chrome', '/usr/bin/chromium'],
    );
    assert.deepEqual(findBrowser(s), { executablePath: '/opt/mijn/chrome', source: 'MONITOR_CHROME' });
    const s2 = search({ env: { CHROME_PATH: '/opt/c' }, candidates: ['/usr/bin/chromium'] }, ['/opt/c', '/usr/bin/chromium']);
    assert.equal(findBrowser(s2)?.source, 'CHROME_PATH');
  });

  it('refuses an environment variable that points at nothing rather than silently using another browser', () => {
    const s = search({ env: { MONITOR_CHROME: '/nergens/chrome' }, candidates: ['/usr/bin/chromium'] }, ['/usr/bin/chromium']);
    assert.throws(() => findBrowser(s), (e: unknown) => e instanceof InputError && /MONITOR_CHROME=\/nergens\/chrome: daar staat geen uitvoerbaar programma/.test(e.message));
  });

  it('walks the candidate locations in order', () => {
    const s = search({ candidates: ['/a', '/b', '/c'] }, ['/b', '/c']);
    assert.deepEqual(findBrowser(s), { executablePath: '/b', source: 'standaardlocatie' });
    assert.equal(findBrowser(search({ candidates: ['/a'] })), undefined);
  });

  it('knows the usual install locations of Linux, macOS and Windows', () => {
    const linux = defaultCandidates('linux', { PATH: '/usr/local/bin' });
    for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium', '/usr/local/bin/chromium']) {
      assert.ok(linux.includes(p), p);
    }
    assert.ok(defaultCandidates('darwin', {}).includes('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'));
    assert.ok(defaultCandidates('win32', { PROGRAMFILES: 'C:\\Program Files' }).includes('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'));
  });

  it('finds Chrome for Testing in a @puppeteer/browsers cache folder, newest build first', () => {
    const cache = join(dir, 'cache');
    for (const build of ['linux-147.0.1', 'linux-148.0.7778.97']) {
      const exe = join(cache, 'chrome-headless-shell', build, 'chrome-headless-shell-linux64');
      mkdirSync(exe, { recursive: true });
    }
    const found = chromeForTestingIn(cache, 'linux');
    assert.equal(found[0], join(cache, 'chrome-headless-shell', 'linux-148.0.7778.97', 'chrome-headless-shell-linux64', 'chrome-headless-shell'));
    assert.equal(chromeForTestingIn(join(dir, 'leeg'), 'linux').length, 0);
  });
});

describe('resolveBrowser', () => {
  const quiet = () => undefined;

  it('installs with the first available installer when nothing is found, then finds what it installed', async () => {
    const exe = join(dir, 'installed', 'chrome');
    const calls: string[] = [];
    const unavailable: BrowserInstaller = { name: 'apt', available: async () => 'geen root', install: async () => void calls.push('apt') };
    const fake: BrowserInstaller = {
      name: 'nep-installatie',
      available: async () => true,
      install: async () => {
        calls.push('nep');
        mkdirSync(join(dir, 'installed'), { recursive: true });
        writeFileSync(exe, '#!/bin/sh\n');
        chmodSync(exe, 0o755);
      },
    };
    const s: BrowserSearch = { env: {}, platform: 'linux', candidates: [exe], isExecutable: (p) => p === exe && calls.includes('nep') };
    const found = await resolveBrowser({ search: s, installers: [unavailable, fake], log: quiet });
    assert.deepEqual(found, { executablePath: exe, source: 'nep-installatie' });
    assert.deepEqual(calls, ['nep']);
  });

  it('with nothing found and nothing installable, says in Dutch what was searched and tried and how to fix it', async () => {
    const failing: BrowserInstaller = { name: 'Chrome for Testing', available: async () => true, install: async () => { throw new Error('getaddrinfo ENOTFOUND'); } };
    const unavailable: BrowserInstaller = { name: 'apt-get install chromium', available: async () => 'geen root', install: async () => undefined };
    await assert.rejects(
      resolveBrowser({ search: search({ candidates: ['/usr/bin/chromium'] }), installers: [unavailable, failing], log: quiet }),
      (e: unknown) => {
        assert.ok(e instanceof InputError);
        assert.match(e.messages[0]!, /Geen Chrome of Chromium gevonden/);
        assert.match(e.message, /MONITOR_CHROME \(niet gezet\)/);
        assert.match(e.message, /\/usr\/bin\/chromium/);
        assert.match(e.message, /apt-get install chromium: niet geprobeerd \(geen root\)/);
        assert.match(e.message, /Chrome for Testing: mislukt \(getaddrinfo ENOTFOUND\)/);
        assert.match(e.hint ?? '', /MONITOR_CHROME/);
        assert.match(e.hint ?? '', /installeer Chromium/);
        return true;
      },
    );
  });

  it('does not install when a browser is already there', async () => {
    let installed = false;
    const installer: BrowserInstaller = { name: 'x', available: async () => true, install: async () => void (installed = true) };
    await resolveBrowser({ search: search({ candidates: ['/b'] }, ['/b']), installers: [installer], log: quiet });
    assert.equal(installed, false);
  });
});
