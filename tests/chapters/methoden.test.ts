/**
 * The methods chapter explains the numbers the other chapters print: the intervals, the rule
 * behind "steeg" / "daalde" / "bleef gelijk", Kaplan–Meier against the crude share, the complete
 * cases of the co-occurrence analysis and the scale of synthetic data; each figure in it comes
 * from the results.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Sjablonen } from '../../src/edition/templates.ts';
import { vulHoofdstuk, vulHoofdstukken } from '../../src/chapters/render.ts';
import { syntheseSchaal } from '../../src/chapters/context.ts';
import { procent } from '../../src/text/format.ts';
import { figuren } from '../../src/charts/catalogue.ts';
import type { Resultaten } from '../../src/results/results.ts';
import { fixtureResultaten } from './fixture.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const PAD = new Sjablonen(join(ROOT, 'templates')).pad('monitor/40-methoden.md.hbs');
const methoden = (r: Resultaten) => vulHoofdstuk(PAD, r, figuren(r), { root: ROOT });

test('the methods name the interval of a share (Wilson) and of a ratio (Wald), with their sources, and the rule of a change', () => {
  const r = fixtureResultaten();
  const md = vulHoofdstukken(new Sjablonen(join(ROOT, 'templates')), r, figuren(r)).find((h) => h.bestand.endsWith('-methoden.md'))!.markdown;
  assert.match(md, /95%-betrouwbaarheidsinterval van dat aandeel, berekend met de methode van Wilson \(1927\)/);
  assert.match(md, /95%-interval volgens Wald \(1943\): de geschatte coëfficiënt plus en min 1,96 keer zijn standaardfout/);
  assert.match(md, /heet gestegen of gedaald als dat interval nul niet bevat én de twee afgeronde percentages in de tekst verschillen; anders bleef het gelijk/);
});

test('the complete-case share is problemen_0 noemer among the populatie, rounded once from the counts', () => {
  const r = fixtureResultaten();
  const p0 = r.indicatoren.find('problemen_0', 'totaal', 'rik', '1m_na')!;
  const pop = r.indicatoren.find('populatie', 'totaal', 'rik', 'uitstroom')!;
  const verwacht = procent(p0.noemer!, pop.noemer!);
  assert.ok(p0.noemer! < pop.noemer!);
  assert.match(methoden(r), new RegExp(`Bij de re-integratiekandidaten is dat ${verwacht} van alle uitgestroomden\\.`));
});

test('Kaplan–Meier at two years and the crude recidive_2j share are both given and the difference explained', () => {
  const r = fixtureResultaten();
  const rij = r.indicatoren.find('recidive_2j', 'totaal', 'rik', '24m_na')!;
  const km = r.modellen.km.find((x) => x.uitsplitsing === 'totaal' && x.cohort === 'totaal' && x.groep === 'rik' && x.maand === 24)!;
  const md = methoden(r);
  assert.ok(md.includes(`Het aandeel in de tabellen (${procent(rij.teller!, rij.noemer!)} van de re-integratiekandidaten)`), md);
  assert.ok(md.includes(`De Kaplan–Meiercurve (${Math.round(100 * km.cumulatief!)}% na twee jaar)`), md);
  assert.match(md, /\(censurering\)/);
  assert.match(md, /zet de gepubliceerde curve een stap pas als er sinds de vorige stap ten minste 10 nieuwe recidivisten zijn/);
});

test('the scale of synthetic data is read from the extractie, never typed', () => {
  assert.equal(syntheseSchaal('Synthetische extracten (schaal 0.1, seed 7).'), 'een tiende');
  assert.equal(syntheseSchaal('Synthetische extracten (schaal 0.25, seed 7).'), 'een kwart');
  assert.equal(syntheseSchaal('Synthetische extracten (schaal 1, seed 7).'), '');
  assert.equal(syntheseSchaal(undefined), '');
  const r = fixtureResultaten();
  assert.match(methoden(r), /synthetische gegevens met dezelfde opbouw, op een tiende van de werkelijke omvang/);
  const zonder = methoden({ ...r, extractie: { peildatum: r.extractie.peildatum, bron: 'synthetisch' } });
  assert.match(zonder, /synthetische gegevens met dezelfde opbouw\./);
  assert.doesNotMatch(zonder, /werkelijke omvang/);
  const echt = methoden({ ...r, extractie: { ...r.extractie, bron: 'cbs' } });
  assert.doesNotMatch(echt, /synthetisch|werkelijke omvang/);
});
