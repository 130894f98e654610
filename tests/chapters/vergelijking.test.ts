/**
 * The chapter "Vergelijking met eerdere metingen" on the fixture and its predecessor: a golden
 * file; the chapter exists only with a predecessor and comes right before the Conclusie, without
 * renumbering an edition that has none; its references resolve; its words follow the numbers.
 *
 * Update the golden after an intended change of text:
 *
 *     UPDATE_GOLDEN=1 node --import tsx --test tests/chapters/vergelijking.test.ts
 */
import { Sjablonen } from '../../src/edition/templates.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { vulHoofdstuk, vulHoofdstukken } from '../../src/chapters/render.ts';
import { figuren } from '../../src/charts/catalogue.ts';
import { vergelijkingFiguren } from '../../src/charts/vergelijking.ts';
import { renderDocument } from '../../src/html/document.ts';
import { InputError } from '../../src/util/errors.ts';
import { vergelijk, type Wijziging } from '../../src/vergelijking/vergelijk.ts';
import { fixtureResultaten } from './fixture.ts';
import { huidigeFixture, vorigeFixture } from '../vergelijking/fixture.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const TEMPLATES = join(ROOT, 'templates', 'monitor');
const GOLDEN = join(ROOT, 'tests', 'chapters', 'golden', 'vergelijking');
const SJABLOON = join(TEMPLATES, '70-vergelijking.md.hbs');

const WIJZIGINGEN: Wijziging[] = [
  { indicator: 'geen_inkomen', tekst: 'Vanaf deze meting telt ook een inkomen uit het buitenland mee.' },
  { indicator: 'problemen_0', tekst: 'Het aantal problemen telt alleen de basisvoorwaarden die beide metingen meten.' },
];

function opbouw(opties: { wijzigingen?: Wijziging[]; vorige?: ReturnType<typeof vorigeFixture> } = {}) {
  const r = huidigeFixture();
  const v = vergelijk(r, opties.vorige ?? vorigeFixture(), { wijzigingen: opties.wijzigingen ?? WIJZIGINGEN });
  const figs = [...figuren(r), ...vergelijkingFiguren(r, v)];
  return { r, v, figs };
}

/**
 * Every chapter of the fixture with its default predecessor, filled once for this file: several
 * tests read the same chapters (none changes them), and filling them is most of their time.
 */
let metVorige: (ReturnType<typeof opbouw> & { hoofdstukken: ReturnType<typeof vulHoofdstukken> }) | undefined;
function gevuldMetVorige() {
  if (!metVorige) {
    const o = opbouw();
    metVorige = { ...o, hoofdstukken: vulHoofdstukken(new Sjablonen(join(ROOT, 'templates')), o.r, o.figs, { vergelijking: o.v }) };
  }
  return metVorige;
}

function vergelijkGolden(naam: string, actueel: string): void {
  const pad = join(GOLDEN, naam);
  const changed = pad.replace(/\.md$/, '-changed.md');
  if (process.env.UPDATE_GOLDEN === '1' || (!existsSync(pad) && process.env.CI !== 'true')) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(pad, actueel);
    rmSync(changed, { force: true });
    return;
  }
  if (!existsSync(pad)) assert.fail(`golden ${naam} ontbreekt; maak hem lokaal met UPDATE_GOLDEN=1`);
  if (readFileSync(pad, 'utf8') !== actueel) {
    writeFileSync(changed, actueel);
    assert.fail(`${naam} wijkt af van de golden; zie ${changed} (bijwerken: UPDATE_GOLDEN=1)`);
  }
  rmSync(changed, { force: true });
}

test('the comparison chapter of the fixture matches its golden file', () => {
  const { r, v, figs } = opbouw();
  vergelijkGolden('07-vergelijking.md', vulHoofdstuk(SJABLOON, r, figs, { vergelijking: v }));
});

