/**
 * The letter's metadata live in the edition: changing its date or signatory changes the letter
 * and nothing else under out/ (two builds of the committed data, without PDF; the manifest
 * differs in the edition's hash and the letter's, which is what it is for).
 *
 * Both builds run in this test's process (buildReport, as `npm run report -- --no-pdf` runs it):
 * what is tested is what the edition changes in the output, not the command line; and a build's
 * output does not depend on what the process rendered before (charts/render.ts, stabieleIds).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport } from '../../src/pipeline/build.ts';
import { PROJECT_ROOT } from '../helpers/root.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { GEDEELDE_CACHE } from '../helpers/gedeeld.ts';

const DATA = join(PROJECT_ROOT, 'data', '6e-meting');
const EDITION = join(PROJECT_ROOT, 'editions', '6e-meting', 'editie.json');
const werk = mkdtempSync(join(tmpdir(), 'kamerbrief-editie-'));


const anders = JSON.parse(readFileSync(EDITION, 'utf8'));
anders.brief.datum = '2021-10-05';
anders.brief.ondertekenaar = { functie: 'De Staatssecretaris van Justitie en Veiligheid', naam: 'A. B. Voorbeeld' };
// A copy of the edition's folder (with its own policy response), the edition file changed.
const andersMap = join(werk, 'edities', '6e-meting');
cpSync(join(PROJECT_ROOT, 'editions', '6e-meting'), andersMap, { recursive: true });
const andersPad = join(andersMap, 'editie.json');
writeFileSync(andersPad, JSON.stringify(anders, null, 2));

// One build for each edition, with the result cache of `npm run report` (GEDEELDE_CACHE): the
// letter's metadata are not part of its key (src/pipeline/cache.ts), so both builds take steps
// 1–4 from it. `--out <root>` puts an edition in <root>/<slug>.
async function bouw(out: string, edition: string): Promise<void> {
  await buildReport({ data: DATA, out: join(out, '6e-meting'), edition, pdf: false, cache: GEDEELDE_CACHE }, { log: () => {}, now: () => 0 });
}
await bouw(join(werk, 'a'), EDITION);
await bouw(join(werk, 'b'), andersPad);
const a = snapshot(join(werk, 'a', '6e-meting'));
const b = snapshot(join(werk, 'b', '6e-meting'));

test('changing the letter\'s date and signatory changes the letter and nothing else under out/', () => {
  assert.deepEqual(Object.keys(b).sort(), Object.keys(a).sort(), 'the same files');
  // The web edition is a build product whose every page carries the build identity (a hash over
  // all inputs, the edition file included), like the manifest: it is bound to differ.
  const verschillend = Object.keys(a).filter((f) => a[f] !== b[f] && f !== 'manifest.json' && !f.startsWith('web/'));
  assert.deepEqual(verschillend, ['kamerbrief/kamerbrief.md']);
  assert.ok(Object.keys(a).some((f) => f.startsWith('monitor/')), 'the monitor was built too');
});

test('the letter\'s Markdown carries the new date, vergaderjaar and signatory', () => {
  const md = readFileSync(join(werk, 'b', '6e-meting', 'kamerbrief', 'kamerbrief.md'), 'utf8');
  assert.match(md, /vergaderjaar 2021–2022/);
  assert.match(md, /Den Haag, 5 oktober 2021/);
  assert.match(md, /De Staatssecretaris van Justitie en Veiligheid, A\. B\. Voorbeeld/);
  const oud = readFileSync(join(werk, 'a', '6e-meting', 'kamerbrief', 'kamerbrief.md'), 'utf8');
  assert.match(oud, /Den Haag, 8 maart 2021/);
  // The text below the comment is the same: only the metadata moved.
  const tekst = (s: string) => s.slice(s.indexOf('-->'));
  assert.equal(tekst(md), tekst(oud));
});

test('in the manifest only the edition\'s hash and the letter differ', () => {
  const ma = JSON.parse(readFileSync(join(werk, 'a', '6e-meting', 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const mb = JSON.parse(readFileSync(join(werk, 'b', '6e-meting', 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const plat = (o: unknown, pad = ''): Record<string, string> =>
    typeof o === 'object' && o !== null
      ? Object.assign({}, ...Object.entries(o).map(([k, v]) => plat(v, `${pad}/${k}`)))
      : { [pad]: String(o) };
  const pa = plat(ma);
  const pb = plat(mb);
  // The code's hash is left out: other work in the checkout may change src/ between the builds.
  const verschil = Object.keys({ ...pa, ...pb }).filter((k) => pa[k] !== pb[k] && !k.startsWith('/invoer/code/'));
  assert.ok(verschil.length > 0);
  for (const k of verschil) assert.match(k, /edition|editie|kamerbrief\.md/i, `manifest entry ${k} differs`);
});
