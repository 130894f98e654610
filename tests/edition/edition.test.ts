/**
 * The edition file: every problem is a Dutch message naming the file, the line and the field;
 * an unknown field suggests the nearest known one; invalid JSON is located by line and column.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leesEditie } from '../../src/edition/edition.ts';
import { InputError } from '../../src/util/errors.ts';
import { GEDULD } from '../helpers/geduld.ts';

const dir = await mkdtemp(join(tmpdir(), 'edition-test-'));
after(() => rm(dir, { recursive: true, force: true }));
const base = JSON.parse(await readFile(new URL('../../editions/6e-meting/editie.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** The messages loading `text` as an edition gives, with the file shown as `ed.json`. */
export async function editionErrors(text: string): Promise<string[]> {
  const file = join(dir, 'ed.json');
  await writeFile(file, text);
  try {
    await leesEditie(file);
  } catch (e) {
    if (e instanceof InputError) return e.messages.map((m) => m.replaceAll(file, 'ed.json'));
    throw e;
  }
  throw new Error('expected an InputError');
}

/** The parsed edition file, which the tests break at any depth on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reaches any field of the file, typed or not
type EditableJson = Record<string, any>;

const edited = (change: (e: EditableJson) => void): string => {
  const e = structuredClone(base) as EditableJson;
  change(e);
  return JSON.stringify(e, null, 2);
};

test('an unknown field names the nearest known field', async () => {
  const messages = await editionErrors(
    edited((e) => {
      e.cohorte = e.cohorten;
      delete e.cohorten;
    }),
  );
  assert.ok(messages.includes(`ed.json:1: veld 'cohorten': ontbreekt (verwacht: een lijst [ ... ])`), messages.join('\n'));
  assert.ok(messages.some((m) => /^ed\.json:\d+: veld 'cohorte': onbekend veld 'cohorte'; bedoelt u 'cohorten'\?$/.test(m)), messages.join('\n'));
});

test('each problem is a diagnostic with a rule id: editie/<kind of problem>', async () => {
  const file = join(dir, 'regels.json');
  await writeFile(
    file,
    edited((e) => {
      e.cohorte = e.cohorten;
      delete e.cohorten;
      e.datum = '2019-02-30';
    }),
  );
  await assert.rejects(leesEditie(file), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.deepEqual(e.diagnostics.map((d) => d.rule).sort(), ['editie/onbekend-veld', 'editie/regel', 'editie/type']);
    assert.ok(e.diagnostics.every((d) => d.file === file && d.line !== undefined));
    return true;
  });
});

test('wrong types, bounds and options are Dutch, with the line and the field', async () => {
  const text = edited((e) => {
    e.nummer = 'zes';
    e.drempel = 0;
    e.basisvoorwaarden = ['werk'];
    e.auteurs = [];
    e.brief.nr = 1.5;
    e.brief.datum = '2020-02-30';
    e.brief.extra = true;
  });
  // The line of the first occurrence of `needle` after `from`.
  const line = (needle: string, from = ''): number => {
    const start = text.indexOf(from);
    return text.slice(0, text.indexOf(needle, start)).split('\n').length;
  };
  const messages = await editionErrors(text);
  // The known fields of 'brief' may grow; the message lists them all.
  assert.match(messages.at(-1)!, new RegExp(`^ed\\.json:${line('"extra"')}: veld 'brief\\.extra': onbekend veld 'extra'; bekende velden: datum, plaats, dossier, nr, .*referenties`));
  assert.deepEqual(messages.slice(0, -1), [
    `ed.json:${line('"nummer"')}: veld 'nummer': 'zes' is tekst (verwacht: een getal)`,
    `ed.json:${line('"werk"')}: veld 'basisvoorwaarden[1]': ongeldige waarde 'werk'; bedoelt u 'werk_inkomen'? (verwacht: een van 'id', 'werk_inkomen', 'huisvesting', 'schulden' of 'zorg')`,
    `ed.json:${line('"drempel"')}: veld 'drempel': te klein: 0 (verwacht: ten minste 1)`,
    `ed.json:${line('"auteurs"')}: veld 'auteurs': de lijst is leeg (verwacht: ten minste één waarde)`,
    `ed.json:${line('"datum"', '"brief"')}: veld 'brief.datum': ongeldige waarde '2020-02-30' (verwacht: een bestaande kalenderdatum)`,
    `ed.json:${line('"nr"')}: veld 'brief.nr': 1.5 is geen geheel getal (verwacht: een geheel getal)`,
  ]);
});

test('the begeleidingscommissie is optional; when given, each member needs a position and an organisation', async () => {
  const zonder = join(dir, 'zonder.json');
  await writeFile(zonder, edited((e) => delete e.begeleidingscommissie));
  assert.equal((await leesEditie(zonder)).begeleidingscommissie, undefined);
  const met = await leesEditie(new URL('../../editions/6e-meting/editie.json', import.meta.url).pathname);
  assert.ok(met.begeleidingscommissie!.leden.length > 0);
  assert.ok(met.begeleidingscommissie!.leden.every((l) => l.naam === undefined), 'the synthetic editions name no persons');
  const text = edited((e) => {
    e.begeleidingscommissie.voorzitter = { functie: 'hoogleraar' };
    e.begeleidingscommissie.leden[0].rol = 'lid';
  });
  const messages = await editionErrors(text);
  const line = (needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;
  assert.ok(messages.includes(`ed.json:${line('"voorzitter"')}: veld 'begeleidingscommissie.voorzitter.organisatie': ontbreekt (verwacht: tekst tussen "...")`), messages.join('\n'));
  assert.ok(messages.some((m) => m.startsWith(`ed.json:${line('"rol"')}: veld 'begeleidingscommissie.leden[1].rol': onbekend veld 'rol'`)), messages.join('\n'));
});

test('invalid JSON is reported at its line and column', async () => {
  assert.deepEqual(await editionErrors('{\n  "nummer": 6,\n}\n'), [
    `ed.json:3:1: geen geldige JSON: een komma voor '}' (een komma na het laatste veld is in JSON niet toegestaan)`,
  ]);
  assert.deepEqual(await editionErrors('{\n  "nummer": 6\n  "titel": "x"\n}\n'), [
    `ed.json:3:3: geen geldige JSON: onverwacht '"' na de waarde van "nummer" (verwacht: ',' of '}'; ontbreekt er een komma?)`,
  ]);
  assert.deepEqual(await editionErrors('{\n  "drempel": 1,5\n}\n'), [
    `ed.json:2:16: geen geldige JSON: een komma in een getal (verwacht: een punt voor decimalen, zoals 1.5)`,
  ]);
  assert.deepEqual(await editionErrors(''), [`ed.json:1:1: geen geldige JSON: het bestand is leeg (verwacht: een JSON-object { ... })`]);
});

test('a FIFO or a link to /dev/zero as edition file is refused without reading it', { timeout: GEDULD }, async () => {
  const { execFileSync } = await import('node:child_process');
  const { symlink } = await import('node:fs/promises');
  const fifo = join(dir, 'fifo.json');
  execFileSync('mkfifo', [fifo]);
  await assert.rejects(leesEditie(fifo), (e: unknown) => e instanceof InputError && e.messages[0] === `${fifo}: editiebestand niet gevonden of niet leesbaar`);
  const zero = join(dir, 'zero.json');
  await symlink('/dev/zero', zero);
  await assert.rejects(leesEditie(zero), (e: unknown) => e instanceof InputError && e.messages[0] === `${zero}: editiebestand niet gevonden of niet leesbaar`);
});
