/**
 * The wording rules of models.md ("What the text may say"), for every sentence of the chapters
 * and the Kamerbrief that reports a model result or a change:
 *
 * - direction words only where the 95% interval excludes 1 (or the change is significant by the
 *   rule of src/text/wording.ts), otherwise "geen aantoonbaar verschil" / "niet aantoonbaar";
 * - no conclusion word ("weegt zwaar", "daarom", "dus", "zo", "toch", "ook" with a direction)
 *   attached to a result without a difference.
 *
 * The cases are generated from the templates: every (model, term) pair a template names in
 * hr/hrbi/hrrichting/kans/geschat gets each side of 1, an interval across 1 (point estimate above
 * and below 1) and a merged term; every two pairs that share a template sentence get the cross
 * product; every (richting|verandering) of two indicator rows gets a rise, a fall and no change.
 * A new sentence therefore gets its cases without editing this file.
 *
 * The English Summary is held to the same rules in English: each language's sentences are
 * checked with that language's words, for the pairs and comparisons its own templates name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sjablonen } from '../../src/edition/templates.ts';
import { hoofdstukSjablonen, vulHoofdstuk } from '../../src/chapters/render.ts';
import { hoofdstukTaal, type Taal } from '../../src/chapters/taal.ts';
import { figuren } from '../../src/charts/catalogue.ts';
import { renderLetter } from '../../src/letter/render.ts';
import type { Publicatie } from '../../src/indicators/disclosure.ts';
import { percentage } from '../../src/indicators/disclosure.ts';
import { fixtureResultaten, type TermGeval, type Wijziging } from './fixture.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const MONITOR = new Sjablonen(join(ROOT, 'templates'));
const BRIEF = new Sjablonen(join(ROOT, 'templates'), join(ROOT, 'editions', '6e-meting', 'templates'));

/** Every template that may report a model result or a change, with its language. */
function sjablonen(): { naam: string; tekst: string; taal: Taal }[] {
  const uit: { naam: string; tekst: string; taal: Taal }[] = [];
  const map = (dir: string) => {
    for (const f of readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.hbs')).sort())
      uit.push({ naam: `${dir}/${f}`, tekst: readFileSync(join(ROOT, dir, f), 'utf8'), taal: hoofdstukTaal(f) });
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

const TALEN: readonly Taal[] = ['nl', 'en'];
const ALLE_PAREN = [...new Set(SJABLONEN.flatMap((s) => paren(s.tekst)))].sort();
/** Pairs the templates of each language name. */
const PAREN_PER_TAAL: Record<Taal, Set<string>> = Object.fromEntries(TALEN.map((t) => [t, new Set(SJABLONEN.filter((s) => s.taal === t).flatMap((s) => paren(s.tekst)))])) as Record<Taal, Set<string>>;
/** Pairs whose words (not only numbers) follow the result, per language. */
const WOORD_PAREN_PER_TAAL: Record<Taal, Set<string>> = Object.fromEntries(TALEN.map((t) => [t, new Set(SJABLONEN.filter((s) => s.taal === t).flatMap((s) => paren(s.tekst, true)))])) as Record<Taal, Set<string>>;
const WOORD_PAREN = new Set([...WOORD_PAREN_PER_TAAL.nl, ...WOORD_PAREN_PER_TAAL.en]);
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
const HOOFDSTUKKEN = hoofdstukSjablonen(MONITOR).filter(({ pad }) => /hrrichting|kans|\bhr\b|richting|verandering/.test(readFileSync(pad, 'utf8')));
type Zinnen = Record<Taal, string[]> & {
  /** The Samenvatting's own: what it words, the Summary must word too. */
  samenvatting: string[];
};
const cache = new Map<string, Zinnen>();
/** The sentences of every rendered text, per language. */
function zinnenPerTaal(termen: Record<string, TermGeval>, wijzig?: Wijziging, sleutel = JSON.stringify(termen)): Zinnen {
  const c = cache.get(sleutel);
  if (c) return c;
  const r = fixtureResultaten(wijzig, { termen });
  const figs = figuren(r);
  const teksten = [
    ...HOOFDSTUKKEN.map(({ pad }) => ({ taal: hoofdstukTaal(pad), pad, tekst: vulHoofdstuk(pad, r, figs, { root: ROOT }) })),
    { taal: 'nl' as Taal, tekst: renderLetter(BRIEF, r, { root: ROOT }).markdown },
  ];
  const splits = (t: string) =>
    t
      .split(/\n+/)
      .filter((regel) => !/^\s*(?:\||#|!\[|:::|<!--|\[\^)/.test(regel))
      .flatMap((regel) => regel.split(/(?<=[.?!])\s+(?=[A-Z(])/))
      .map((z) => z.trim())
      .filter(Boolean);
  const uit = {
    ...(Object.fromEntries(TALEN.map((taal) => [taal, teksten.filter((t) => t.taal === taal).flatMap((t) => splits(t.tekst))])) as Record<Taal, string[]>),
    samenvatting: teksten.filter((t) => 'pad' in t && /-samenvatting\.md\.hbs$/.test(t.pad)).flatMap((t) => splits(t.tekst)),
  };
  cache.set(sleutel, uit);
  return uit;
}
/** The Dutch sentences (every text but the Summary). */
function zinnen(termen: Record<string, TermGeval>, wijzig?: Wijziging, sleutel?: string): string[] {
  return zinnenPerTaal(termen, wijzig, sleutel).nl;
}

/** Every pair a template names at "no difference" (interval across 1), except those given. */
function basis(overig: Record<string, TermGeval> = {}): Record<string, TermGeval> {
  return { ...Object.fromEntries(ALLE_PAREN.map((p) => [p, 'gelijk-boven' as TermGeval])), ...overig };
}

/** The words of each language that the rules look for. */
interface Woorden {
  groter: RegExp;
  kleiner: RegExp;
  geenVerschil: RegExp;
  conclusie: RegExp;
  /** One-sided words for a result without a difference ("niet aantoonbaar sterker"). */
  eenzijdig: RegExp;
  /** A sentence that opens as a conclusion from the one before. */
  conclusieBegin: RegExp;
  /** The words of {{verandering}}: a rise, a fall, no change. */
  stijgt: RegExp;
  daalt: RegExp;
  gelijk: RegExp;
}
const WOORDEN: Record<Taal, Woorden> = {
  nl: {
    groter: /\b(?:grotere|groter|meer recidive|zwaarder|relatief meer)\b/,
    kleiner: /\b(?:kleinere|kleiner|minder recidive|minder zwaar|relatief minder)\b/,
    geenVerschil: /\b(?:niet|geen) aantoonba(?:ar|re)\b|niet apart geschat|geen aparte schatting|niet te schatten|–\[\^samengevoegd\]|bleef gelijk|blijft gelijk|blijft ongeveer gelijk|ongeveer even/,
    conclusie: /weegt zwaar|\bdaarom\b|\bdus\b|^Zo\b|^Toch\b|extra belangrijk|\book (?:een )?(?:kleinere|grotere|kleiner|groter|minder|meer|vaker)\b/i,
    eenzijdig: /\bniet aantoonbaar (?:meer|minder|sterker|zwakker|groter|kleiner)\b/,
    conclusieBegin: /^(?:Zo|Toch|Daarom|Dus|Dat weegt)\b/,
    stijgt: /\b(?:steeg|stijgt) met\b/,
    daalt: /\b(?:daalde|daalt) met\b/,
    gelijk: /\b(?:bleef|blijft) gelijk\b/,
  },
  en: {
    groter: /\b(?:higher|greater|more reoffending|more heavily|relatively more)\b/,
    kleiner: /\b(?:lower|smaller|less reoffending|less heavily|relatively less)\b/,
    geenVerschil: /\b(?:not|no) demonstrabl[ey]\b|\bdemonstrably different|could not be estimated|–\[\^samengevoegd\]|remain(?:s|ed) level|roughly the same/,
    conclusie: /weighs? heavily|\btherefore\b|\bthus\b|\bhence\b|^So\b|^Yet\b|^Still\b|all the more|especially important|\balso (?:a )?(?:lower|higher|greater|smaller|less|more)\b/i,
    eenzijdig: /\bnot demonstrably (?:more|less|stronger|weaker|greater|smaller|higher|lower)\b/,
    conclusieBegin: /^(?:So|Yet|Still|Therefore|Thus|Hence|That weighs)\b/,
    stijgt: /\b(?:rises|rose) by\b/,
    daalt: /\b(?:falls|fell) by\b/,
    gelijk: /\bremain(?:s|ed) level\b/,
  },
};

/** The rules every rendered text keeps, whatever the results. */
function algemeen(zs: string[], geval: string, taal: Taal = 'nl'): void {
  const w = WOORDEN[taal];
  zs.forEach((z, i) => {
    assert.doesNotMatch(z, w.eenzijdig, `${geval}: eenzijdig woord bij geen verschil: ${z}`);
    if (!w.geenVerschil.test(z)) return;
    assert.doesNotMatch(z, w.conclusie, `${geval}: conclusiewoord bij een resultaat zonder verschil: ${z}`);
    const volgende = zs[i + 1];
    if (volgende) assert.doesNotMatch(volgende, w.conclusieBegin, `${geval}: conclusie volgt op een resultaat zonder verschil: ${z} ${volgende}`);
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
  // The English Summary words the same model results as the Samenvatting.
  for (const p of ['cox_basis|activiteit:werk', 'cox_basis|id:ongeldig', 'cox_interactie|geslacht:v*geen_adres', 'logit_werk_6m|huisvesting:geen_inschrijving']) assert.ok(WOORD_PAREN_PER_TAAL.en.has(p), `en ${p}`);
  assert.ok(COMBINATIES.includes('cox_basis|id:ongeldig&logit_werk_6m|id:ongeldig'), COMBINATIES.join('\n'));
  assert.ok(COMBINATIES.includes('cox_interactie|inkomen*veel_eerdere_zaken&cox_interactie|inkomen*wanbetaler:ja'), COMBINATIES.join('\n'));
});

const GEVALLEN: TermGeval[] = ['groter', 'kleiner', 'gelijk-boven', 'gelijk-onder', 'samengevoegd'];

for (const paar of ALLE_PAREN) {
  test(`${paar}: each side of 1, across it, and merged`, () => {
    for (const taal of TALEN.filter((t) => PAREN_PER_TAAL[t].has(paar))) {
      const w = WOORDEN[taal];
      const uit = GEVALLEN.map((g) => zinnenPerTaal(basis({ [paar]: g }))[taal]);
      uit.forEach((zs, i) => algemeen(zs, `${taal} ${paar} ${GEVALLEN[i]}`, taal));
      const eigen = verschillend(uit);
      // A template may name a pair in a branch this fixture does not reach (an edition without
      // ID); the Summary must word a result wherever the Samenvatting does.
      if (taal === 'en' && eigen.every((zs) => zs.length === 0)) {
        const samenvatting = verschillend(GEVALLEN.map((g) => zinnenPerTaal(basis({ [paar]: g })).samenvatting));
        assert.ok(samenvatting.every((zs) => zs.length === 0), `en ${paar}: de Samenvatting noemt de term, de Summary niet`);
        continue;
      }
      const inWoorden = WOORD_PAREN_PER_TAAL[taal].has(paar);
      GEVALLEN.forEach((g, i) => {
        const zs = eigen[i]!;
        assert.ok(zs.length > 0, `${taal} ${paar} ${g}: geen zin noemt de term`);
        const tekst = zs.join('\n');
        if (g === 'groter' || g === 'kleiner') {
          const [wel, niet] = g === 'groter' ? [w.groter, w.kleiner] : [w.kleiner, w.groter];
          if (inWoorden) assert.match(tekst, wel, `${taal} ${paar} ${g}: geen richtingswoord in\n${tekst}`);
          assert.doesNotMatch(tekst, niet, `${taal} ${paar} ${g}: richtingswoord van de andere kant in\n${tekst}`);
        } else {
          assert.doesNotMatch(tekst, w.groter, `${taal} ${paar} ${g}: richtingswoord zonder verschil in\n${tekst}`);
          assert.doesNotMatch(tekst, w.kleiner, `${taal} ${paar} ${g}: richtingswoord zonder verschil in\n${tekst}`);
          if (inWoorden) assert.match(tekst, w.geenVerschil, `${taal} ${paar} ${g}: zegt niet dat er geen verschil is:\n${tekst}`);
        }
      });
      // The point estimate of a result without a difference does not leak into the words.
      const zonderGetallen = (zs: string[]) => zs.join('\n').replace(/\d+(?:[.,]\d+)?/g, '#');
      assert.equal(zonderGetallen(uit[2]!), zonderGetallen(uit[3]!), `${taal} ${paar}: boven en onder 1 binnen het interval lezen anders`);
    }
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
        const perTaal = zinnenPerTaal(basis({ [a]: ga, [b]: gb }));
        algemeen(perTaal.en, `en ${a}=${ga}, ${b}=${gb}`, 'en');
        const zs = perTaal.nl;
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
const RICHTING_WOORD =
  /\b(?:steeg|stijgt|daalde|daalt|groeit|groeiend|kleiner wordend|neemt af|vaker|minder vaak|gebruikelijker|minder gebruikelijk|dus|rises|rose|rising|falls|fell|falling|grows|growing|shrinks|shrinking|increasing|decreasing|more often|less often|more common|less common|therefore|thus)\b/;

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
        return [JSON.stringify([s.taal, m[1], a, b, m[10]]), { taal: s.taal, soort: m[1]!, a, b, woorden: kiesWoorden(m[10] ?? '') }] as const;
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
  const naam = `${v.taal === 'en' ? 'en ' : ''}${v.soort} ${v.a.indicator}/${v.a.cohort}/${v.a.groep}/${v.a.moment} → ${v.b.indicator}/${v.b.cohort}/${v.b.groep}/${v.b.moment}`;
  test(`${naam}: a rise, a fall and no change`, () => {
    const termen = basis();
    const gevallen = (['stijgt', 'daalt', 'gelijk'] as const).map((g) => {
      const w = zet(v.a, v.b, g === 'stijgt' ? 0.15 : g === 'daalt' ? -0.15 : 0);
      return zinnenPerTaal(termen, w, `${naam}|${g}`)[v.taal];
    });
    gevallen.forEach((zs, i) => algemeen(zs, `${naam} ${i}`, v.taal));
    const eigen = verschillend(gevallen);
    const [stijgt, daalt, gelijk] = eigen.map((zs) => zs.join('\n'));
    assert.ok(stijgt && daalt && gelijk, `${naam}: geen zin verandert mee`);
    if (v.soort === 'verandering') {
      assert.match(stijgt, WOORDEN[v.taal].stijgt, stijgt);
      assert.match(daalt, WOORDEN[v.taal].daalt, daalt);
      assert.match(gelijk, WOORDEN[v.taal].gelijk, gelijk);
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
