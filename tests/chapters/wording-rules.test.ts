/**
 * The wording rules of models.md ("What the text may say"), for every sentence of the chapters
 * and the Kamerbrief that reports a model result or a change:
 *
 * - direction words only where the 95% interval excludes 1 (or the change is significant by the
 *   rule of src/chapters/wording.ts), otherwise "geen aantoonbaar verschil" / "niet aantoonbaar";
 * - no conclusion word ("weegt zwaar", "daarom", "dus", "zo", "toch", "ook" with a direction)
 *   attached to a result without a difference.
 *
 * The cases are generated from the templates: every (model, term) pair a template names in
 * hr/hrbi/hrrichting/kans/geschat gets each side of 1, an interval across 1 (point estimate above
 * and below 1) and a merged term; every two pairs that share a template sentence get the cross
 * product; every (richting|verandering) of two indicator rows gets a rise, a fall and no change.
 * A new sentence therefore gets its cases without editing this file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sjablonen } from '../../src/edition/templates.ts';
import { chapterTemplates, renderChapter } from '../../src/chapters/render.ts';
import { figuren } from '../../src/charts/figures.ts';
import { renderLetter } from '../../src/letter/render.ts';
import type { Publicatie } from '../../src/indicators/disclosure.ts';
import { percentage } from '../../src/indicators/disclosure.ts';
import { fixtureResultaten, type TermGeval, type Wijziging } from './fixture.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const MONITOR = new Sjablonen(join(ROOT, 'templates'));
const BRIEF = new Sjablonen(join(ROOT, 'templates'), join(ROOT, 'editions', '6e-meting', 'templates'));

/** Every template that may report a model result or a change. */
function sjablonen(): { naam: string; tekst: string }[] {
  const uit: { naam: string; tekst: string }[] = [];
  const map = (dir: string) => {
    for (const f of readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.hbs')).sort())
      uit.push({ naam: `${dir}/${f}`, tekst: readFileSync(join(ROOT, dir, f), 'utf8') });
  };
  map('templates/monitor');
  map('templates/kamerbrief');
  for (const e of readdirSync(join(ROOT, 'editions'))) {
    try {
      map(`editions/${e}/templates/kamerbrief`);
    } catch {
      // an edition without its own letter templates
    }
  }
  return uit;
}
const SJABLONEN = sjablonen();

const PAAR = /\((?:hrrichting|kans|geschat)\s+"([a-z0-9_]+)"\s+"([^"]+)"\)|\{\{(?:hrrichting|kans|hr|hrbi)\s+"([a-z0-9_]+)"\s+"([^"]+)"/g;
/** Pairs "model|term" a piece of template names; `woorden`: only those whose words are chosen by the result. */
function paren(tekst: string, woorden = false): string[] {
  const uit = new Set<string>();
  for (const m of tekst.matchAll(PAAR)) {
    if (m[1]) uit.add(`${m[1]}|${m[2]}`);
    else if (!woorden || /^\{\{(?:kans|hrrichting)/.test(m[0])) uit.add(`${m[3]}|${m[4]}`);
  }
  return [...uit];
}

/** Template sentences: split at ". " outside {{…}}, so helpers in one sentence stay together. */
function zinnenVanSjabloon(tekst: string): string[] {
  const zinnen: string[] = [];
  let diepte = 0;
  let huidig = '';
  for (let i = 0; i < tekst.length; i++) {
    if (tekst.startsWith('{{', i)) diepte++;
    if (tekst.startsWith('}}', i)) diepte = Math.max(0, diepte - 1);
    huidig += tekst[i];
    if (diepte === 0 && (tekst[i] === '\n' || (tekst[i] === '.' && tekst[i + 1] === ' '))) {
      zinnen.push(huidig);
      huidig = '';
    }
  }
  return [...zinnen, huidig];
}

const ALLE_PAREN = [...new Set(SJABLONEN.flatMap((s) => paren(s.tekst)))].sort();
/** Pairs whose words (not only numbers) follow the result. */
const WOORD_PAREN = new Set(SJABLONEN.flatMap((s) => paren(s.tekst, true)));
/** Two pairs in one sentence: their cross product. */
const COMBINATIES = [
  ...new Set(
    SJABLONEN.flatMap((s) =>
      zinnenVanSjabloon(s.tekst).flatMap((z) => {
        const ps = paren(z, true).sort();
        return ps.flatMap((a, i) => ps.slice(i + 1).map((b) => `${a}&${b}`));
      }),
    ),
  ),
].sort();

/** The rendered text: the monitor chapters that use models or changes, and the letter. */
const HOOFDSTUKKEN = chapterTemplates(MONITOR).filter(({ pad }) => /hrrichting|kans|\bhr\b|richting|verandering/.test(readFileSync(pad, 'utf8')));
const cache = new Map<string, string[]>();
function zinnen(termen: Record<string, TermGeval>, wijzig?: Wijziging, sleutel = JSON.stringify(termen)): string[] {
  const c = cache.get(sleutel);
  if (c) return c;
  const r = fixtureResultaten(wijzig, { termen });
  const figs = figuren(r);
  const teksten = [...HOOFDSTUKKEN.map(({ pad }) => renderChapter(pad, r, figs, { root: ROOT })), renderLetter(BRIEF, r, { root: ROOT }).markdown];
  const uit = teksten
    .flatMap((t) => t.split(/\n+/))
    .filter((regel) => !/^\s*(?:\||#|!\[|:::|<!--|\[\^)/.test(regel))
    .flatMap((regel) => regel.split(/(?<=[.?!])\s+(?=[A-Z(])/))
    .map((z) => z.trim())
    .filter(Boolean);
  cache.set(sleutel, uit);
  return uit;
}

/** Every pair a template names at "no difference" (interval across 1), except those given. */
function basis(overig: Record<string, TermGeval> = {}): Record<string, TermGeval> {
  return { ...Object.fromEntries(ALLE_PAREN.map((p) => [p, 'gelijk-boven' as TermGeval])), ...overig };
}

const GROTER = /\b(?:grotere|groter|meer recidive|zwaarder|relatief meer)\b/;
const KLEINER = /\b(?:kleinere|kleiner|minder recidive|minder zwaar|relatief minder)\b/;
const GEEN_VERSCHIL = /\b(?:niet|geen) aantoonba(?:ar|re)\b|niet apart geschat|geen aparte schatting|niet te schatten|–\[\^samengevoegd\]|bleef gelijk|blijft gelijk|blijft ongeveer gelijk|ongeveer even/;
const CONCLUSIE = /weegt zwaar|\bdaarom\b|\bdus\b|^Zo\b|^Toch\b|extra belangrijk|\book (?:een )?(?:kleinere|grotere|kleiner|groter|minder|meer|vaker)\b/i;
/** One-sided words for a result without a difference ("niet aantoonbaar sterker"). */
const EENZIJDIG = /\bniet aantoonbaar (?:meer|minder|sterker|zwakker|groter|kleiner)\b/;

/** The rules every rendered text keeps, whatever the results. */
function algemeen(zs: string[], geval: string): void {
  zs.forEach((z, i) => {
    assert.doesNotMatch(z, EENZIJDIG, `${geval}: eenzijdig woord bij geen verschil: ${z}`);
    if (!GEEN_VERSCHIL.test(z)) return;
    assert.doesNotMatch(z, CONCLUSIE, `${geval}: conclusiewoord bij een resultaat zonder verschil: ${z}`);
    const volgende = zs[i + 1];
    if (volgende) assert.doesNotMatch(volgende, /^(?:Zo|Toch|Daarom|Dus|Dat weegt)\b/, `${geval}: conclusie volgt op een resultaat zonder verschil: ${z} ${volgende}`);
  });
}

/** The sentences of one case that another case of the same pair words differently. */
function verschillend(gevallen: string[][]): string[][] {
  const overal = gevallen.reduce((a, zs) => new Set(zs.filter((z) => a.has(z))), new Set(gevallen[0]));
  return gevallen.map((zs) => zs.filter((z) => !overal.has(z)));
}

test('the templates name model terms, and the pairs and sentences are found', () => {
  assert.ok(ALLE_PAREN.length >= 20, ALLE_PAREN.join(', '));
  for (const p of ['cox_basis|id:ongeldig', 'logit_werk_6m|id:ongeldig', 'cox_landmark_6m|stabiel_wonen:ja', 'cox_interactie|inkomen*wanbetaler:ja']) assert.ok(WOORD_PAREN.has(p), p);
  assert.ok(COMBINATIES.includes('cox_basis|id:ongeldig&logit_werk_6m|id:ongeldig'), COMBINATIES.join('\n'));
  assert.ok(COMBINATIES.includes('cox_interactie|inkomen*veel_eerdere_zaken&cox_interactie|inkomen*wanbetaler:ja'), COMBINATIES.join('\n'));
});

const GEVALLEN: TermGeval[] = ['groter', 'kleiner', 'gelijk-boven', 'gelijk-onder', 'samengevoegd'];

for (const paar of ALLE_PAREN) {
  test(`${paar}: each side of 1, across it, and merged`, () => {
    const uit = GEVALLEN.map((g) => zinnen(basis({ [paar]: g })));
    uit.forEach((zs, i) => algemeen(zs, `${paar} ${GEVALLEN[i]}`));
    const eigen = verschillend(uit);
    GEVALLEN.forEach((g, i) => {
      const zs = eigen[i]!;
      assert.ok(zs.length > 0, `${paar} ${g}: geen zin noemt de term`);
      const tekst = zs.join('\n');
      if (g === 'groter' || g === 'kleiner') {
        const [wel, niet] = g === 'groter' ? [GROTER, KLEINER] : [KLEINER, GROTER];
        if (WOORD_PAREN.has(paar)) assert.match(tekst, wel, `${paar} ${g}: geen richtingswoord in\n${tekst}`);
        assert.doesNotMatch(tekst, niet, `${paar} ${g}: richtingswoord van de andere kant in\n${tekst}`);
      } else {
        assert.doesNotMatch(tekst, GROTER, `${paar} ${g}: richtingswoord zonder verschil in\n${tekst}`);
        assert.doesNotMatch(tekst, KLEINER, `${paar} ${g}: richtingswoord zonder verschil in\n${tekst}`);
        if (WOORD_PAREN.has(paar)) assert.match(tekst, GEEN_VERSCHIL, `${paar} ${g}: zegt niet dat er geen verschil is:\n${tekst}`);
      }
    });
    // The point estimate of a result without a difference does not leak into the words.
    const zonderGetallen = (zs: string[]) => zs.join('\n').replace(/\d+(?:,\d+)?/g, '#');
    assert.equal(zonderGetallen(uit[2]!), zonderGetallen(uit[3]!), `${paar}: boven en onder 1 binnen het interval lezen anders`);
  });
}

const KRUIS: TermGeval[] = ['groter', 'kleiner', 'gelijk-boven', 'samengevoegd'];

/** Sentences that a combination of results may, and only then must, contain. */
const VOORWAARDELIJK: { zin: RegExp; a: string; b?: string; als: (a: TermGeval, b?: TermGeval) => boolean }[] = [
  { zin: /^Dat weegt zwaar/, a: 'logit_werk_6m|id:ongeldig', b: 'cox_basis|id:ongeldig', als: (a, b) => a === 'kleiner' && b === 'groter' },
  { zin: /minder perspectief/, a: 'logit_werk_6m|huisvesting:geen_inschrijving', b: 'cox_basis|huisvesting:geen_inschrijving', als: (a, b) => a === 'kleiner' && b === 'groter' },
  { zin: /^Toch heeft/, a: 'cox_landmark_6m|stabiel_wonen:ja', als: (a) => a === 'kleiner' },
  { zin: /extra belangrijk/, a: 'cox_interactie|geslacht:v*geen_adres', als: (a) => a === 'groter' },
];

for (const combinatie of COMBINATIES) {
  test(`${combinatie.replace('&', ' with ')}: every combination reads correctly`, () => {
    const [a, b] = combinatie.split('&') as [string, string];
    for (const ga of KRUIS)
      for (const gb of KRUIS) {
        const zs = zinnen(basis({ [a]: ga, [b]: gb }));
        algemeen(zs, `${a}=${ga}, ${b}=${gb}`);
        for (const v of VOORWAARDELIJK) {
          if (v.b ? !(combinatie === [v.a, v.b].sort().join('&')) : ![a, b].includes(v.a)) continue;
          const va = v.a === a ? ga : gb;
          const vb = v.b === undefined ? undefined : v.b === a ? ga : gb;
          assert.equal(zs.some((z) => v.zin.test(z)), v.als(va, vb), `${a}=${ga}, ${b}=${gb}: ${v.zin}`);
        }
      }
  });
}

test('the conditional sentences are reached', () => {
  for (const v of VOORWAARDELIJK) {
    assert.ok(ALLE_PAREN.includes(v.a), v.a);
    const ja = zinnen(basis(v.b ? { [v.a]: 'kleiner', [v.b]: 'groter' } : { [v.a]: v.als('kleiner') ? 'kleiner' : 'groter' }));
    assert.ok(ja.some((z) => v.zin.test(z)), String(v.zin));
  }
});

// Changes between two indicator rows: (richting a b) and (verandering a b).
const IND = String.raw`\(ind "([a-z0-9_]+)" ("[^"]+"|[a-zA-Z]+) "([a-z]+)" "([^"]+)"\)`;
const VERANDERING = new RegExp(String.raw`(?:\{\{|\()(richting|verandering) ${IND} ${IND}\)?([^}]*)\}\}`, 'g');
/** The words a {{kies (richting a b) stijgt="…" …}} gives each outcome. */
function kiesWoorden(rest: string): Record<string, string> {
  return Object.fromEntries([...rest.matchAll(/(stijgt|daalt|gelijk)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}
const RICHTING_WOORD = /\b(?:steeg|stijgt|daalde|daalt|groeit|groeiend|kleiner wordend|neemt af|vaker|minder vaak|gebruikelijker|minder gebruikelijk|dus)\b/;

interface Rij {
  indicator: string;
  cohort: string;
  groep: string;
  moment: string;
}
const COHORTEN = ['2013', '2014'];
const cohortVan = (s: string) => (s === 'eersteCohort' ? COHORTEN[0]! : s === 'laatsteCohort' ? COHORTEN.at(-1)! : s.replace(/"/g, ''));

const VERANDERINGEN = [
  ...new Map(
    SJABLONEN.flatMap((s) =>
      [...s.tekst.matchAll(VERANDERING)].map((m) => {
        const a: Rij = { indicator: m[2]!, cohort: cohortVan(m[3]!), groep: m[4]!, moment: m[5]! };
        const b: Rij = { indicator: m[6]!, cohort: cohortVan(m[7]!), groep: m[8]!, moment: m[9]! };
        return [JSON.stringify([m[1], a, b, m[10]]), { soort: m[1]!, a, b, woorden: kiesWoorden(m[10] ?? '') }] as const;
      }),
    ),
  ).values(),
];

/** Set the cohort rows behind b so that b's share is a's plus `verschil` (a proportion). */
function zet(a: Rij, b: Rij, verschil: number): Wijziging {
  const basisR = fixtureResultaten();
  const pa = basisR.indicatoren.find(a.indicator, a.cohort, a.groep as never, a.moment as never)!;
  const doel = pa.teller! / pa.noemer! + verschil;
  return (r: Publicatie) => {
    const raak =
      r.indicator === b.indicator &&
      r.moment === b.moment &&
      (b.groep === 'totaal' || r.groep === b.groep) &&
      (b.cohort === 'totaal' || r.cohort === b.cohort) &&
      !(r.indicator === a.indicator && r.moment === a.moment && (a.groep === 'totaal' || r.groep === a.groep) && (a.cohort === 'totaal' || r.cohort === a.cohort));
    if (!raak || r.noemer === null) return r;
    const teller = Math.round(r.noemer * doel);
    return { ...r, teller, percentage: percentage(teller, r.noemer) };
  };
}

test('the templates compare indicator rows, and each comparison is found', () => {
  assert.ok(VERANDERINGEN.length >= 10, String(VERANDERINGEN.length));
});

for (const v of VERANDERINGEN) {
  const naam = `${v.soort} ${v.a.indicator}/${v.a.cohort}/${v.a.groep}/${v.a.moment} → ${v.b.indicator}/${v.b.cohort}/${v.b.groep}/${v.b.moment}`;
  test(`${naam}: a rise, a fall and no change`, () => {
    const termen = basis();
    const gevallen = (['stijgt', 'daalt', 'gelijk'] as const).map((g) => {
      const w = zet(v.a, v.b, g === 'stijgt' ? 0.15 : g === 'daalt' ? -0.15 : 0);
      return zinnen(termen, w, `${naam}|${g}`);
    });
    gevallen.forEach((zs, i) => algemeen(zs, `${naam} ${i}`));
    const eigen = verschillend(gevallen);
    const [stijgt, daalt, gelijk] = eigen.map((zs) => zs.join('\n'));
    assert.ok(stijgt && daalt && gelijk, `${naam}: geen zin verandert mee`);
    if (v.soort === 'verandering') {
      assert.match(stijgt, /\b(?:steeg|stijgt) met\b/, stijgt);
      assert.match(daalt, /\b(?:daalde|daalt) met\b/, daalt);
      assert.match(gelijk, /\b(?:bleef|blijft) gelijk\b/, gelijk);
    } else {
      // {{kies (richting a b) …}}: the words of each outcome appear, and "gelijk" has no direction.
      for (const [uitkomst, tekst] of [['stijgt', stijgt], ['daalt', daalt], ['gelijk', gelijk]] as const) {
        const woord = v.woorden[uitkomst];
        if (woord !== undefined) assert.ok(tekst.includes(woord), `${naam} ${uitkomst}: '${woord}' ontbreekt in\n${tekst}`);
      }
      if (v.woorden.gelijk !== undefined) assert.doesNotMatch(v.woorden.gelijk, RICHTING_WOORD, `${naam}: richting zonder verschil`);
    }
  });
}
