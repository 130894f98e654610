/**
 * Golden-file tests of the generated chapters on the fixture edition, and the checks that keep
 * the text true to the numbers.
 *
 * Goldens live in tests/chapters/golden/. To update them after an intended change:
 *
 *     UPDATE_GOLDEN=1 node --import tsx --test tests/chapters/chapters.test.ts
 *
 * A mismatch writes `<name>-changed.md` beside the golden (compare, then update); a missing
 * golden is written on first run, except on CI (CI=true), where it fails.
 */
import { Sjablonen } from '../../src/edition/templates.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { vulHoofdstuk, vulHoofdstukken, hoofdstukSjablonen, hoofdstukSoort } from '../../src/chapters/render.ts';
import { figuren } from '../../src/charts/catalogue.ts';
import { InputError } from '../../src/util/errors.ts';
import { fixtureResultaten } from './fixture.ts';
import type { DocumentRegister } from '../../src/html/context.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const TEMPLATES = new Sjablonen(join(ROOT, 'templates'));
const GOLDEN = join(ROOT, 'tests', 'chapters', 'golden');

function vergelijkGolden(naam: string, actueel: string): void {
  const pad = join(GOLDEN, naam);
  const changed = pad.replace(/\.md$/, '-changed.md');
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(pad), { recursive: true });
    writeFileSync(pad, actueel);
    rmSync(changed, { force: true });
    return;
  }
  if (!existsSync(pad)) {
    if (process.env.CI === 'true') assert.fail(`golden ${naam} ontbreekt; maak hem lokaal met UPDATE_GOLDEN=1`);
    mkdirSync(dirname(pad), { recursive: true });
    writeFileSync(pad, actueel);
    return;
  }
  const verwacht = readFileSync(pad, 'utf8');
  if (verwacht !== actueel) {
    writeFileSync(changed, actueel);
    assert.fail(`${naam} wijkt af van de golden; zie ${changed} (bijwerken: UPDATE_GOLDEN=1)`);
  }
  rmSync(changed, { force: true });
}

/**
 * The fixture edition's chapters, filled once for this file: several tests read the same
 * chapters (none changes them), and filling them is most of their time.
 */
let fixtureHoofdstukken: { r: ReturnType<typeof fixtureResultaten>; hoofdstukken: ReturnType<typeof vulHoofdstukken> } | undefined;
function gevuld() {
  if (!fixtureHoofdstukken) {
    const r = fixtureResultaten();
    fixtureHoofdstukken = { r, hoofdstukken: vulHoofdstukken(TEMPLATES, r, figuren(r)) };
  }
  return fixtureHoofdstukken;
}

test('every chapter of the fixture edition matches its golden file', () => {
  const { hoofdstukken } = gevuld();
  assert.ok(hoofdstukken.length >= 9);
  for (const h of hoofdstukken) vergelijkGolden(h.bestand, h.markdown);
});

test('every chapter of the fixture edition, as reviewers read it (references resolved), matches its golden file', async () => {
  const { monitorHtml } = await import('../../src/pipeline/monitor.ts');
  const { reviewMarkdown } = await import('../../src/review/markdown.ts');
  const { r, hoofdstukken } = gevuld();
  let register: DocumentRegister | undefined;
  // The charts are not rendered here; any SVG will do for numbering.
  monitorHtml('/fixture', r, hoofdstukken, 'x', { readAsset: () => '<svg xmlns="http://www.w3.org/2000/svg"/>', onRegister: (reg) => (register = reg) });
  const leesbaar = reviewMarkdown(hoofdstukken.map((h) => ({ path: `monitor/${h.bestand}`, markdown: h.markdown })), register!);
  hoofdstukken.forEach((h, i) => vergelijkGolden(`review/${h.bestand}`, leesbaar[i]!));
});

