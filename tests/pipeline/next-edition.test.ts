/**
 * A new edition is a new folder: the steps of docs/editions.md for making the 8th meting (cohorts
 * 2020–2021) from a copy of the 7th, done exactly as written, on a copy of the repository.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/root.ts';

const repo = mkdtempSync(join(tmpdir(), 'monitor-8e-'));
// What a checkout holds that the steps use: the code, templates, editions, and the 7th meting's
// committed outputs (the 8th compares with them). No extracts of other editions are needed.
for (const p of ['package.json', 'package-lock.json', 'tsconfig.json', 'bin', 'src', 'templates', 'editions', join('out', '7e-meting')]) cpSync(join(PROJECT_ROOT, p), join(repo, p), { recursive: true });
symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(repo, 'node_modules'));

function run(args: string[]) {
  return spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8' });
}

test('the README\'s steps make the 8th meting from a copy of the 7th', () => {
  const readme = readFileSync(join(PROJECT_ROOT, 'docs', 'editions.md'), 'utf8');
  assert.match(readme, /## Making the next meting \(the 8th, cohorts 2020–2021\)/);

  // 1. Copy the newest edition.
  cpSync(join(repo, 'editions', '7e-meting'), join(repo, 'editions', '8e-meting'), { recursive: true });
  // 2. Edit the edition file.
  const pad = join(repo, 'editions', '8e-meting', 'editie.json');
  const e = JSON.parse(readFileSync(pad, 'utf8'));
  Object.assign(e, { nummer: 8, ondertitel: '8e meting: uitstroomcohorten 2020–2021', cohorten: [2020, 2021], vorige: '7e-meting', datum: '2026-09-15' });
  Object.assign(e.brief, { datum: '2026-09-15', nr: 171 });
  writeFileSync(pad, JSON.stringify(e, null, 2));
  // 3. That year's policy response and closing.
  writeFileSync(
    join(repo, 'editions', '8e-meting', 'templates', 'kamerbrief', 'beleidsreactie.md.hbs'),
    '## Beleidsreactie\n\nDe {{editie.nummer}}e monitor beschrijft wie in {{lijst cohorten}} vrijkwam.\n\n## Tot slot\n\nIk houd uw Kamer op de hoogte.\n',
  );
  // … and that meting's Voorwoord, the works it cites (none here) and its committee (kept).
  writeFileSync(
    join(repo, 'editions', '8e-meting', 'templates', 'monitor', '02-voorwoord.md.hbs'),
    '# Voorwoord {#sec:voorwoord}\n\nHet Wetenschappelijk Onderzoek- en Documentatiecentrum (WODC) volgt in deze {{editie.nummer}}e meting wie in {{lijst cohorten}} vrijkwam.\n',
  );
  writeFileSync(join(repo, 'editions', '8e-meting', 'literatuur.json'), '[]\n');
  // 4. Synthetic extracts, with the command docs/editions.md gives.
  const stap4 = /`npm run data:generate -- (--scale [^`]*--out data\/8e-meting)`/.exec(readme);
  assert.ok(stap4, 'docs/editions.md gives the command for the extracts');
  const gen = run(['--import', 'tsx', join('src', 'synth', 'cli.ts'), ...stap4[1]!.split(/\s+/)]);
  assert.equal(gen.status, 0, gen.stderr);
  // 5. Build it as `npm run report` does (without PDFs here: the PDF tests have their own browser).
  const bouw = run([join('bin', 'report.mjs'), '--edition', '8e-meting', '--no-pdf', '--no-cache']);
  assert.equal(bouw.status, 0, bouw.stderr);

  const out = join(repo, 'out', '8e-meting');
  const hoofdstukken = readdirSync(join(out, 'monitor'));
  assert.deepEqual(hoofdstukken.slice(0, 4), ['01-voorwoord.md', '02-afkortingen.md', '03-samenvatting.md', '04-summary.md']);
  assert.ok(hoofdstukken.includes('10-vergelijking.md'), hoofdstukken.join(', '));
  assert.match(readFileSync(join(out, 'monitor', '01-voorwoord.md'), 'utf8'), /in deze 8e meting wie in 2020 en 2021 vrijkwam/);
  assert.doesNotMatch(bouw.stderr + bouw.stdout, /waarschuwing: .*(literatuur\.json|afkorting)/);
  const samenvatting = readFileSync(join(out, 'monitor', '03-samenvatting.md'), 'utf8');
  assert.match(samenvatting, /in 2020 en 2021 uit detentie kwamen/);
  assert.match(samenvatting, /## Vergeleken met de 7e meting/);
  // The English Summary follows the edition as the Samenvatting does.
  const summary = readFileSync(join(out, 'monitor', '04-summary.md'), 'utf8');
  assert.match(summary, /released from detention in 2020 and 2021 fare/);
  assert.match(summary, /## Compared with the 7th measurement/);
  const vergelijking = readFileSync(join(out, 'monitor', '10-vergelijking.md'), 'utf8');
  assert.match(vergelijking, /De 8e meting volgt de uitstroomcohorten 2020–2021; de 7e meting beschreef de cohorten 2017–2019\./);
  const brief = readFileSync(join(out, 'kamerbrief', 'kamerbrief.md'), 'utf8');
  assert.match(brief, /De 8e monitor beschrijft wie in 2020 en 2021 vrijkwam\./);
  assert.match(brief, /nr\. 171/);
  assert.ok(existsSync(join(out, 'manifest.json')));
  // The 7th meting's committed outputs are left as they were.
  assert.ok(existsSync(join(repo, 'out', '7e-meting', 'manifest.json')));
});
