/** Random small extract sets for property tests of the engine and disclosure control. */
import { Rng } from '../../src/synth/random.ts';
import type { Rij, Tabellen } from './tables.ts';

/** A small random population with every kind of spell, seeded. */
export function randomExtracts(n: number, seed: number): Tabellen {
  const rng = new Rng(seed);
  const rnd = () => rng.uniform();
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const day = (y0: number, y1: number) => {
    const t = Date.UTC(y0, 0, 1) + Math.floor(rnd() * (Date.UTC(y1, 11, 28) - Date.UTC(y0, 0, 1)));
    return new Date(t - (t % 86400000)).toISOString().slice(0, 10);
  };
  const plus = (d: string, days: number) => new Date(Date.parse(d) + days * 86400000).toISOString().slice(0, 10);
  const personen: Rij[] = [], detenties: Rij[] = [], banen: Rij[] = [], uitkeringen: Rij[] = [], adressen: Rij[] = [], wanbetalers: Rij[] = [], justitie: Rij[] = [], onderwijs: Rij[] = [];
  for (let i = 0; i < n; i++) {
    const p = `p${i}`;
    personen.push({ persoon_id: p, geslacht: pick(['m', 'm', 'v']), geboortedatum: day(1960, 1994), hoogste_opleiding: pick(['basis', 'vmbo', 'mbo1', 'mbo2_4', 'havo_vwo', 'onbekend']), datum_overlijden: rnd() < 0.03 ? day(2014, 2018) : null });
    const uit = day(2013, 2016);
    const duur = rnd() < 0.4 ? Math.floor(rnd() * 13) : 14 + Math.floor(rnd() * 300);
    detenties.push({ detentie_id: `d${i}`, persoon_id: p, datum_instroom: plus(uit, -duur), datum_uitstroom: uit, id_bij_instroom: pick(['geldig', 'ongeldig', 'onbekend']), id_bij_uitstroom: pick(['geldig', 'geldig', 'ongeldig', 'onbekend']) });
    if (rnd() < 0.3) banen.push({ persoon_id: p, baan_id: `b${i}`, soort: 'werknemer', begin: day(2010, 2014), einde: rnd() < 0.5 ? null : day(2015, 2018) });
    if (rnd() < 0.5) uitkeringen.push({ persoon_id: p, soort: pick(['bijstand', 'werkloosheid', 'pensioen']), begin: day(2010, 2015), einde: rnd() < 0.5 ? null : day(2016, 2018) });
    if (rnd() < 0.05) onderwijs.push({ persoon_id: p, begin: day(2010, 2015), einde: null });
    if (rnd() < 0.85) {
      const soort = pick(['woonadres', 'woonadres', 'woonadres', 'instelling', 'briefadres']);
      adressen.push({ persoon_id: p, adres_id: `a${i}`, soort, huishouden: soort === 'woonadres' ? pick(['alleenstaand', 'met_partner', 'bij_ouders', 'met_anderen']) : null, begin: day(2005, 2012), einde: null });
    }
    if (rnd() < 0.25) wanbetalers.push({ persoon_id: p, begin: day(2012, 2017), einde: null });
    if (rnd() < 0.5) justitie.push({ zaak_id: `z${i}`, persoon_id: p, pleegdatum: day(2013, 2018), afdoening: pick(['veroordeling', 'transactie', 'sepot_beleid']) });
  }
  return { personen, detenties, banen, uitkeringen, adressen, wanbetalers, justitie, onderwijs };
}