test('every chapter starts with one level-1 title and links figures relative to out/monitor', () => {
  for (const h of gevuld().hoofdstukken) {
    assert.equal(h.markdown.match(/^# /gm)?.length, 1, h.bestand);
    assert.ok(h.markdown.startsWith('# '), h.bestand);
    for (const m of h.markdown.matchAll(/!\[[^\]]*\]\(([^ )]+)/g)) assert.match(m[1]!, /^\.\.\/figuren\/[a-z0-9-]+\.svg$/);
  }
});

test('chapter kinds follow the file names', () => {
  assert.equal(hoofdstukSoort('01-samenvatting.md'), 'ongenummerd');
  assert.equal(hoofdstukSoort('01-voorwoord.md'), 'voorwerk');
  assert.equal(hoofdstukSoort('02-afkortingen.md'), 'ongenummerd');
  assert.equal(hoofdstukSoort('11-literatuur.md'), 'ongenummerd');
  assert.equal(hoofdstukSoort('12-bijlage-commissie.md'), 'bijlage');
  assert.equal(hoofdstukSoort('04-basisvoorwaarden.md'), 'hoofdstuk');
  assert.equal(hoofdstukSoort('08-bijlage-tabellen.md'), 'bijlage');
});

test('a chapter\'s language follows its name: the Summary is English wherever it is, every other chapter Dutch', async () => {
  const { hoofdstukTaal } = await import('../../src/chapters/taal.ts');
  assert.equal(hoofdstukTaal('20-summary.md.hbs'), 'en');
  assert.equal(hoofdstukTaal('/x/editions/7e-meting/templates/monitor/20-summary.md.hbs'), 'en');
  assert.equal(hoofdstukTaal('02-summary.md'), 'en');
  assert.equal(hoofdstukTaal('01-samenvatting.md'), 'nl');
  assert.equal(hoofdstukTaal('30-summary-tabellen.md.hbs'), 'nl');
  const h = gevuld().hoofdstukken;
  assert.deepEqual(h.filter((x) => x.taal === 'en').map((x) => x.bestand), ['04-summary.md']);
});

test('an English chapter writes numbers, words and footnotes in English with the same helpers', async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const r = fixtureResultaten();
  const vul = (bron: string, naam: string) => {
    const pad = join(mkdtempSync(join(tmpdir(), 'monitor-taal-')), naam);
    writeFileSync(pad, bron);
    return vulHoofdstuk(pad, r, []);
  };
  const bron = '# T\n\n{{aantal 12954}} {{hr "cox_basis" "id:ongeldig"}} {{lijst cohorten}} {{moment "1m_na"}} {{groep "kv"}} {{pct (ind "problemen_5" "totaal" "kv" "1m_na")}} {{verandering (ind "problemen_5" "totaal" "kv" "1m_na") (ind "problemen_5" "totaal" "rik" "1m_na")}}\n';
  const en = vul(bron, '20-summary.md.hbs');
  assert.match(en, /^12,954 \d\.\d\d 2013 and 2014 one month after detention short-stay detainees –\[\^onderdrukt\] cannot be compared\[\^onderdrukt\]$/m);
  assert.match(en, /^\[\^onderdrukt\]: A – stands for a figure that is not published because it rests on fewer than \d+ persons or could be derived from such a figure \(see the appendix on confidentiality, in Dutch\)\.$/m);
  const nl = vul(bron, '20-samenvatting.md.hbs');
  assert.match(nl, /^12\.954 \d,\d\d 2013 en 2014 een maand na detentie kortverblijvenden –\[\^onderdrukt\] is niet te vergelijken\[\^onderdrukt\]$/m);
  assert.match(nl, /^\[\^onderdrukt\]: Een – staat voor een cijfer/m);
});

