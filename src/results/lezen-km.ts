/** data/recidive_km.csv read back into the points of ModelResults.km (src/results/lezen.ts). */
import { KM_UITSPLITSINGEN } from '../models/frames.ts';
import { KM_MAANDEN, LANDMARK_CURVE, type KmPunt } from '../models/km-curves.ts';
import { KM_HEADER } from '../models/write.ts';
import { GROEPEN } from '../vocabulary/lists.ts';
import { leesTabel, type Regel } from './lezen-csv.ts';

const UITSPLITSINGEN = ['totaal', LANDMARK_CURVE, ...KM_UITSPLITSINGEN] as const;
const WAARDEN = ['at_risk', 'cumulatief', 'ci_laag', 'ci_hoog'] as const;

export function leesKm(bestand: string, tekst: string): KmPunt[] {
  return leesTabel(bestand, tekst, KM_HEADER).map(kmPunt);
}

function kmPunt(r: Regel): KmPunt {
  const maand = r.geheel('maand');
  if (maand < 1 || maand > KM_MAANDEN) throw r.fout('maand', `${maand} valt buiten de follow-up`, `1 tot en met ${KM_MAANDEN}`);
  const onderdrukt = r.keuze('onderdrukt', ['0', '1']) === '1';
  const sleutel = {
    uitsplitsing: r.keuze('uitsplitsing', UITSPLITSINGEN),
    categorie: r.naam('categorie'),
    cohort: r.naam('cohort'),
    groep: r.keuze('groep', GROEPEN),
    maand,
  };
  if (onderdrukt) {
    for (const k of WAARDEN) r.leeg(k, 'in een onderdrukte rij');
    return { ...sleutel, atRisk: null, cumulatief: null, ciLaag: null, ciHoog: null, onderdrukt };
  }
  const cumulatief = r.getal('cumulatief');
  if (cumulatief < 0 || cumulatief > 1) throw r.fout('cumulatief', `${cumulatief} is geen kans`, 'een getal van 0 tot en met 1');
  return { ...sleutel, atRisk: r.geheel('at_risk'), cumulatief, ciLaag: r.getalOfLeeg('ci_laag'), ciHoog: r.getalOfLeeg('ci_hoog'), onderdrukt };
}
