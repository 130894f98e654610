/**
 * The disclosure audit data/onderdrukking.csv read back: the suppressed indicator rows, the
 * delayed or suppressed Kaplan–Meier months, and the model lines (kept as their fields: they
 * are checked against the lines the notes of modellen_noten.csv give, see lezen-modellen.ts).
 */
import { GROEPEN, MOMENTEN } from '../vocabulary/lists.ts';
import { REGEL_TEKST, type Onderdrukking, type Regel as IndicatorRegel } from '../indicators/disclosure.ts';
import { ONDERDRUKKING_HEADER } from '../indicators/write.ts';
import { KM_REGEL_TEKST, type KmRegel } from '../models/disclosure.ts';
import type { KmOnderdrukking } from '../models/km-curves.ts';
import { leesTabel, type Regel } from './lezen-csv.ts';

const AUDIT_BESTANDEN = ['indicatoren.csv', 'recidive_km.csv', 'modellen.csv', 'modellen_perioden.csv'] as const;

export interface Audit {
  readonly indicatoren: Onderdrukking[];
  readonly km: KmOnderdrukking[];
  /** The lines about modellen.csv and modellen_perioden.csv: their fields, with their line number. */
  readonly modellen: { readonly nr: number; readonly velden: readonly string[] }[];
}

export function leesOnderdrukking(bestand: string, tekst: string): Audit {
  const audit: Audit = { indicatoren: [], km: [], modellen: [] };
  for (const r of leesTabel(bestand, tekst, ONDERDRUKKING_HEADER)) {
    const over = r.keuze('bestand', AUDIT_BESTANDEN);
    if (over === 'indicatoren.csv') audit.indicatoren.push(indicatorLijn(r));
    else if (over === 'recidive_km.csv') audit.km.push(kmLijn(r));
    else audit.modellen.push({ nr: r.nr, velden: r.velden });
  }
  return audit;
}

function toelichting(r: Regel, verwacht: string): void {
  if (r.tekst('toelichting') !== verwacht) throw r.fout('toelichting', `'${r.tekst('toelichting')}' hoort niet bij regel '${r.tekst('regel')}'`, verwacht);
}

function indicatorLijn(r: Regel): Onderdrukking {
  const regel = r.keuze('regel', Object.keys(REGEL_TEKST) as IndicatorRegel[]);
  toelichting(r, REGEL_TEKST[regel]);
  return {
    indicator: r.naam('indicator'),
    cohort: r.naam('cohort'),
    groep: r.keuze('groep', GROEPEN),
    moment: r.keuze('moment', MOMENTEN),
    regel,
  };
}

function kmLijn(r: Regel): KmOnderdrukking {
  const regel = r.keuze('regel', Object.keys(KM_REGEL_TEKST) as KmRegel[]);
  toelichting(r, KM_REGEL_TEKST[regel]);
  const curve = r.naam('indicator');
  const i = curve.indexOf(':');
  if (i <= 0) throw r.fout('indicator', `'${curve}' is geen curve`, '<uitsplitsing>:<categorie>');
  const maand = /^(\d+)m_na$/.exec(r.tekst('moment'));
  if (!maand) throw r.fout('moment', `'${r.tekst('moment')}' is geen maand`, '<maand>m_na');
  return {
    uitsplitsing: curve.slice(0, i),
    categorie: curve.slice(i + 1),
    cohort: r.naam('cohort'),
    groep: r.naam('groep'),
    maand: Number(maand[1]),
    regel,
  };
}
