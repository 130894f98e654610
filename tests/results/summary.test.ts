/**
 * The English Summary says what the Samenvatting says, with the same numbers, for both committed
 * editions: both chapters are filled from the published results (out/<slug>/data/, as every
 * build reads them), and every number in the Summary is recomputed here from the rows of
 * indicatoren.csv itself (teller/noemer, rounded half up), independently of the report code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { leesEditie, type Editie } from '../../src/edition/edition.ts';
import { Sjablonen } from '../../src/edition/templates.ts';
import type { Extractie } from '../../src/extracts/contract.ts';
import { leesResultaten } from '../../src/results/lezen.ts';
import { vulHoofdstuk } from '../../src/chapters/render.ts';
import { leesVorigeMeting, vergelijk } from '../../src/vergelijking/index.ts';
import { fraction } from '../../src/text/wording-en.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Every number in a text, as numbers: Dutch (1.234,5) or English (1,234.5) notation. */
export function getallen(tekst: string, taal: 'nl' | 'en'): number[] {
  const [duizend, decimaal] = taal === 'nl' ? ['.', ','] : [',', '.'];
  const e = (c: string) => `\\${c}`;
  // A thousands separator is followed by exactly three digits; "2013, 2014" has a space.
  const getal = new RegExp(`\\d{1,3}(?:${e(duizend)}\\d{3})+(?:${e(decimaal)}\\d+)?|\\d+(?:${e(decimaal)}\\d+)?`, 'g');
  return [...tekst.matchAll(getal)].map((m) => Number(m[0].split(duizend).join('').replace(decimaal, '.')));
}

interface Rij {
  teller: number;
  noemer: number;
}

/** indicatoren.csv by "indicator|cohort|groep|moment", read here without the report's reader. */
function indicatoren(slug: string): Map<string, Rij> {
  const [kop, ...regels] = readFileSync(join(ROOT, 'out', slug, 'data', 'indicatoren.csv'), 'utf8').trim().split('\n');
  const k = kop!.split(',');
  const i = (naam: string) => k.indexOf(naam);
  const uit = new Map<string, Rij>();
  for (const regel of regels) {
    const v = regel.split(',');
    if (v[i('onderdrukt')] !== '0') continue;
    uit.set([v[i('indicator')], v[i('cohort')], v[i('groep')], v[i('moment')]].join('|'), { teller: Number(v[i('teller')]), noemer: Number(v[i('noemer')]) });
  }
  return uit;
}

/** Whole percent, half up, from the counts. */
const procent = (r: Rij) => Math.floor((200 * r.teller + r.noemer) / (2 * r.noemer));

/**
 * The numbers the Summary gives, in its order, from the published rows: the sentences of the
 * Samenvatting (templates/monitor/10-samenvatting.md.hbs) as a list of what each number is.
 */
function verwacht(e: Editie, csv: Map<string, Rij>, vorige?: Editie): { getallen: number[]; breuken: { rij: Rij; pct: number }[] } {
  const rij = (indicator: string, cohort: string | number, groep: string, moment: string) => {
    const r = csv.get([indicator, String(cohort), groep, moment].join('|'));
    assert.ok(r, `${indicator}|${cohort}|${groep}|${moment} is niet gepubliceerd`);
    return r;
  };
  const pct = (...a: Parameters<typeof rij>) => procent(rij(...a));
  const meet = (b: string) => e.basisvoorwaarden.includes(b as Editie['basisvoorwaarden'][number]);
  const eerste = e.cohorten[0]!;
  const laatste = e.cohorten.at(-1)!;
  const uit: number[] = [...e.cohorten];
  const breuken: { rij: Rij; pct: number }[] = [];
  if (meet('werk_inkomen')) {
    const sk = rij('geen_startkwalificatie', 'totaal', 'rik', 'uitstroom');
    uit.push(pct('geen_inkomen', 'totaal', 'rik', '1m_na'), procent(sk));
    breuken.push({ rij: sk, pct: procent(sk) });
  }
  if (meet('huisvesting')) uit.push(pct('niet_ingeschreven', 'totaal', 'rik', '1m_na'));
  if (meet('schulden')) uit.push(pct('wanbetaler_jaar_na', 'totaal', 'rik', '12m_na'));
  if (meet('id'))
    uit.push(eerste, pct('id_onbekend', eerste, 'rik', 'uitstroom'), laatste, pct('id_onbekend', laatste, 'rik', 'uitstroom'), pct('id_geen_geldig', 'totaal', 'rik', 'uitstroom'));
  if (meet('werk_inkomen'))
    uit.push(pct('baan_behouden', 'totaal', 'kv', '1m_voor-1m_na'), pct('baan_behouden', 'totaal', 'rik', '1m_voor-1m_na'), pct('baan_gevonden', 'totaal', 'rik', '1m_voor-1m_na'));
  const recidive = rij('recidive_2j', 'totaal', 'rik', '24m_na');
  breuken.push({ rij: recidive, pct: procent(recidive) });
  uit.push(procent(recidive), laatste, pct('recidive_2j', laatste, 'rik', '24m_na'));
  // "Compared with the 6th measurement", "the trend from the 6th measurement" once per group
  // (recidive within two years is a headline series every edition publishes), "the cohorts
  // 2013–2019".
  if (vorige) uit.push(vorige.nummer, vorige.nummer, vorige.nummer, vorige.cohorten[0]!, laatste);
  return { getallen: uit, breuken };
}