test('with a predecessor the chapter comes right before the Conclusie, and the later chapters move up one', () => {
  const h = gevuldMetVorige().hoofdstukken;
  assert.deepEqual(h.map((x) => x.bestand), [
    '01-voorwoord.md',
    '02-afkortingen.md',
    '03-samenvatting.md',
    '04-summary.md',
    '05-inleiding.md',
    '06-methoden.md',
    '07-basisvoorwaarden.md',
    '08-veranderingen.md',
    '09-samenhang.md',
    '10-vergelijking.md',
    '11-conclusie.md',
    '12-literatuur.md',
    '13-bijlage-commissie.md',
    '14-bijlage-tabellen.md',
    '15-bijlage-modellen.md',
    '16-bijlage-geheimhouding.md',
    '17-bijlage-bestanden.md',
  ]);
  assert.equal(h[9]!.soort, 'hoofdstuk');
  assert.match(h[9]!.markdown, /^# Vergelijking met eerdere metingen \{#sec:vergelijking\}\n/);
  assert.match(h[10]!.markdown, /^# Conclusie/);
  assert.equal(h[12]!.soort, 'bijlage');
});

test('without a predecessor there is no such chapter and every other chapter keeps its file name', () => {
  const r = fixtureResultaten();
  assert.equal(vulHoofdstuk(SJABLOON, r, figuren(r)), '\n');
  const namen = vulHoofdstukken(new Sjablonen(join(ROOT, 'templates')), r, figuren(r)).map((x) => x.bestand);
  const golden = readdirSync(join(ROOT, 'tests', 'chapters', 'golden')).filter((f) => /^\d\d-[a-z-]+\.md$/.test(f)).sort();
  assert.deepEqual(namen, golden);
  assert.ok(!namen.some((n) => n.includes('vergelijking')));
  assert.equal(namen[9], '10-conclusie.md');
});

test('the chapter is the same whether or not other chapters are rendered with it', () => {
  const { r, v, figs } = opbouw();
  const los = vulHoofdstuk(SJABLOON, r, figs, { vergelijking: v });
  const mee = gevuldMetVorige().hoofdstukken.find((x) => x.bestand === '10-vergelijking.md')!.markdown;
  assert.equal(mee, los);
});

test('every cross-reference of the chapter resolves; in print it is chapter 6 (the Samenvatting has no number)', () => {
  const { r, hoofdstukken } = gevuldMetVorige();
  const html = renderDocument(
    {
      title: r.editie.titel,
      lang: 'nl',
      kind: 'monitor',
      chapters: hoofdstukken.map((h) => ({ file: join('/fixture/monitor', h.bestand), markdown: h.markdown, kind: h.soort })),
      meta: { date: r.editie.brief.datum, authors: r.editie.auteurs },
    },
    { readAsset: () => '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>' },
  );
  assert.doesNotMatch(html, /\[@(fig|tab|sec|Fig|Tab|Sec):/);
  assert.match(html, /"6 Vergelijking met eerdere metingen"/);
  assert.match(html, /Figuur 6\.1/);
  assert.match(html, /Figuur 6\.6/);
  assert.match(html, /Tabel 6\.1/);
  assert.match(html, /"7 Conclusie en discussie"/);
});

test('the chapter prints the notes on changed definitions beside their theme, the others at the end', () => {
  const { r, v, figs } = opbouw();
  const md = vulHoofdstuk(SJABLOON, r, figs, { vergelijking: v });
  const werk = md.slice(md.indexOf('## Werk, inkomen'), md.indexOf('## Huisvesting'));
  assert.match(werk, /^- \*Geen geregistreerd inkomen\.\* Vanaf deze meting telt ook een inkomen uit het buitenland mee\.$/m);
  assert.match(md.slice(md.indexOf('## Overige wijzigingen')), /^- \*0 problemen\.\* Het aantal problemen/m);
  const zonder = opbouw({ wijzigingen: [] });
  const kaal = vulHoofdstuk(SJABLOON, zonder.r, zonder.figs, { vergelijking: zonder.v });
  assert.doesNotMatch(kaal, /indicatoren gewijzigd|Overige wijzigingen/);
});

test('a suppressed value in the predecessor prints as a dash with the footnote, never a number', () => {
  const { r, v, figs } = opbouw();
  const md = vulHoofdstuk(SJABLOON, r, figs, { vergelijking: v });
  const rij = md.split('\n').find((l) => l.startsWith('|  | kortverblijvenden') && md.indexOf(l) > md.indexOf('Recidive binnen 2 jaar (24 mnd na)'))!;
  assert.match(rij, /^\| {2}\| kortverblijvenden \| \d+% \| – \| \d+% \| \d+% \| niet te bepalen \|$/);
  assert.match(md, /^Tabel: Recidive[^\n]*\[\^onderdrukt\] \{#tab:vergelijking-recidive\}$/m);
  assert.match(md, /^\[\^onderdrukt\]: /m);
});

test('when the predecessor\'s trend is the other way round, the words about it change with it', () => {
  const vorige = vorigeFixture();
  // swap the predecessor's two cohorts of werk: its rise becomes a fall, continued now becomes reversed
  const gedraaid = {
    ...vorige,
    rijen: vorige.rijen.map((x) => (x.indicator === 'werk' && x.cohort !== 'totaal' ? { ...x, cohort: x.cohort === '2011' ? '2012' : '2011' } : x)),
  };
  const tekst = (w: ReturnType<typeof opbouw>) => vulHoofdstuk(SJABLOON, w.r, w.figs, { vergelijking: w.v });
  const normaal = tekst(opbouw());
  const omgekeerd = tekst(opbouw({ vorige: gedraaid }));
  assert.match(normaal, /\*Werk een maand na detentie\.\* Bij de re-integratiekandidaten steeg het aandeel in de 8e meting met 10 procentpunten \(van 20% in cohort 2011 naar 30% in cohort 2012\); in de 9e meting zet die stijging door/);
  assert.match(omgekeerd, /\*Werk een maand na detentie\.\* Bij de re-integratiekandidaten daalde het aandeel in de 8e meting met 10 procentpunten \(van 30% in cohort 2011 naar 20% in cohort 2012\); in de 9e meting slaat die daling om in een stijging/);
  assert.match(omgekeerd, /keert die om bij werk een maand na detentie en niet op een adres ingeschreven/);
});

test('a comparison helper outside {{#if vergelijking}} stops with the template file and line', () => {
  const r = fixtureResultaten();
  const dir = mkdtempSync(join(ROOT, 'tests', 'vergelijking', 'tmp-templates-'));
  try {
    writeFileSync(join(dir, '01-fout.md.hbs'), '# Titel\n\n{{vergelijkingtabel thema="werk_inkomen" id="x" titel="y"}}\n');
    assert.throws(
      () => vulHoofdstuk(join(dir, '01-fout.md.hbs'), r, [], { root: ROOT }),
      (e: unknown) => e instanceof InputError && e.messages[0] === `${relative(ROOT, dir)}/01-fout.md.hbs:3: deze editie noemt geen vorige meting; zet dit binnen {{#if vergelijking}}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
