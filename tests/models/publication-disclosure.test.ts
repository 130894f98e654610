/**
 * The whole publication against itself: on many small random extract sets, run the real engine
 * (indicators, their disclosure control, the models and the Kaplan–Meier curves), render the
 * three data files as they are published, and play the reader who puts them side by side. No
 * event, censoring or other count between 1 and k-1 may follow from them.
 *
 * What the reader is taken to know (conservatively):
 * - indicatoren.csv: every published teller and noemer, exactly;
 * - modellen.csv: a model's n and events, published rounded down to a multiple of k, as the
 *   interval [v, v + k - 1] (the appendix states the rounding), but exactly when the value is
 *   not a multiple of k (then it was not rounded);
 * - recidive_km.csv: at_risk likewise as [R, R + k - 1] or exactly; the months where a curve steps (its value
 *   changes), and the exact number of events behind each step (without censoring,
 *   E = n * cumulatief with n a published noemer); a curve's size n exactly.
 *
 * What the reader derives, and what is checked (a derived count is a leak when every value it
 * can take lies in 1..k-1, or in -(k-1)..-1 for a difference taken the other way round):
 * - within a curve, from consecutive rows: the events between them (steps), and the exits
 *   (at_risk falls) less those events: the censorings; and, for a reader who knows who was
 *   censored, the events held back in a month without a step, from its at_risk;
 * - across curves: the true E at months where a curve does not step, from the curves that add
 *   up (cohorts to 'totaal', rik and kv to 'totaal', categories to the rik curve), solved
 *   exactly; a delayed count (true E minus shown E in 1..k-1) must not be determined; nor be
 *   bounded inside 1..k-1 by those equations and what the rule and the audit say of each
 *   month (tests/helpers/km-lezer.ts);
 * - across files: recidive_2j's teller against the events behind every step of the curve of the
 *   same cohort and groep; every published noemer of a cohort and groep against the at_risk of
 *   its curves; every model's n and events against every published teller and noemer of rik,
 *   all cohorts, against the events behind the steps and the at_risk of the rik curves, and
 *   against each other.
 * - indicatoren.csv across moments: the same records published at two moments (every noemer
 *   of a cohort and groep, and the sub-populations werk and address registration at 1m_voor and,
 *   without ID, the complete cases) against each other: the difference is those who died,
 *   emigrated or passed the peildatum in between (momentLekken; the rule is in
 *   src/indicators/sql/04-uitval.sql).
 *
 * The last test shows that the checks can fail: the same reader, given the unprotected curves
 * (exact at_risk, a step at every month with events), finds leaks.
 *
 * Each random set is loaded into DuckDB once, and every run of the engine on it has a fresh
 * connection of its own (opSet says why that is as good as a database of its own).
 */
import { test } from 'node:test';
import type { DuckDBConnection } from '@duckdb/node-api';
import assert from 'node:assert/strict';
import { leesEditie } from '../../src/edition/edition.ts';
import { computeIndicators } from '../../src/indicators/compute.ts';
import { applyDisclosure } from '../../src/indicators/disclosure.ts';
import { recoverable } from '../../src/disclosure/recoverable.ts';
import { indicatorenCsv } from '../../src/indicators/write.ts';
import { kmCurves, type KmCurve } from '../../src/models/km-curves.ts';
import { computeModels } from '../../src/models/run.ts';
import { KM_UITSPLITSINGEN, kmUitsplitsingen, NIVEAUS, readKmRecords } from '../../src/models/frames.ts';
import { modelOnderdrukkingRegels, recidiveKmCsv, modellenCsv } from '../../src/models/write.ts';
import { ONDERDRUKKING_HEADER } from '../../src/indicators/write.ts';
import { intervalLekken } from '../helpers/km-lezer.ts';
import { tabellen } from '../helpers/tables.ts';
import { randomExtracts } from '../helpers/random.ts';
import type { Tabellen } from '../helpers/tables.ts';
import { Rng } from '../../src/synth/random.ts';

const edition = await leesEditie(new URL('../../editions/6e-meting/editie.json', import.meta.url).pathname);
const PEILDATUM = '2019-06-30';
const K = edition.drempel;
const COHORTEN = edition.cohorten.map(String);

