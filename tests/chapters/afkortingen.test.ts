/**
 * Abbreviations (src/chapters/afkortingen.ts): what counts as one, the Afkortingen chapter with
 * only those the text uses, every one in the glossary and spelled out at its first use.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afkortingenIn, controleerAfkortingen, leesbareBlokken, leesWoordenlijst } from '../../src/chapters/afkortingen.ts';
import { leesLiteratuur } from '../../src/chapters/literatuur.ts';
import { vulHoofdstukken } from '../../src/chapters/render.ts';
import { figuren } from '../../src/charts/catalogue.ts';
import { Sjablonen } from '../../src/edition/templates.ts';
import { InputError } from '../../src/util/errors.ts';
import { formatDiagnostic } from '../../src/util/diagnostic.ts';
import { fixtureEditie, fixtureResultaten } from './fixture.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const WOORDENLIJST = new Map([
  ['SSB', 'Stelsel van Sociaal-statistische Bestanden'],
  ['TULP-GW', 'Tenuitvoerleggingsprogramma Gevangeniswezen'],
  ['HR', 'hazard ratio'],
]);

test('an abbreviation is a word of two or more capitals; chapter numbers, ID and Roman numerals are none', () => {
  assert.deepEqual(afkortingenIn('Uit TULP-GW en het SSB; tabel B1.4, het ID-bewijs, Kamerstukken II, de HR en 95%-BI, Cox-model, zorg-GW.'), ['TULP-GW', 'SSB', 'HR', 'BI']);
});

test('the text read leaves out code, link targets, labels and references, and splits tables into cells', () => {
  const blokken = leesbareBlokken('# Kop {#sec:KOP}\n\nZie [@fig:ABC] en `XYZ` en [de BRP](https://x.org/QQQ).\n\n| HR | p |\n|--|--|\n| 1 | 2 |\n');
  assert.deepEqual(blokken.map((b) => b.trim()), ['# Kop', 'Zie   en   en [de BRP] .', 'HR', 'p', '1', '2']);
  assert.deepEqual(blokken.flatMap(afkortingenIn), ['BRP', 'HR']);
});

test('only the abbreviations the text uses are listed, sorted; each must be spelled out where it is first used', () => {
  const c = controleerAfkortingen(
    [
      { naam: 'a.md.hbs', markdown: 'Gegevens uit het Stelsel van Sociaal-statistische Bestanden (SSB).\n\nDaarna TULP-GW.', uitschrijven: true },
      { naam: 'b.md.hbs', markdown: 'Weer het SSB en TULP-GW.', uitschrijven: true },
    ],
    WOORDENLIJST,
    'afkortingen.json',
  );
  assert.deepEqual(c.gebruikt, [
    { afkorting: 'SSB', betekenis: 'Stelsel van Sociaal-statistische Bestanden' },
    { afkorting: 'TULP-GW', betekenis: 'Tenuitvoerleggingsprogramma Gevangeniswezen' },
  ]);
  assert.deepEqual(c.onbekend, []);
  assert.equal(c.nietUitgeschreven.length, 1);
  assert.match(c.nietUitgeschreven[0]!, /^a\.md\.hbs: afkorting 'TULP-GW' wordt hier voor het eerst gebruikt maar niet uitgeschreven \(verwacht in dezelfde alinea: "Tenuitvoerleggingsprogramma Gevangeniswezen"/);
});

test('the English Summary and the Literatuur do not count as first use, but their abbreviations are listed', () => {
  const c = controleerAfkortingen(
    [
      { naam: 'summary', markdown: 'Data from the SSB.', uitschrijven: false },
      { naam: 'methoden', markdown: 'Het Stelsel van Sociaal-statistische Bestanden (SSB).', uitschrijven: true },
      { naam: 'literatuur', markdown: 'Een HR-rapport.', uitschrijven: false },
    ],
    WOORDENLIJST,
    'afkortingen.json',
  );
  assert.deepEqual(c.nietUitgeschreven, []);
  assert.deepEqual(c.gebruikt.map((a) => a.afkorting), ['HR', 'SSB']);
});

test('an abbreviation missing from the glossary is named with the chapter and the words around it', () => {
  const c = controleerAfkortingen([{ naam: 'x.md.hbs', markdown: 'De gemeente meldt het aan de XYZ.', uitschrijven: true }], WOORDENLIJST, 'afkortingen.json');
  assert.deepEqual(c.onbekend.map(formatDiagnostic), [`x.md.hbs: afkorting 'XYZ' staat niet in afkortingen.json (in: "De gemeente meldt het aan de XYZ."); voeg haar daar toe met wat zij betekent`]);
});

for (const slug of ['6e-meting', '7e-meting']) {
  test(`the ${slug}'s chapters use only abbreviations of the glossary, spell each out at first use, and list exactly those`, () => {
    const r = fixtureResultaten();
    const eigen = join(ROOT, 'editions', slug, 'templates');
    const meldingen: string[] = [];
    const literatuur = slug === '7e-meting' ? leesLiteratuur(join(ROOT, 'editions', slug, 'literatuur.json')) : undefined;
    const hoofdstukken = vulHoofdstukken(new Sjablonen(join(ROOT, 'templates'), eigen), r, figuren(r), { waarschuw: (w) => meldingen.push(w), ...(literatuur ? { literatuur } : {}) });
    // The 7th meting's Voorwoord cites the letter only when it compares with a predecessor,
    // which the fixture does not: that warning is expected, any other is not.
    assert.deepEqual(meldingen.filter((m) => !m.includes("'minrb2021'")), []);
    const lijst = hoofdstukken.find((h) => h.bestand.endsWith('-afkortingen.md'))!;
    const genoemd = [...lijst.markdown.matchAll(/^- \*\*([^*]+)\*\* /gm)].map((m) => m[1]!);
    const gebruikt = new Set(hoofdstukken.filter((h) => h !== lijst).flatMap((h) => leesbareBlokken(h.markdown).flatMap(afkortingenIn)));
    assert.deepEqual(genoemd, [...gebruikt].sort((a, b) => a.localeCompare(b, 'nl')));
    const woordenlijst = leesWoordenlijst(join(ROOT, 'templates', 'afkortingen.json'));
    for (const a of genoemd) assert.ok(woordenlijst.has(a), a);
  });
}

test('without a committee in the edition, the committee appendix and its abbreviations are left out', () => {
  const editie = { ...fixtureEditie(), begeleidingscommissie: undefined };
  const r = { ...fixtureResultaten(), editie };
  const hoofdstukken = vulHoofdstukken(new Sjablonen(join(ROOT, 'templates')), r, figuren(r));
  assert.ok(!hoofdstukken.some((h) => h.bestand.includes('commissie')));
  const lijst = hoofdstukken.find((h) => h.bestand.endsWith('-afkortingen.md'))!.markdown;
  assert.doesNotMatch(lijst, /\*\*VNG\*\*/);
  const met = vulHoofdstukken(new Sjablonen(join(ROOT, 'templates')), fixtureResultaten(), figuren(fixtureResultaten()));
  assert.match(met.find((h) => h.bestand.endsWith('-afkortingen.md'))!.markdown, /^- \*\*VNG\*\* Vereniging van Nederlandse Gemeenten$/m);
});

test('an abbreviation the glossary lacks stops the build with the template that uses it', () => {
  const r = fixtureResultaten();
  const editie = { ...fixtureEditie(), begeleidingscommissie: { voorzitter: { functie: 'hoogleraar', organisatie: 'de ABCD' }, leden: [{ functie: 'lid', organisatie: 'X' }] } };
  assert.throws(
    () => vulHoofdstukken(new Sjablonen(join(ROOT, 'templates')), { ...r, editie }, figuren(r)),
    (e: unknown) => e instanceof InputError && /^templates\/monitor\/82-bijlage-commissie\.md\.hbs: afkorting 'ABCD' staat niet in templates\/afkortingen\.json/.test(e.messages[0]!),
  );
});
