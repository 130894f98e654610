/** manifest.json stays the same without a browser; pdf/herkomst.json ties the PDFs to it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeManifest, type Herkomst, type Manifest } from '../../src/pipeline/manifest.ts';
import { PROJECT_ROOT } from '../helpers/root.ts';

const invoer: Manifest['invoer'] = {
  extracten: { 'a.csv': 'x' },
  editie: { bestand: 'e.json', sha256: 'y' },
  sjablonen: {},
  code: { versie: '0', bron: 'z', afhankelijkheden: 'w' },
};
const sha = (t: string | Buffer) => createHash('sha256').update(t).digest('hex');

test('with PDFs, manifest.json is the same as without, and pdf/herkomst.json holds the browser version and the PDFs\' hashes', async () => {
  const zonder = mkdtempSync(join(tmpdir(), 'manifest-'));
  const met = mkdtempSync(join(tmpdir(), 'manifest-'));
  for (const d of [zonder, met]) {
    mkdirSync(join(d, 'data'));
    writeFileSync(join(d, 'data', 'x.csv'), 'a\n');
  }
  mkdirSync(join(met, 'pdf'));
  writeFileSync(join(met, 'pdf', 'm.pdf'), '%PDF-1.7');
  const browser = join(mkdtempSync(join(tmpdir(), 'browser-')), 'nep-chromium');
  writeFileSync(browser, '#!/bin/sh\necho "Chromium 999.0 test"\n');
  chmodSync(browser, 0o755);

  await writeManifest(zonder, invoer, [], { projectRoot: PROJECT_ROOT });
  await writeManifest(met, invoer, [], { projectRoot: PROJECT_ROOT, browserPad: browser });
  const m = readFileSync(join(met, 'manifest.json'), 'utf8');
  assert.equal(m, readFileSync(join(zonder, 'manifest.json'), 'utf8'));
  assert.deepEqual(Object.keys((JSON.parse(m) as Manifest).uitvoer), ['data/x.csv']);

  const h = JSON.parse(readFileSync(join(met, 'pdf', 'herkomst.json'), 'utf8')) as Herkomst;
  assert.equal(h.manifest, sha(m));
  assert.equal(h.browser.versie, 'Chromium 999.0 test');
  assert.equal(h.pdf['m.pdf'], sha('%PDF-1.7'));
  if (h.git) assert.match(h.git.commit, /^[0-9a-f]{40}$/); // null outside a git checkout
});

test('PDFs kept from an earlier build (--no-pdf) leave the manifest as a build without PDFs makes it, so --check accepts the folder', async () => {
  const { createManifest } = await import('../../src/pipeline/manifest.ts');
  const d = mkdtempSync(join(tmpdir(), 'manifest-'));
  mkdirSync(join(d, 'data'));
  writeFileSync(join(d, 'data', 'x.csv'), 'a\n');
  const zonderPdf = await createManifest(d, invoer, []);
  assert.deepEqual(await createManifest(d, invoer, ['pdf']), zonderPdf);
  // Another product taken over is still recorded: that folder may not be what this build makes.
  assert.deepEqual((await createManifest(d, invoer, ['pdf', 'figuren'])).overgenomen, ['figuren']);
});