type Rij = Record<string, string>;
function csv(tekst: string): Rij[] {
  const [kop, ...regels] = tekst.trimEnd().split('\n');
  const kolommen = kop!.split(',');
  return regels.map((r) => Object.fromEntries(r.split(',').map((v, i) => [kolommen[i]!, v])));
}

interface Publicatie {
  indicatoren: Rij[];
  km: Rij[];
  modellen: Rij[];
  /** The audit lines of recidive_km.csv and modellen.csv. */
  audit: Rij[];
  /** The true counts behind the curves (never published; the test's ground truth). */
  curves: KmCurve[];
}

/**
 * The tables of each random set are loaded once: one in-memory DuckDB per set (and one per set
 * with emigration), shared by every run of the engine on that set (an edition with and without
 * ID, the uitval rule on and off). Each run opens a connection of its own and closes it: the
 * engine's working tables are all TEMP tables (src/indicators/sql, src/models/sql), which belong
 * to their connection, so a run sees the extracts and nothing of another run, as it would on a
 * database of its own.
 */
const databanken = new Map<string, ReturnType<typeof tabellen>>();
/** Close them, once every run has finished (a root-level `after` could run before that: the file's top-level awaits are still running when its first test has passed). */
async function sluitDatabanken(): Promise<void> {
  for (const db of databanken.values()) (await db).close();
  databanken.clear();
}
async function opSet<T>(set: { n: number; seed: number; emigratie?: boolean }, run: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const sleutel = `${set.n}/${set.seed}/${set.emigratie === true}`;
  let db = databanken.get(sleutel);
  if (!db) {
    const data = randomExtracts(set.n, set.seed);
    db = tabellen(set.emigratie ? metEmigratie(data, set.seed) : data);
    databanken.set(sleutel, db);
  }
  const conn = await (await db).db.connect();
  try {
    return await run(conn);
  } finally {
    conn.closeSync();
  }
}

function publiceer(n: number, seed: number): Promise<Publicatie> {
  return opSet({ n, seed }, async (conn) => {
    const { definities, tellingen } = await computeIndicators(conn, edition, PEILDATUM, false);
    const { rijen } = applyDisclosure(tellingen, definities, edition.cohorten, K);
    const modellen = await computeModels(conn, edition, PEILDATUM, { indicatoren: rijen });
    const curves = kmCurves(await readKmRecords(conn, edition), COHORTEN, kmUitsplitsingen(edition.basisvoorwaarden));
    return {
      indicatoren: csv(indicatorenCsv(rijen)),
      km: csv(recidiveKmCsv(modellen)),
      modellen: csv(modellenCsv(modellen)),
      audit: csv([ONDERDRUKKING_HEADER, ...modelOnderdrukkingRegels(modellen)].join('\n') + '\n'),
      curves,
    };
  });
}

/** What the reader knows of a count: an interval of integers. */
interface Bekend {
  lo: number;
  hi: number;
}
const exact = (x: number): Bekend => ({ lo: x, hi: x });
const afgerond = (x: number): Bekend => ({ lo: x, hi: x + K - 1 });
const min = (a: Bekend, b: Bekend): Bekend => ({ lo: a.lo - b.hi, hi: a.hi - b.lo });
/** Every value the derived count can take is small (1..k-1), in either direction. */
const klein = (d: Bekend) => (d.lo >= 1 && d.hi <= K - 1) || (d.hi <= -1 && d.lo >= -(K - 1));

const curveSleutel = (r: Rij) => `${r['uitsplitsing']}|${r['categorie']}|${r['cohort']}|${r['groep']}`;

interface GepubliceerdeCurve {
  id: string;
  cohort: string;
  groep: string;
  /** Per month 1..24: at_risk as published, null when suppressed. */
  atRisk: (number | null)[];
  /** Months where the published value steps. */
  stappen: number[];
  onderdrukt: boolean;
}

