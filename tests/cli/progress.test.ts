/** What the user sees: plain lines without a terminal, a live line on one, a summary at the end. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isInteractive, createReporter, samenvatting } from '../../src/cli/progress.ts';

function stroom(isTTY: boolean) {
  const s = { tekst: '', isTTY, write: (t: string) => (s.tekst += t) };
  return s;
}

test('a terminal is interactive, unless CI is set or TERM is dumb; a pipe never is', () => {
  assert.equal(isInteractive(stroom(true), {}), true);
  assert.equal(isInteractive(stroom(true), { CI: 'true' }), false);
  assert.equal(isInteractive(stroom(true), { TERM: 'dumb' }), false);
  assert.equal(isInteractive(stroom(false), {}), false);
});

test('without a terminal each stage is one plain line, without escape codes', () => {
  const s = stroom(false);
  const fx = createReporter({ stream: s, interactief: false, quiet: false, now: () => 0 });
  fx.begin?.(1, 'Extracten laden');
  fx.log('1. Extracten laden (1,0 s): 9 extracten');
  fx.log('   waarschuwing: kolom x extra');
  fx.stop();
  assert.equal(s.tekst, '1. Extracten laden (1,0 s): 9 extracten\n   waarschuwing: kolom x extra\n');
});

test('on a terminal the running stage is shown and then replaced by its result line', () => {
  const s = stroom(true);
  const fx = createReporter({ stream: s, interactief: true, quiet: false, now: () => 0 });
  fx.begin?.(2, 'Indicatoren berekenen');
  assert.match(s.tekst, /2\. Indicatoren berekenen …/);
  fx.log('2. Indicatoren berekenen (1,5 s): 42 indicatoren');
  fx.stop();
  assert.ok(s.tekst.endsWith('\r\x1b[2K2. Indicatoren berekenen (1,5 s): 42 indicatoren\n'), JSON.stringify(s.tekst));
});

test('--quiet keeps only warnings', () => {
  const s = stroom(false);
  const fx = createReporter({ stream: s, interactief: false, quiet: true });
  fx.log('1. Extracten laden (1,0 s)');
  fx.log('   waarschuwing: iets');
  assert.equal(s.tekst, '   waarschuwing: iets\n');
});

test('the summary gives the duration and, per product folder, the count and the first names', () => {
  const r = samenvatting(
    '/elders/out',
    ['data/a.csv', 'data/b.csv', 'figuren/1.svg', 'figuren/2.svg', 'figuren/3.svg', 'figuren/4.svg', 'figuren/5.svg', 'manifest.json', 'pdf/m.pdf'],
    6.42,
    () => 2 * 1024 * 1024,
    ['pdf'],
  );
  assert.equal(r[0], 'Klaar in 6,4 s: 9 bestanden in /elders/out/');
  assert.match(r[1]!, /^ {2}data\/ +2 bestanden {2}a\.csv, b\.csv$/);
  assert.match(r[2]!, /figuren\/ +5 bestanden {2}1\.svg, 2\.svg, 3\.svg, en nog 2$/);
  assert.match(r[3]!, /pdf\/ +1 bestand +m\.pdf \(2,0 MB\) \(ongewijzigd overgenomen\)$/);
  assert.equal(r[4], '  manifest.json');
});
