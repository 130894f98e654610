/**
 * Every character the committed chapters and letters print is one the shipped fonts cover: a
 * character outside their unicode ranges (a Greek χ, a ≥) makes Chromium fall back to a system
 * font, and the PDF then differs from machine to machine. Checked on the text, so it needs no
 * browser; tests/pdf/monitor.test.ts checks the fonts of a printed PDF.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/root.ts';

/** The code points the @font-face rules of templates/print/fonts.css cover. */
function gedekt(): (cp: number) => boolean {
  const css = readFileSync(join(PROJECT_ROOT, 'templates', 'print', 'fonts.css'), 'utf8');
  const bereiken = [...css.matchAll(/unicode-range:\s*([^;]+);/g)].flatMap((m) =>
    m[1]!.split(',').map((r) => {
      const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as const;
    }),
  );
  assert.ok(bereiken.length > 0, 'fonts.css declares unicode ranges');
  return (cp) => bereiken.some(([a, b]) => cp >= a && cp <= b);
}

test('every character of the committed chapters and letters is covered by the shipped fonts', () => {
  const dekt = gedekt();
  const missend = new Map<string, string>();
  const uit = join(PROJECT_ROOT, 'out');
  for (const editie of readdirSync(uit)) {
    for (const map of ['monitor', 'kamerbrief']) {
      for (const f of readdirSync(join(uit, editie, map))) {
        for (const ch of readFileSync(join(uit, editie, map, f), 'utf8'))
          if (ch !== '\n' && !dekt(ch.codePointAt(0)!)) missend.set(ch, `${editie}/${map}/${f}`);
      }
    }
  }
  assert.deepEqual([...missend].map(([ch, f]) => `${ch} (U+${ch.codePointAt(0)!.toString(16).toUpperCase()}) in ${f}`), []);
  // And the check can fail: a Greek letter is outside every range.
  assert.equal(dekt('χ'.codePointAt(0)!), false);
});