function leesKm(km: Rij[]): Map<string, GepubliceerdeCurve> {
  const out = new Map<string, GepubliceerdeCurve>();
  for (const r of km) {
    const id = curveSleutel(r);
    let c = out.get(id);
    if (!c) {
      c = { id, cohort: r['cohort']!, groep: r['groep']!, atRisk: [], stappen: [], onderdrukt: false };
      out.set(id, c);
    }
    const maand = Number(r['maand']);
    assert.equal(maand, c.atRisk.length + 1);
    if (r['onderdrukt'] === '1') {
      c.onderdrukt = true;
      c.atRisk.push(null);
      continue;
    }
    c.atRisk.push(Number(r['at_risk']));
    const vorige = maand === 1 ? '0.000000' : km.find((x) => curveSleutel(x) === id && Number(x['maand']) === maand - 1)!['cumulatief'];
    if (r['cumulatief'] !== vorige) c.stappen.push(maand);
  }
  return out;
}

/** The curves that add up, month by month (run.ts, kmFamilies; models.md). */
function families(): { totaal: string; delen: string[] }[] {
  const id = (u: string, c: string, cohort: string, g: string) => `${u}|${c}|${cohort}|${g}`;
  const f: { totaal: string; delen: string[] }[] = [];
  for (const g of ['rik', 'kv', 'totaal']) f.push({ totaal: id('totaal', 'totaal', 'totaal', g), delen: COHORTEN.map((c) => id('totaal', 'totaal', c, g)) });
  for (const c of [...COHORTEN, 'totaal']) f.push({ totaal: id('totaal', 'totaal', c, 'totaal'), delen: ['rik', 'kv'].map((g) => id('totaal', 'totaal', c, g)) });
  // The curves by category of each breakdown add up to the landmark curve of rik (from 1m_na).
  for (const u of KM_UITSPLITSINGEN) f.push({ totaal: id('landmark_1m', 'totaal', 'totaal', 'rik'), delen: NIVEAUS[u].map((l) => id(u, l, 'totaal', 'rik')) });
  return f;
}

/** How the reader reads the rounded counts; the check of the test itself reads them as exact. */
interface Lezer {
  atRisk: (x: number) => Bekend;
  model: (x: number) => Bekend;
}
/** A value that is not a multiple of k was not rounded: the reader takes it as exact. */
const gelezen = (x: number): Bekend => (x % K === 0 ? afgerond(x) : exact(x));
const LEZER: Lezer = { atRisk: gelezen, model: gelezen };

