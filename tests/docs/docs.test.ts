/**
 * The user documentation in docs/ stays true to the code: every extract, column and value of the
 * data contract, every indicator, every model, covariate and output header is named in its page,
 * so a change in the code that the docs do not follow fails here. And the project is
 * self-contained: nothing a user gets points at the developers' specifications outside it.
 *
 * Names are looked for in backticks (`werk`), the way the docs write code names, so a word that
 * happens to occur in the prose does not count.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTRACTS, ID_KOLOMMEN } from '../../src/extracts/contract.ts';
import { BASISVOORWAARDEN } from '../../src/vocabulary/lists.ts';
import { indicatorenVoor } from '../../src/indicators/definitions.ts';
import { GROEPEN, MOMENTEN, PROBLEMEN } from '../../src/vocabulary/lists.ts';
import { REGEL_TEKST } from '../../src/indicators/disclosure.ts';
import { INDICATOREN_HEADER, ONDERDRUKKING_HEADER } from '../../src/indicators/write.ts';
import { KM_REGEL_TEKST } from '../../src/models/disclosure.ts';
import { KM_UITSPLITSINGEN, MODELLEN, NIVEAUS, modelDefinities } from '../../src/models/frames.ts';
import { KM_HEADER, MODELLEN_HEADER, MODELLEN_PERIODEN_HEADER, MODELLEN_PH_HEADER } from '../../src/models/write.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const doc = (name: string): string => readFileSync(join(root, 'docs', name), 'utf8');
const code = (name: string): string => `\`${name}\``;

/** The names in `names` that `text` does not mention in backticks. */
function missing(text: string, names: Iterable<string>): string[] {
  return [...new Set(names)].filter((n) => !text.includes(code(n)));
}

/** The part of a page under the `###` heading that names `name` in backticks, up to the next heading. */
function section(text: string, name: string): string | undefined {
  const parts = text.split(/^(?=#{1,3} )/m);
  return parts.find((p) => p.startsWith('### ') && p.split('\n')[0]!.includes(code(name)));
}

test('docs/extracts.md names every extract of the contract, each with its columns and their values', () => {
  const text = doc('extracts.md');
  for (const spec of EXTRACTS) {
    const part = section(text, spec.name);
    assert.ok(part, `docs/extracts.md has no section headed \`${spec.name}\``);
    const namen = spec.columns.flatMap((c) => [c.name, ...(c.type.kind === 'enum' ? c.type.values : [])]);
    assert.deepEqual(missing(part, namen), [], `docs/extracts.md, section ${spec.name}: columns or values not named`);
  }
});

test('docs/extracts.md says what the edition changes in the contract', () => {
  const text = doc('extracts.md');
  assert.deepEqual(missing(text, [...ID_KOLOMMEN, 'zorg', 'contractVoor', 'extractie.json', 'peildatum', 'bron']), []);
  assert.ok(text.includes("bestand:regel: kolom 'x':"), 'docs/extracts.md shows the message format');
});

test('docs/indicators.md names every indicator, moment, group and disclosure rule', () => {
  const text = doc('indicators.md');
  const namen = indicatorenVoor(BASISVOORWAARDEN, true).map((d) => d.naam);
  assert.ok(namen.includes('populatie') && namen.includes('recidive_2j'));
  // The samenhang indicators follow the edition's problems: the page describes them by pattern.
  const patronen = new Map([
    [/^problemen_\d+$/, 'problemen_<k>'],
    [/^samen_[a-z]+_[a-z]+$/, 'samen_<a>_<b>'],
  ]);
  const verwacht = namen.map((n) => [...patronen].find(([re]) => re.test(n))?.[1] ?? n);
  assert.deepEqual(missing(text, verwacht), [], 'docs/indicators.md: indicators not named');
  assert.deepEqual(missing(text, PROBLEMEN), [], 'docs/indicators.md: samenhang problems not named');
  assert.deepEqual(missing(text, [...MOMENTEN, ...GROEPEN, ...BASISVOORWAARDEN]), [], 'docs/indicators.md: moments, groups or basisvoorwaarden not named');
  assert.deepEqual(missing(text, Object.keys(REGEL_TEKST)), [], 'docs/indicators.md: disclosure rules not named');
  for (const header of [INDICATOREN_HEADER, ONDERDRUKKING_HEADER])
    assert.ok(text.includes(header), `docs/indicators.md lacks the header ${header}`);
});

test('docs/models.md names every model, covariate with its levels, interaction and output header', () => {
  const text = doc('models.md');
  assert.deepEqual(missing(text, MODELLEN), [], 'docs/models.md: models not named');
  for (const [covariaat, niveaus] of Object.entries(NIVEAUS)) {
    // Levels reference first, in the order the code uses.
    const lijst = niveaus.map(code).join(', ');
    assert.ok(text.includes(`| ${code(covariaat)} | ${lijst} |`), `docs/models.md: covariate ${covariaat} with levels ${lijst}`);
  }
  const definities = modelDefinities({ cohorten: [2013, 2014], basisvoorwaarden: [...BASISVOORWAARDEN] });
  const interacties = definities.flatMap((d) => (d.design.interactions ?? []).map((f) => f.join('*')));
  assert.equal(interacties.length, 3);
  assert.deepEqual(missing(text, interacties), [], 'docs/models.md: interactions not named');
  assert.deepEqual(missing(text, [...KM_UITSPLITSINGEN, ...Object.keys(KM_REGEL_TEKST)]), [], 'docs/models.md: Kaplan–Meier breakdowns or rules not named');
  for (const header of [MODELLEN_HEADER, MODELLEN_PH_HEADER, MODELLEN_PERIODEN_HEADER, KM_HEADER])
    assert.ok(text.includes(header), `docs/models.md lacks the header ${header}`);
  for (const bestand of ['modellen.csv', 'modellen_ph.csv', 'modellen_perioden.csv', 'recidive_km.csv', 'onderdrukking.csv'])
    assert.ok(text.includes(bestand), `docs/models.md does not name ${bestand}`);
});

test('nothing in README.md, docs/, src/ or templates/ points at the developers\' specifications', () => {
  const files = (path: string): string[] =>
    statSync(path).isDirectory() ? readdirSync(path).flatMap((f) => files(join(path, f))) : [path];
  const hits: string[] = [];
  for (const start of ['README.md', 'docs', 'src', 'templates']) {
    for (const file of files(join(root, start))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (line.includes('shared/spec') || line.includes('../shared')) hits.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
        });
    }
  }
  assert.deepEqual(hits, [], `the project must document itself; these lines point outside it:\n${hits.join('\n')}`);
});