/** Text of a template outside Handlebars expressions and label markers, where no digit belongs. */
export function proza(bron: string): string {
  return bron
    .replace(/\{\{[\s\S]*?\}\}/g, ' ')
    .replace(/\{#[a-z]+:[^}]*\}/g, ' ')
    // citations: a key carries a year, a locator a page (src/chapters/literatuur.ts)
    .replace(/\[-?@[^\]]*\]/g, ' ')
    .replace(/(?<![\p{L}\p{N}_.@/-])@[\p{L}\p{N}_-]+/gu, ' ')
    .replace(/^(\s*)\d+\.\s/gm, '$1'); // ordered-list markers are not figures
}

test('the number check finds a figure typed into a template', () => {
  assert.match(proza('Een maand na detentie heeft 36% geen inkomen.'), /\d/);
  assert.doesNotMatch(proza('1. Hoe staat het ervoor?'), /\d/);
  assert.doesNotMatch(proza('heeft {{pct (ind "werk" "totaal" "rik" "1m_na")}} werk {#sec:werk-2}'), /\d/);
  assert.doesNotMatch(proza('volgens @wilson1927 en [@cox1972, p. 3; -@wald1943]'), /\d/);
  assert.match(proza('mail naar info@wodc2021.nl'), /\d/);
});

test('no template contains a number: every figure comes from the results', () => {
  const fout = hoofdstukSjablonen(TEMPLATES).flatMap(({ pad, bestand }) =>
    proza(readFileSync(pad, 'utf8'))
      .split('\n')
      .flatMap((r, i) => (/\d/.test(r) ? [`${bestand}:${i + 1}: ${r.trim().slice(0, 80)}`] : [])),
  );
  assert.deepEqual(fout, [], `getallen in de tekst van een template:\n${fout.join('\n')}`);
});

test('a suppressed value prints as a dash with its footnote, never its number', () => {
  const r = fixtureResultaten();
  const md = vulHoofdstuk(TEMPLATES.pad('monitor/60-samenhang.md.hbs'), r, figuren(r));
  assert.match(md, /\| – \|/);
  assert.match(md, /Tabel: [^\n]*\[\^onderdrukt\] \{#tab:aantal-problemen\}/);
  assert.match(md, /^\[\^onderdrukt\]: /m);
  const rij = md.split('\n').find((l) => l.startsWith('| 5 problemen'));
  assert.ok(rij && !rij.includes('| 4 |'), rij);
});

test('a basisvoorwaarde the edition does not measure has no section and no figure, and is named once, in the methods', () => {
  const r = fixtureResultaten();
  const md = vulHoofdstuk(TEMPLATES.pad('monitor/50-basisvoorwaarden.md.hbs'), r, figuren(r));
  assert.doesNotMatch(md, /## Zorg/);
  assert.doesNotMatch(md, /(?<!na)zorg\b/i, 'only the title "Monitor nazorg" and the zorgverzekering may have the word');
  assert.ok(!figuren(r).some((f) => f.id.includes('zorg') || f.id.startsWith('ggz')));
  const methoden = vulHoofdstuk(TEMPLATES.pad('monitor/40-methoden.md.hbs'), r, figuren(r));
  assert.match(methoden, /De zorg is in deze meting niet gemeten, omdat er geen gegevens over zorg waren\./);
});

test('care is reported with its figures when the zorg extract is present', () => {
  const r = fixtureResultaten(undefined, { zorg: true });
  const md = vulHoofdstuk(TEMPLATES.pad('monitor/50-basisvoorwaarden.md.hbs'), r, figuren(r));
  const zorg = md.slice(md.indexOf('## Zorg')).split('\n## ')[0]!;
  assert.doesNotMatch(zorg, /niet gemeten/);
  assert.match(zorg, /\d+% van de re-integratiekandidaten in behandeling/);
  assert.match(zorg, /!\[[^\]]+\]\(\.\.\/figuren\/ggz-per-meetmoment\.svg/);
});

test('when a trend reverses, the sentence about it changes with it', () => {
  const laag = 100;
  const hoog = 300;
  const zet = (naar2013: number, naar2014: number) =>
    fixtureResultaten((x) =>
      x.indicator === 'id_onbekend' && x.moment === 'uitstroom' && x.groep === 'rik' && x.cohort !== 'totaal'
        ? { ...x, teller: x.cohort === '2013' ? naar2013 : naar2014, noemer: 600, percentage: null }
        : x,
    );
  const tekst = (r: ReturnType<typeof fixtureResultaten>) => vulHoofdstuk(TEMPLATES.pad('monitor/50-basisvoorwaarden.md.hbs'), r, figuren(r));
  const stijgend = tekst(zet(laag, hoog));
  const dalend = tekst(zet(hoog, laag));
  assert.match(stijgend, /Dat aandeel steeg met 33 procentpunten tussen cohort 2013 \(17%\) en cohort 2014 \(50%\)/);
  assert.match(dalend, /Dat aandeel daalde met 33 procentpunten tussen cohort 2013 \(50%\) en cohort 2014 \(17%\)/);
  const samenvatting = (r: ReturnType<typeof fixtureResultaten>) => vulHoofdstuk(TEMPLATES.pad('monitor/10-samenvatting.md.hbs'), r, figuren(r));
  assert.match(samenvatting(zet(laag, hoog)), /groot en groeiend deel/);
  assert.match(samenvatting(zet(hoog, laag)), /groot en kleiner wordend deel/);
});

test('a reference to a value that does not exist stops with the template file and line', () => {
  const r = fixtureResultaten();
  const dir = mkdtempSync(join(ROOT, 'tests', 'chapters', 'tmp-templates-'));
  try {
    writeFileSync(join(dir, '01-fout.md.hbs'), '# Titel\n\nTekst {{bestaatNiet}}\n');
    writeFileSync(join(dir, '02-fout.md.hbs'), '# Titel\n\n\n{{pct (ind "werk" "totaal" "rik" "instroom")}}\n');
    assert.throws(() => vulHoofdstuk(join(dir, '01-fout.md.hbs'), r, []), (e: unknown) => e instanceof InputError && /01-fout\.md\.hbs:3:.*bestaatNiet/.test(e.messages[0]!));
    assert.throws(() => vulHoofdstuk(join(dir, '02-fout.md.hbs'), r, []), (e: unknown) => e instanceof InputError && /02-fout\.md\.hbs:4: indicator 'werk'/.test(e.messages[0]!));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no stale -changed files are left beside the goldens', () => {
  if (!existsSync(GOLDEN)) return;
  const over = (readdirSync(GOLDEN, { recursive: true }) as string[]).filter((f) => f.endsWith('-changed.md'));
  assert.deepEqual(over, []);
});