/** Every derived count that is small, as `<relation>: <what>`. */
function lekken(p: Publicatie, lezer: Lezer = LEZER): string[] {
  const uit: string[] = [];
  const km = leesKm(p.km);
  const waarheid = new Map(p.curves.map((c) => [c.id, c]));
  const E = (id: string, m: number) => (m === 0 ? 0 : waarheid.get(id)!.punten[m - 1]!.events);
  // Every published curve has its truth, and vice versa.
  assert.deepEqual([...km.keys()].sort(), [...waarheid.keys()].sort());

  // 1. Within a curve, consecutive rows.
  for (const c of km.values()) {
    if (c.onderdrukt) continue;
    const n = waarheid.get(c.id)!.n;
    const bekendE = new Set([0, ...c.stappen]);
    for (let m = 1; m <= c.atRisk.length; m++) {
      const vorigeStap = [0, ...c.stappen].filter((s) => s < m).at(-1)!;
      if (c.stappen.includes(m) && klein(exact(E(c.id, m) - E(c.id, vorigeStap)))) uit.push(`km-stap: ${c.id} maand ${m}`);
      const a0 = m === 1 ? exact(n) : lezer.atRisk(c.atRisk[m - 2]!);
      const uitval = min(a0, lezer.atRisk(c.atRisk[m - 1]!));
      if (klein(uitval)) uit.push(`km-uitval: ${c.id} maand ${m}`);
      if (bekendE.has(m - 1) && bekendE.has(m)) {
        const gecensureerd = min(uitval, exact(E(c.id, m) - E(c.id, m - 1)));
        if (klein(gecensureerd)) uit.push(`km-censurering: ${c.id} maand ${m}`);
      }
    }
  }

  // 1b. at_risk in a month without a step. A reader who knows who was censored (the noemers
  // across moments can tell that nobody was) reads the month's events off a fresh at_risk, to
  // within its rounding; with the rule (fewer than k held back) that may pin a count in 1..k-1.
  const regelVan = new Map(p.audit.filter((a) => a['bestand'] === 'recidive_km.csv').map((a) => [`${a['indicator']!.replace(':', '|')}|${a['cohort']}|${a['groep']}#${parseInt(a['moment']!, 10)}`, a['regel']!]));
  for (const c of km.values()) {
    if (c.onderdrukt) continue;
    const w = waarheid.get(c.id)!;
    for (let m = 2; m <= c.atRisk.length; m++) {
      if (c.stappen.includes(m) || c.atRisk[m - 1] === c.atRisk[m - 2]) continue;
      const vorigeStap = [0, ...c.stappen].filter((s) => s < m).at(-1)!;
      const open = Array.from({ length: m - vorigeStap }, (_, j) => regelVan.get(`${c.id}#${vorigeStap + 1 + j}`)).some((r) => r !== 'vertraagd');
      const pt = w.punten[m - 1]!;
      const anders = w.n - pt.atRisk - pt.events; // exits other than events, known to this reader
      const a = lezer.atRisk(c.atRisk[m - 1]!);
      const e = { lo: w.n - anders - a.hi, hi: w.n - anders - a.lo };
      const uitstel = { lo: Math.max(0, e.lo - E(c.id, vorigeStap)), hi: Math.min(open ? Infinity : K - 1, e.hi - E(c.id, vorigeStap)) };
      if (klein(uitstel)) uit.push(`km-at_risk: ${c.id} maand ${m}`);
    }
  }

  // 2. Across curves: the family equations in the true E.
  const maanden = p.curves[0]?.punten.length ?? 0;
  const vergelijkingen = families().flatMap((f) =>
    Array.from({ length: maanden }, (_, i) => ({
      termen: [...f.delen.map((d) => ({ v: `${d}#${i + 1}`, c: 1 })), { v: `${f.totaal}#${i + 1}`, c: -1 }],
    })),
  );
  const ontleed = (v: string) => {
    const i = v.lastIndexOf('#');
    return { id: v.slice(0, i), m: Number(v.slice(i + 1)) };
  };
  const onbekend = (v: string) => {
    const { id, m } = ontleed(v);
    const c = km.get(id);
    return c !== undefined && (c.onderdrukt || !c.stappen.includes(m)); // absent curves: known zeros
  };
  for (const v of recoverable(vergelijkingen, onbekend).flat()) {
    const { id, m } = ontleed(v);
    const c = km.get(id)!;
    const getoond = c.onderdrukt ? 0 : E(id, [0, ...c.stappen].filter((s) => s <= m).at(-1)!);
    if (klein(exact(E(id, m) - getoond))) uit.push(`km-familie: ${id} maand ${m}`);
  }

  // 2b. The same equations with the bounds the rule and the audit give (tests/helpers/km-lezer.ts).
  const gelezen = p.curves.map((c) => ({
    id: c.id,
    events: c.punten.map((pt) => pt.events),
    stappen: km.get(c.id)!.onderdrukt ? null : km.get(c.id)!.stappen,
    regel: c.punten.map((_, i) => regelVan.get(`${c.id}#${i + 1}`)),
  }));
  for (const l of intervalLekken(gelezen, families(), K)) uit.push(`km-grenzen: ${l}`);

  // 3. Curves against indicatoren.csv.
  const gepubliceerd = p.indicatoren.filter((r) => r['onderdrukt'] === '0');
  for (const c of km.values()) {
    if (c.onderdrukt) continue;
    if (c.id.startsWith('totaal|totaal|')) {
      const r2j = gepubliceerd.find((r) => r['indicator'] === 'recidive_2j' && r['cohort'] === c.cohort && r['groep'] === c.groep);
      if (r2j)
        for (const s of c.stappen)
          if (klein(min(exact(Number(r2j['teller'])), exact(E(c.id, s))))) uit.push(`km-recidive_2j: ${c.id} maand ${s}`);
      const noemers = new Set(gepubliceerd.filter((r) => r['cohort'] === c.cohort && r['groep'] === c.groep).map((r) => Number(r['noemer'])));
      for (const x of noemers)
        c.atRisk.forEach((a, i) => {
          if (klein(min(exact(x), lezer.atRisk(a!)))) uit.push(`km-noemer: ${c.id} maand ${i + 1} tegen noemer ${x}`);
        });
    }
  }

  // 4. The models against everything.
  const modelTellingen: [string, Bekend][] = p.modellen
    .filter((r) => r['term'] === '(model)')
    .flatMap((r) => [
      [`${r['model']}.n`, lezer.model(Number(r['n']))],
      [`${r['model']}.events`, lezer.model(Number(r['events']))],
    ]);
  const vergelijk: [string, Bekend][] = [];
  for (const r of gepubliceerd.filter((x) => x['cohort'] === 'totaal' && x['groep'] === 'rik')) {
    vergelijk.push([`${r['indicator']}@${r['moment']}.teller`, exact(Number(r['teller']))]);
    vergelijk.push([`${r['indicator']}@${r['moment']}.noemer`, exact(Number(r['noemer']))]);
  }
  for (const c of km.values()) {
    if (c.onderdrukt || c.cohort !== 'totaal' || c.groep !== 'rik') continue;
    for (const s of c.stappen) vergelijk.push([`${c.id}@${s}.E`, exact(E(c.id, s))]);
    c.atRisk.forEach((a, i) => vergelijk.push([`${c.id}@${i + 1}.at_risk`, lezer.atRisk(a!)]));
  }
  modelTellingen.forEach(([naam, x], i) => {
    for (const [ander, y] of [...vergelijk, ...modelTellingen.slice(i + 1)]) if (klein(min(x, y))) uit.push(`model: ${naam} tegen ${ander}`);
  });
  return uit;
}

