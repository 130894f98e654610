/**
 * Template errors point at the cause: the line of a block left open (not the end of the file),
 * a close that closes the wrong block, an unknown helper or value with file:line:column, in Dutch.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Handlebars from 'handlebars';
import { fillTemplate } from '../../src/chapters/handlebars.ts';
import { helperError } from '../../src/chapters/template-errors.ts';
import { InputError } from '../../src/util/errors.ts';

const NAAM = 'templates/monitor/50-basisvoorwaarden.md.hbs';

/** The messages filling `bron` gives. */
export function templateErrors(bron: string, context: object = { x: 1, xs: [1], cohorten: [2015] }): readonly string[] {
  const hb = Handlebars.create();
  hb.registerHelper('pct', (v: unknown) => String(v));
  hb.registerHelper('aantal', (v: unknown) => String(v));
  try {
    fillTemplate(hb, bron, NAAM, context);
  } catch (e) {
    if (e instanceof InputError) return e.messages;
    throw e;
  }
  throw new Error('expected an InputError');
}

test('a block opened and not closed is named at the line where it opens', () => {
  assert.deepEqual(templateErrors('# Titel\n\n{{#if x}}\ntekst\n\nmeer tekst\n\nslot\n'), [
    `${NAAM}:3:1: '{{#if x}}' wordt niet afgesloten (verwacht: {{/if}} verderop)`,
  ]);
  assert.deepEqual(templateErrors('{{#each xs}}\n{{#if x}}\n{{/if}}\n'), [`${NAAM}:1:1: '{{#each xs}}' wordt niet afgesloten (verwacht: {{/each}} verderop)`]);
});

test('a close of the wrong block names both lines', () => {
  assert.deepEqual(templateErrors('a\n{{#if x}}\nb\n  {{/each}}\nc\n'), [
    `${NAAM}:4:3: '{{/each}}' sluit '{{#if x}}' van regel 2 (verwacht: eerst {{/if}})`,
  ]);
  assert.deepEqual(templateErrors('a\n{{/if}}\n'), [`${NAAM}:2:1: '{{/if}}' sluit een blok dat niet geopend is (verwacht: eerst {{#if …}})`]);
  assert.deepEqual(templateErrors('a\n{{else}}\n'), [
    `${NAAM}:2:1: '{{else}}' staat buiten een blok (verwacht: binnen {{#if …}} … {{/if}} of {{#each …}} … {{/each}})`,
  ]);
});

test('a {{ that is never closed is named where it opens; other syntax errors at their line in Dutch', () => {
  assert.deepEqual(templateErrors('a\n{{pct x\nb\nc\n'), [`${NAAM}:2:1: '{{pct x' wordt niet gesloten (verwacht: '}}' aan het einde van de opdracht)`]);
  assert.deepEqual(templateErrors('a\n{{pct x y=}}\n'), [
    `${NAAM}:2: sjabloon niet te lezen: onverwacht '}}' (verwacht: '(', een naam, tekst tussen "...", een getal, true of false, '@…')`,
  ]);
});

test('an unknown helper or value is named at its line and column, with the nearest known name', () => {
  assert.deepEqual(templateErrors('a\n\n  {{pcr x}}\n'), [`${NAAM}:3:5: onbekende helper 'pcr'; bedoelt u 'pct'?`]);
  assert.deepEqual(templateErrors('a\n{{#foo x}}b{{/foo}}\n'), [`${NAAM}:2:4: onbekende helper 'foo'; bekende helpers: aantal, each, if, log, lookup, pct, unless, with`]);
  assert.deepEqual(templateErrors('a\n{{cohort}}\n'), [`${NAAM}:2:3: waarde 'cohort' bestaat niet in de resultaten; bedoelt u 'cohorten'?`]);
  assert.deepEqual(templateErrors('a\n{{editie.drempl}}\n', { editie: { drempel: 10 } }), [`${NAAM}:2:3: waarde 'editie.drempl' bestaat niet in de resultaten`]);
});

test('an unknown indicator in a table names the template, its line and the nearest indicator', async () => {
  const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { vulHoofdstuk } = await import('../../src/chapters/render.ts');
  const { fixtureResultaten } = await import('./fixture.ts');
  const dir = await mkdtemp(join(tmpdir(), 'template-errors-'));
  try {
    const pad = join(dir, '04-x.md.hbs');
    await writeFile(pad, '# X\n\nTekst.\n\n{{momententabel id="t" titel="T" groep="rik" indicatoren="werk werkk"}}\n');
    assert.throws(
      () => vulHoofdstuk(pad, fixtureResultaten(), [], { root: dir }),
      (e: unknown) => e instanceof InputError && e.messages.length === 1 && e.messages[0] === "04-x.md.hbs:5: onbekende indicator 'werkk'; bedoelt u 'werk'?",
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('template errors are diagnostics with a rule id, the template and the place', () => {
  const diagnostics = (bron: string) => {
    try {
      fillTemplate(Handlebars.create(), bron, NAAM, { cohorten: [2015] });
    } catch (e) {
      if (e instanceof InputError) return e.diagnostics.map((d) => [d.rule, d.file, d.line, d.column]);
      throw e;
    }
    throw new Error('expected an InputError');
  };
  assert.deepEqual(diagnostics('a\n{{cohort}}\n'), [['sjabloon/onbekende-waarde', NAAM, 2, 3]]);
  assert.deepEqual(diagnostics('{{#if x}}\n'), [['sjabloon/blok-niet-afgesloten', NAAM, 1, 1]]);
  assert.deepEqual(diagnostics('a\n  {{/each}}\n'), [['sjabloon/blok-niet-geopend', NAAM, 2, 3]]);
});

test('a helper called wrongly is reported at the line of the call', () => {
  const e = helperError(NAAM, { loc: { start: { line: 7 } } }, "'lijst' verwacht een lijst");
  assert.deepEqual(e.messages, [`${NAAM}:7: 'lijst' verwacht een lijst`]);
  assert.equal(e.diagnostics[0]!.rule, 'sjabloon/helper');
  assert.deepEqual(helperError(NAAM, undefined, 'x').messages, [`${NAAM}: x`]);
});