async function hoofdstukken(slug: string) {
  const editie = await leesEditie(join(ROOT, 'editions', slug, 'editie.json'));
  const data = join(ROOT, 'out', slug, 'data');
  const bestanden = Object.fromEntries(readdirSync(data).filter((f) => f.endsWith('.csv')).map((f) => [f, readFileSync(join(data, f), 'utf8')]));
  const extractie = JSON.parse(readFileSync(join(ROOT, 'data', slug, 'extractie.json'), 'utf8')) as Extractie;
  const r = leesResultaten(bestanden, editie, extractie);
  const vorige = editie.vorige ? leesVorigeMeting({ slug: editie.vorige, nummer: Number.parseInt(editie.vorige, 10), uitvoer: join(ROOT, 'out'), root: ROOT }) : undefined;
  const vergelijking = vorige ? vergelijk(r, vorige, { wijzigingen: editie.wijzigingen }) : undefined;
  const sjablonen = new Sjablonen(join(ROOT, 'templates'), join(ROOT, 'editions', slug, 'templates'));
  const opties = { root: ROOT, ...(vergelijking ? { vergelijking } : {}) };
  return {
    editie,
    vorigeEditie: editie.vorige ? await leesEditie(join(ROOT, 'editions', editie.vorige, 'editie.json')) : undefined,
    samenvatting: vulHoofdstuk(sjablonen.pad('monitor/10-samenvatting.md.hbs'), r, [], opties),
    summary: vulHoofdstuk(sjablonen.pad('monitor/20-summary.md.hbs'), r, [], opties),
  };
}

test('numbers are read in either notation', () => {
  assert.deepEqual(getallen('12.954 personen, 34,5%, 2013, 2014 en 2016; 1,07–1,33', 'nl'), [12954, 34.5, 2013, 2014, 2016, 1.07, 1.33]);
  assert.deepEqual(getallen('12,954 persons, 34.5%, 2013, 2014 and 2016; 1.07–1.33', 'en'), [12954, 34.5, 2013, 2014, 2016, 1.07, 1.33]);
});

for (const slug of ['6e-meting', '7e-meting']) {
  test(`${slug}: the Summary has the Samenvatting's numbers, in the same order`, async () => {
    const h = await hoofdstukken(slug);
    const en = getallen(h.summary, 'en');
    assert.ok(en.length >= 10, h.summary);
    assert.deepEqual(en, getallen(h.samenvatting, 'nl'));
  });

  test(`${slug}: every number in the Summary is recomputed from the published indicatoren.csv`, async () => {
    const h = await hoofdstukken(slug);
    const v = verwacht(h.editie, indicatoren(slug), h.vorigeEditie);
    assert.deepEqual(getallen(h.summary, 'en'), v.getallen);
    // The fractions in words belong to the same rows: "two thirds (67%)", "half of ... (50%".
    for (const b of v.breuken) assert.ok(h.summary.includes(fraction(b.rij.teller, b.rij.noemer)), `${fraction(b.rij.teller, b.rij.noemer)} (${b.pct}%) ontbreekt`);
  });
}

test('the 7th meting\'s Summary names what it does not measure and compares with the 6th', async () => {
  const h = await hoofdstukken('7e-meting');
  assert.match(h.summary, / Identity documents and care \(mental health and addiction care\) are not measured in this edition; \[@sec:methoden\] gives the reasons\./);
  assert.match(h.summary, /^## Compared with the 6th measurement/m);
  assert.doesNotMatch(h.summary, /identity document(?! and care)|\bID\b/, 'no sentence on ID beyond the one that says it is not measured');
  const h6 = await hoofdstukken('6e-meting');
  assert.doesNotMatch(h6.summary, /not measured|Compared with/);
});