/**
 * indicatoren.csv across moments: the same records published at two moments, where the
 * difference is the number who left observation in between (died, emigrated, past the
 * peildatum). Per cohort and groep (and their totals):
 * - every noemer of the records themselves: the population, the status noemers from 6m_voor to
 *   24m_na, wanbetaler_jaar_na (12m_na) and recidive_2j (24m_na), against each other;
 * - who worked at 1m_voor: werk's teller at 1m_voor against baan_behouden's noemer (those of them
 *   counted at 1m_na), and who did not (noemer minus teller) against baan_gevonden's noemer;
 * - who was (not) registered at an address at 1m_voor: niet_ingeschreven's teller (and noemer
 *   minus teller) at 1m_voor against adres_gevonden's (adres_verloren's) noemer;
 * - in an edition without ID, the records with a known hoogste_opleiding:
 *   geen_startkwalificatie's noemer against the complete cases (problemen_0's noemer). With ID
 *   the complete cases also need a known ID status, a population the table never shows whole, so
 *   their difference with either noemer is not only uitval.
 */
function momentLekken(indicatoren: Rij[], cohorten: readonly string[] = COHORTEN): string[] {
  const uit: string[] = [];
  const gepubliceerd = indicatoren.filter((r) => r['onderdrukt'] === '0');
  const rij = (ind: string, moment: string, cohort: string, groep: string) =>
    gepubliceerd.find((x) => x['indicator'] === ind && x['moment'] === moment && x['cohort'] === cohort && x['groep'] === groep);
  const noemer = (ind: string, moment: string, cohort: string, groep: string) => {
    const r = rij(ind, moment, cohort, groep);
    return r ? Number(r['noemer']) : null;
  };
  const teller = (ind: string, moment: string, cohort: string, groep: string) => {
    const r = rij(ind, moment, cohort, groep);
    return r ? Number(r['teller']) : null;
  };
  const rest = (ind: string, moment: string, cohort: string, groep: string) => {
    const r = rij(ind, moment, cohort, groep);
    return r ? Number(r['noemer']) - Number(r['teller']) : null;
  };
  const paar = (wat: string, a: number | null, b: number | null) => {
    if (a !== null && b !== null && klein(exact(a - b))) uit.push(`indicatoren: ${wat}: ${a} tegen ${b}`);
  };
  for (const cohort of [...cohorten, 'totaal'])
    for (const groep of ['rik', 'kv', 'totaal']) {
      const cel = `${cohort}/${groep}`;
      const reeks: [string, number | null][] = [
        ['populatie', noemer('populatie', 'uitstroom', cohort, groep)],
        ...['6m_voor', '1m_voor', '1m_na', '6m_na', '12m_na', '24m_na'].map((m): [string, number | null] => [`werk@${m}`, noemer('werk', m, cohort, groep)]),
        ['wanbetaler_jaar_na', noemer('wanbetaler_jaar_na', '12m_na', cohort, groep)],
        ['recidive_2j', noemer('recidive_2j', '24m_na', cohort, groep)],
      ];
      reeks.forEach(([na, a], i) => reeks.slice(i + 1).forEach(([nb, b]) => paar(`${cel} noemer ${na} tegen ${nb}`, a, b)));
      const overgang = '1m_voor-1m_na';
      paar(`${cel} werk-teller@1m_voor tegen baan_behouden-noemer`, teller('werk', '1m_voor', cohort, groep), noemer('baan_behouden', overgang, cohort, groep));
      paar(`${cel} geen werk@1m_voor tegen baan_gevonden-noemer`, rest('werk', '1m_voor', cohort, groep), noemer('baan_gevonden', overgang, cohort, groep));
      paar(`${cel} niet_ingeschreven-teller@1m_voor tegen adres_gevonden-noemer`, teller('niet_ingeschreven', '1m_voor', cohort, groep), noemer('adres_gevonden', overgang, cohort, groep));
      paar(`${cel} wel ingeschreven@1m_voor tegen adres_verloren-noemer`, rest('niet_ingeschreven', '1m_voor', cohort, groep), noemer('adres_verloren', overgang, cohort, groep));
      if (!gepubliceerd.some((r) => r['indicator'] === 'id_onbekend'))
        paar(`${cel} geen_startkwalificatie-noemer tegen volledige gevallen`, noemer('geen_startkwalificatie', 'uitstroom', cohort, groep), noemer('problemen_0', '1m_na', cohort, groep));
    }
  return uit;
}

