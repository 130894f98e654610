/**
 * Chromium's own connections (issue 18): during a print no connection leaves the machine. The
 * browser is launched by the project's own code (printPdf, launchBrowser, LAUNCH_ARGS) but
 * through a wrapper that runs it under strace, which records every connect, sendto, sendmsg and
 * sendmmsg of every browser process with the socket it used (-yy). strace records every call,
 * so nothing depends on timing: the log is complete when the print (and with it the browser) has
 * ended. The page invites the network on purpose: links to web sites, a preconnect and a
 * dns-prefetch hint.
 *
 * Allowed: Unix sockets (Chromium's own processes, D-Bus), the DevTools connection on loopback,
 * and a UDP connect without any send (Chromium's IPv6 reachability probe: connecting a UDP
 * socket only picks a local address; no packet is sent). Anything else, a TCP or UDP socket with
 * a peer that is not loopback or an address in a sendto, fails the test.
 *
 * Needs Chromium and strace (apt-get install strace; .ci/run installs it):
 *   node --import tsx --test tests/pdf/network.test.ts
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findBrowser } from '../../src/pdf/browser.ts';
import { printPdf } from '../../src/pdf/print.ts';

const werk = mkdtempSync(join(tmpdir(), 'netwerk-test-'));
after(() => rmSync(werk, { recursive: true, force: true }));
const log = join(werk, 'strace.log');
let wrapper = '';

before(() => {
  const found = findBrowser();
  assert.ok(found, 'no Chrome/Chromium found: set MONITOR_CHROME');
  try {
    execFileSync('strace', ['-f', '-o', '/dev/null', 'true'], { stdio: 'ignore' });
  } catch {
    assert.fail('strace missing or not allowed to trace: apt-get install strace (in a container: allow ptrace)');
  }
  wrapper = join(werk, 'chromium-onder-strace');
  writeFileSync(wrapper, `#!/bin/sh\nexec strace -f -qq -yy -e signal=none -e trace=connect,sendto,sendmsg,sendmmsg -o '${log}' '${found.executablePath}' "$@"\n`);
  chmodSync(wrapper, 0o755);
});

const LOOPBACK = /^(127\.|\[::1\]|::1)/;

/** The calls in an strace -yy log that reach, or could reach, another machine. */
function naarBuiten(regels: readonly string[]): string[] {
  return regels.filter((regel) => {
    const m = /^\d+\s+(?:<\.\.\. )?(connect|sendto|sendmsg|sendmmsg)\((\d+)<(TCP|TCPv6|UDP|UDPv6|UDPLITE|UDPLITEv6):\[([^\]]*(?:\][^\]]*)*)\]>/.exec(regel);
    const adres = /sa_family=AF_INET6?, [^}]*?(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)")/.exec(regel);
    if (m) {
      const [, call, , proto, ends] = m;
      // "local->peer" once connected; only "inode" for a socket without a peer.
      const peer = ends!.includes('->') ? ends!.split('->')[1]! : '';
      if (peer && !LOOPBACK.test(peer)) return true;
      if (call === 'connect' && proto!.startsWith('UDP')) return false; // picks a local address; sends nothing
      if (adres) return !LOOPBACK.test(adres[1] ?? adres[2] ?? '');
      return false;
    }
    // A socket strace could not name, with an Internet address: count it.
    return adres !== null && !LOOPBACK.test(adres[1] ?? adres[2] ?? '');
  });
}

describe("Chromium's own network during a print", () => {
  it('makes no connection and sends no packet to another machine, while loading, printing and closing', async (tc) => {
    const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Netwerk</title>
      <link rel="preconnect" href="https://www.wodc.nl"><link rel="dns-prefetch" href="//www.rijksoverheid.nl"></head>
      <body><h1>Netwerk</h1><p>Zie <a href="https://www.wodc.nl/">het WODC</a> en <a href="http://example.org/">een voorbeeld</a>.</p></body></html>`;
    const t = performance.now();
    const result = await printPdf({ html, outFile: join(werk, 'netwerk.pdf'), baseDir: werk, executablePath: wrapper, onWarning: () => undefined });
    const ms = Math.round(performance.now() - t);
    assert.equal(result.pages, 1);
    // printPdf returns once the browser (strace's child) has ended: the log is complete.
    const regels = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    assert.ok(regels.some((r) => /<TCP:\[127\.0\.0\.1:\d+->127\.0\.0\.1:\d+\]>/.test(r)), 'the trace saw the DevTools connection (strace worked)');
    const buiten = naarBuiten(regels);
    tc.diagnostic(`${ms} ms, ${regels.length} network calls traced, ${buiten.length} to another machine`);
    assert.deepEqual(buiten, [], 'calls that reach another machine');
  });

  it('naarBuiten tells loopback and the UDP probe from real traffic', () => {
    const calls = [
      '7 sendto(76<TCP:[127.0.0.1:44845->127.0.0.1:44446]>, "x", 1, MSG_NOSIGNAL, NULL, 0) = 1',
      '8 connect(18<UDPv6:[606993]>, {sa_family=AF_INET6, sin6_port=htons(443), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = 0',
      '9 connect(3<UNIX:[1234]>, {sa_family=AF_UNIX, sun_path="/run/dbus/system_bus_socket"}, 110) = 0',
    ];
    assert.deepEqual(naarBuiten(calls), []);
    const buiten = [
      '10 connect(19<TCP:[555]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("93.184.216.34")}, 16) = -1 EINPROGRESS',
      '11 sendto(20<UDP:[10.0.0.2:5353->10.0.0.1:53]>, "dns", 3, 0, NULL, 0) = 3',
      '12 sendto(21<UDP:[777]>, "dns", 3, 0, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("8.8.8.8")}, 16) = 3',
      '13 sendmsg(22<UDPv6:[[fe80::1]:1->[2001:4860:4860::8888]:443]>, {msg_name=NULL}, 0) = 9',
    ];
    assert.deepEqual(naarBuiten(buiten), buiten);
  });
});
