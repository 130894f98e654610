/**
 * The calibration figures of a synthetic extract set, computed by the real engine (before
 * disclosure control): the targets of shared calibration.md for rik, and the situation before
 * and after detention per group and cohort (the kortverblijvenden check).
 *
 *   npm run data:generate -- --scale 0.1 --seed 7 --out /tmp/x
 *   npx tsx bench/synth-figures.ts /tmp/x [editions/6e-meting/editie.json]
 */
import { loadExtracts } from '../src/extracts/load.ts';
import { computeIndicators } from '../src/indicators/compute.ts';
import type { Telling } from '../src/indicators/disclosure.ts';
import { leesEditie } from '../src/edition/edition.ts';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: npx tsx bench/synth-figures.ts <extract folder> [edition.json]');
  process.exit(2);
}
const edition = await leesEditie(process.argv[3] ?? new URL('../editions/6e-meting/editie.json', import.meta.url).pathname);
const x = await loadExtracts(folder);
const { tellingen } = await computeIndicators(x.connection, edition, x.extractie.peildatum, x.present.has('zorg'));
x.close();

const index = new Map<string, Telling>(tellingen.map((t) => [`${t.indicator}|${t.cohort}|${t.groep}|${t.moment}`, t]));
function pct(indicator: string, moment: string, cohort: string | number = 'totaal', groep = 'rik'): string {
  const t = index.get(`${indicator}|${cohort}|${groep}|${moment}`);
  return t === undefined || t.noemer === 0 ? '   -' : ((100 * t.teller) / t.noemer).toFixed(1).padStart(5);
}
const cohorten = [...edition.cohorten, 'totaal'] as const;
const rij = (label: string, f: (c: string | number) => string, width = 8) =>
  console.log(label.padEnd(34) + cohorten.map((c) => f(c).padStart(width)).join(''));

console.log(`${folder} (peildatum ${x.extractie.peildatum})`);
rij('cohort', (c) => String(c));
const w = 16;
rij('uitstroom rik', (c) => String(index.get(`werk|${c}|rik|1m_na`)?.noemer ?? '-'));
rij('uitstroom kv', (c) => String(index.get(`werk|${c}|kv|1m_na`)?.noemer ?? '-'));
const rik: [string, string][] = [
  ['geen_inkomen', '6m_voor'], ['geen_inkomen', '1m_voor'], ['geen_inkomen', '1m_na'],
  ['geen_startkwalificatie', 'uitstroom'], ['niet_ingeschreven', '1m_na'], ['wanbetaler_jaar_na', '12m_na'],
  ['id_geen_geldig', 'instroom'], ['id_geen_geldig', 'uitstroom'], ['id_onbekend', 'uitstroom'],
  ['werk', '6m_voor'], ['werk', '1m_voor'], ['werk', '1m_na'], ['werk', '24m_na'],
  ['uitkering', '6m_voor'], ['uitkering', '1m_voor'], ['uitkering', '1m_na'], ['geen_dagbesteding', '1m_na'],
  ['baan_behouden', '1m_voor-1m_na'], ['baan_gevonden', '1m_voor-1m_na'], ['recidive_2j', '24m_na'],
];
for (const [i, m] of rik) rij(`rik ${i} ${m}`, (c) => pct(i, m, c));
rij('kv baan_behouden', (c) => pct('baan_behouden', '1m_voor-1m_na', c, 'kv'));

console.log('\nbefore and after detention (6m_voor/1m_voor/1m_na; ID instroom/uitstroom)');
rij('', (c) => String(c), w);
for (const groep of ['rik', 'kv']) {
  for (const i of ['werk', 'geen_inkomen', 'geen_dagbesteding', 'niet_ingeschreven', 'wanbetaler']) {
    rij(`${groep} ${i}`, (c) => `${pct(i, '6m_voor', c, groep).trim()}/${pct(i, '1m_voor', c, groep).trim()}/${pct(i, '1m_na', c, groep).trim()}`, w);
  }
  if (index.has(`id_geen_geldig|totaal|${groep}|instroom`))
    rij(`${groep} id_geen_geldig in/uit`, (c) => `${pct('id_geen_geldig', 'instroom', c, groep).trim()}/${pct('id_geen_geldig', 'uitstroom', c, groep).trim()}`, w);
}