// Small populations (a few hundred uitstroom records over four cohorts) make many curves and
// cells small; the seeds are fixed so a failure can be reproduced.
const SETS: [number, number][] = [
  [250, 1],
  [400, 2],
  [600, 3],
  [900, 4],
  [300, 5],
  [500, 6],
  [1200, 7],
  [2000, 8],
];
const publicaties = await Promise.all(SETS.map(([n, seed]) => publiceer(n, seed)));

test('on random small extracts no count between 1 and k-1 follows from the published curves, models and indicators together', () => {
  let stappen = 0;
  let curven = 0;
  publicaties.forEach((p, i) => {
    assert.deepEqual(lekken(p), [], `set ${SETS[i]!.join('/')}`);
    const km = leesKm(p.km);
    for (const c of km.values()) stappen += c.stappen.length;
    curven += p.curves.filter((c) => !km.get(c.id)!.onderdrukt).length;
  });
  // The sets are not empty of what is checked: curves step, models are published.
  assert.ok(stappen > 100, `steps: ${stappen}`);
  assert.ok(curven > 20, `published curves: ${curven}`);
  assert.ok(publicaties.some((p) => p.modellen.some((r) => r['term'] === '(model)')), 'some model is published');
});

/**
 * The random sets have little uitval (3% die, nobody emigrates), so that in most cells every
 * moment publishes the population of 24m_na. A copy where one person in five emigrates at some day
 * between 2013 and the peildatum has drops of every size, so the rule has steps to publish and
 * sub-populations to look at.
 */
function metEmigratie(t: Tabellen, seed: number): Tabellen {
  const rng = new Rng(1000 + seed);
  const dag = (d: number) => new Date(Date.UTC(2013, 0, 1) + d * 86400000).toISOString().slice(0, 10);
  const dagen = (Date.UTC(2019, 5, 30) - Date.UTC(2013, 0, 1)) / 86400000;
  return { ...t, personen: t.personen!.map((p) => (rng.uniform() < 0.2 ? { ...p, datum_emigratie: dag(Math.floor(rng.uniform() * dagen)) } : p)) };
}

/** indicatoren.csv of a random set, for an edition; `uitvalregel: false` publishes uitval as it falls (the rule's k set to 1). */
function indicatorenVan(n: number, seed: number, ed: typeof edition, opties: { uitvalregel?: boolean; emigratie?: boolean } = {}): Promise<Rij[]> {
  return opSet({ n, seed, emigratie: opties.emigratie }, async (conn) => {
    const { definities, tellingen } = await computeIndicators(conn, opties.uitvalregel === false ? { ...ed, drempel: 1 } : ed, PEILDATUM, false);
    return csv(indicatorenCsv(applyDisclosure(tellingen, definities, ed.cohorten, K).rijen));
  });
}
// The same data through an edition without ID (as the 7th meting), where the complete cases are
// the records with a known hoogste_opleiding and so face geen_startkwalificatie's noemer directly;
// and both editions on the copies with emigration.
const zonderId = { ...edition, basisvoorwaarden: edition.basisvoorwaarden.filter((b) => b !== 'id') };
const varianten = (opties: { uitvalregel?: boolean }) =>
  Promise.all(
    SETS.flatMap(([n, seed]) => [
      indicatorenVan(n, seed, zonderId, opties),
      indicatorenVan(n, seed, edition, { ...opties, emigratie: true }),
      indicatorenVan(n, seed, zonderId, { ...opties, emigratie: true }),
    ]),
  );
