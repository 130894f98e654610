/**
 * Everything under out/ is fit to leave the secure environment (indicators.md, "Statistical
 * disclosure control"): no key of any input row appears anywhere, and no published count in
 * the data files breaks the threshold rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/root.ts';
import { gedeeldeBouw } from '../helpers/gedeeld.ts';
import { loadExtracts } from '../../src/extracts/load.ts';
import { leesEditie } from '../../src/edition/edition.ts';
import { primaireRegel } from '../../src/indicators/disclosure.ts';

const DATA = join(PROJECT_ROOT, 'data', '6e-meting');
const EDITION = join(PROJECT_ROOT, 'editions', '6e-meting', 'editie.json');
const edition = await leesEditie(EDITION);
// The build of the committed data that other test files read too (tests/helpers/gedeeld.ts). It
// has the PDFs, which are build products and not published under out/: left out below.
const { out } = await gedeeldeBouw('6e-meting');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function csv(path: string): Record<string, string>[] {
  const [kop, ...regels] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const kolommen = kop!.split(',');
  return regels.map((r) => Object.fromEntries(r.split(',').map((v, i) => [kolommen[i]!, v])));
}

test('no key of any input row (persoon, detentie, baan, adres, zaak) appears in any output file', async () => {
  const x = await loadExtracts(DATA);
  const sleutels = new Set<string>();
  for (const [tabel, kolom] of [['personen', 'persoon_id'], ['detenties', 'detentie_id'], ['banen', 'baan_id'], ['adressen', 'adres_id'], ['justitie', 'zaak_id']] as const) {
    const r = await x.connection.runAndReadAll(`SELECT DISTINCT ${kolom} FROM ${tabel}`);
    for (const [v] of r.getRows()) sleutels.add(String(v));
  }
  x.close();
  assert.ok(sleutels.size > 10000, 'the input has keys to look for');
  const gevonden: string[] = [];
  for (const f of files(out).filter((f) => !f.startsWith(join(out, 'pdf')))) {
    const tekst = readFileSync(f, 'utf8');
    for (const token of tekst.match(/[A-Za-z0-9_-]+/g) ?? []) if (sleutels.has(token)) gevonden.push(`${f}: ${token}`);
  }
  assert.deepEqual(gevonden.slice(0, 10), []);
});

test('every published row of indicatoren.csv keeps the threshold; suppressed rows show no numbers', () => {
  const rijen = csv(join(out, 'data/indicatoren.csv'));
  assert.ok(rijen.length > 1000);
  for (const r of rijen) {
    if (r['onderdrukt'] === '1') {
      assert.deepEqual([r['teller'], r['noemer'], r['percentage']], ['', '', ''], JSON.stringify(r));
      continue;
    }
    const regel = primaireRegel(Number(r['teller']), Number(r['noemer']), edition.drempel);
    assert.equal(regel, null, `published row breaks the rule: ${JSON.stringify(r)}`);
  }
});

test('every published Kaplan–Meier point shows at_risk rounded down to a multiple of k; the curves step and the audit lists the delays', () => {
  const rijen = csv(join(out, 'data/recidive_km.csv'));
  assert.ok(rijen.length > 100);
  const vorige = new Map<string, string>();
  let stappen = 0;
  for (const r of rijen) {
    if (r['onderdrukt'] === '1') {
      assert.deepEqual([r['at_risk'], r['cumulatief']], ['', ''], JSON.stringify(r));
      continue;
    }
    assert.equal(Number(r['at_risk']) % edition.drempel, 0, `at_risk not rounded: ${JSON.stringify(r)}`);
    const curve = [r['uitsplitsing'], r['categorie'], r['cohort'], r['groep']].join('|');
    if (r['cumulatief'] !== (vorige.get(curve) ?? '0.000000')) stappen++;
    vorige.set(curve, r['cumulatief']!);
  }
  const vertraagd = csv(join(out, 'data/onderdrukking.csv')).filter((a) => a['bestand'] === 'recidive_km.csv' && a['regel']!.startsWith('vertraagd'));
  assert.ok(stappen > 0 && vertraagd.length > 0, `${stappen} steps, ${vertraagd.length} delayed`);
});

test('every model reports n and events of at least k, rounded down to a multiple of k', () => {
  const rijen = csv(join(out, 'data/modellen.csv')).filter((r) => r['term'] === '(model)');
  assert.equal(rijen.length, 4);
  for (const r of rijen) {
    assert.ok(Number(r['n']) >= edition.drempel && Number(r['events']) >= edition.drempel, JSON.stringify(r));
    assert.equal(Number(r['n']) % edition.drempel, 0, JSON.stringify(r));
    assert.equal(Number(r['events']) % edition.drempel, 0, JSON.stringify(r));
  }
});

test('the audit file lists every suppressed indicator row with its rule', () => {
  const onderdrukt = csv(join(out, 'data/indicatoren.csv')).filter((r) => r['onderdrukt'] === '1');
  // The uitval rows (rule uitval_vervroegd, indicator '(noemer)') say where a noemer waits for a
  // step of at least k; they suppress no row and are checked below.
  const alle = csv(join(out, 'data/onderdrukking.csv')).filter((r) => r['bestand'] === 'indicatoren.csv');
  const audit = alle.filter((r) => r['regel'] !== 'uitval_vervroegd');
  const uitval = alle.filter((r) => r['regel'] === 'uitval_vervroegd');
  assert.ok(uitval.length > 0, 'the committed 6th meting has uitval rows');
  for (const u of uitval) assert.equal(u['indicator'], '(noemer)', JSON.stringify(u));
  const sleutel = (r: Record<string, string>) => [r['indicator'], r['cohort'], r['groep'], r['moment']].join('|');
  assert.deepEqual(new Set(audit.map(sleutel)), new Set(onderdrukt.map(sleutel)));
  for (const a of audit) assert.match(a['regel']!, /^(noemer_onder_drempel|teller_onder_drempel|rest_onder_drempel|secundair)$/);
});