// The runs of the last test but one, with the uitval rule off, are made here too, so that the
// databases can be closed once every run has finished.
const [andereIndicatoren, zonderUitvalregel] = await Promise.all([varianten({}), varianten({ uitvalregel: false })]);
await sluitDatabanken();

test('indicatoren.csv across moments: no difference of noemers is a count between 1 and k-1', () => {
  const gevonden = [...publicaties.flatMap((p) => momentLekken(p.indicatoren)), ...andereIndicatoren.flatMap((r) => momentLekken(r))];
  assert.deepEqual(gevonden.slice(0, 5), [], `${gevonden.length} differences`);
  // The reader has something to compare: the paths through the sub-populations are published,
  // and uitval of at least k is (the population against 24m_na).
  const rijen = [...publicaties.flatMap((p) => p.indicatoren), ...andereIndicatoren.flat()].filter((r) => r['onderdrukt'] === '0');
  for (const ind of ['baan_behouden', 'baan_gevonden', 'adres_verloren', 'adres_gevonden', 'problemen_0', 'recidive_2j'])
    assert.ok(rijen.some((r) => r['indicator'] === ind), `${ind} is published somewhere`);
  const stappen = andereIndicatoren.flatMap((ind) =>
    ind.filter((r) => r['indicator'] === 'werk' && r['moment'] === '24m_na' && r['onderdrukt'] === '0').flatMap((r) => {
      const pop = ind.find((x) => x['indicator'] === 'populatie' && x['cohort'] === r['cohort'] && x['groep'] === r['groep']);
      return pop && pop['onderdrukt'] === '0' ? [Number(pop['noemer']) - Number(r['noemer'])] : [];
    }),
  );
  assert.ok(stappen.some((d) => d >= K), 'some uitval of at least k is published');
});

test('the reader of this test finds those leaks when uitval is published as it falls', () => {
  const gevonden = zonderUitvalregel.flatMap((r) => momentLekken(r));
  const soorten = new Set(gevonden.map((g) => g.replace(/^indicatoren: \S+ /, '').replace(/: .*$/, '').replace(/@\S+/g, '')));
  for (const soort of [
    'noemer populatie tegen werk',
    'werk-teller tegen baan_behouden-noemer',
    'geen werk tegen baan_gevonden-noemer',
    'niet_ingeschreven-teller tegen adres_gevonden-noemer',
    'wel ingeschreven tegen adres_verloren-noemer',
    'geen_startkwalificatie-noemer tegen volledige gevallen',
  ])
    assert.ok(soorten.has(soort), `${soort} not found: ${[...soorten].join('; ')}`);
});

test('the reader of this test finds leaks in unprotected curves (exact at_risk, a step at every month with events)', () => {
  let gevonden: string[] = [];
  for (const p of publicaties) {
    const km: Rij[] = p.curves.flatMap((c) =>
      c.punten.map((pt, i) => ({
        uitsplitsing: c.uitsplitsing,
        categorie: c.categorie,
        cohort: c.cohort,
        groep: c.groep,
        maand: String(i + 1),
        at_risk: String(pt.atRisk),
        cumulatief: pt.cumulatief.toFixed(6),
        onderdrukt: '0',
      })),
    );
    gevonden = [...gevonden, ...lekken({ ...p, km }, { atRisk: exact, model: exact })];
  }
  const soorten = new Set(gevonden.map((g) => g.slice(0, g.indexOf(':'))));
  for (const soort of ['km-stap', 'km-uitval', 'km-censurering', 'km-noemer']) assert.ok(soorten.has(soort), `${soort} not found: ${[...soorten].join(', ')}`);
});
