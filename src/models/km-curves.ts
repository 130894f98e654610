/**
 * The Kaplan–Meier curves of recidive_km.csv: read from the Kaplan–Meier population (frames.ts,
 * readKmRecords), then delayed and suppressed by the rules of disclosure.ts.
 *
 *   km_record ──kmCurves──> curves (true counts) ──vertraagKm(k)──> KmPunt (fit for publication)
 *
 * Choices beyond docs/models.md:
 * - The curves: by cohort (each and 'totaal') x groep (rik, kv, 'totaal'), and for rik by
 *   category of id, activiteit, huisvesting and wanbetaler with the cohorts pooled (cohort
 *   'totaal' only: per cohort the categories would be small and mostly suppressed). Month m is
 *   read at day floor(m * 365.25 / 12) after release (km.ts, monthEndDay).
 * - Their population is the models' entry rule, observable at 1m_na, for rik and kv alike.
 *   Those dropped died, emigrated or passed the peildatum within a month of release. The
 *   curves by category take, like cox_basis, only the records in the landmark at 1m_na (no
 *   qualifying case and no end of follow-up up to the 1m_na date) with time from that date;
 *   on the axis of months since release month m is read m - 1 months after the landmark.
 *   They add up to a landmark curve of rik that is not published, not to the rik curve
 *   from release, so they are no longer a family for the suppression (kmFamilies).
 */
import { InternalError } from '../util/errors.ts';
import { GROEPEN, RIK_KV, type Groep } from '../vocabulary/lists.ts';
import { getoondeMaand, puntSleutel, rondAf, type KmCurveTellingen, type KmFamilie, type KmRegel } from './disclosure.ts';
import { NIVEAUS, type KmRecords, type KmUitsplitsing } from './frames.ts';
import { cumulatieveIncidentie, kaplanMeier, kmAt, monthEndDay } from './km.ts';
import { vertraagKm } from './km-vertraging.ts';

/**
 * The curve of every rik record that enters the 1m_na landmark, all categories together: the
 * curves by category of each breakdown add up to it, so it is published as their total (the
 * reference line of the charts by category, and a known total for disclosure control).
 */
export const LANDMARK_CURVE = 'landmark_1m';

/** Months of the Kaplan–Meier output. */
export const KM_MAANDEN = 24;

/** One point of recidive_km.csv after disclosure control; values are null when suppressed. */
export interface KmPunt {
  /** 'totaal' for the curves by cohort and groep, else id, activiteit, huisvesting, wanbetaler. */
  readonly uitsplitsing: 'totaal' | typeof LANDMARK_CURVE | KmUitsplitsing;
  readonly categorie: string;
  /** A cohort year or 'totaal'. */
  readonly cohort: string;
  readonly groep: Groep;
  readonly maand: number;
  /** At risk at the end of the last visible step's month, rounded down to a multiple of k (disclosure.ts, rule 3). */
  readonly atRisk: number | null;
  /** Cumulative recidive 1 - S of the delayed curve: the value of its last visible step (disclosure.ts). */
  readonly cumulatief: number | null;
  readonly ciLaag: number | null;
  readonly ciHoog: number | null;
  readonly onderdrukt: boolean;
}

/** A delayed or suppressed Kaplan–Meier point and its rule (for the audit file; never its values). */
export interface KmOnderdrukking {
  readonly uitsplitsing: string;
  readonly categorie: string;
  readonly cohort: string;
  readonly groep: string;
  readonly maand: number;
  readonly regel: KmRegel;
}

/** A curve with its true counts per month, before disclosure control. */
export interface KmCurve {
  readonly id: string;
  readonly uitsplitsing: KmPunt['uitsplitsing'];
  readonly categorie: string;
  readonly cohort: string;
  readonly groep: KmPunt['groep'];
  readonly n: number;
  readonly punten: readonly {
    atRisk: number;
    events: number;
    cumulatief: number;
    ciLaag: number | null;
    ciHoog: number | null;
  }[];
}

const curveId = (u: string, c: string, cohort: string, groep: string) => `${u}|${c}|${cohort}|${groep}`;

/**
 * (Exported for the test of the whole publication, which needs the true counts behind the
 * published curves; the build publishes only kmPunten's output.)
 *
 * The curves of docs/models.md: by cohort (and 'totaal') x groep (rik, kv, 'totaal') with
 * uitsplitsing = categorie = 'totaal'; and for rik, all cohorts together, by category of id,
 * activiteit, huisvesting and wanbetaler. Curves without records are left out.
 */
export function kmCurves(r: KmRecords, cohorten: readonly string[], uitsplitsingen: readonly KmUitsplitsing[]): KmCurve[] {
  // The curves in output order, each with the records it takes (in record order: kaplanMeier
  // sorts them by time). Records find their curves by number, not by building an id per record.
  const curves: { uitsplitsing: KmPunt['uitsplitsing']; categorie: string; cohort: string; groep: KmPunt['groep']; records: number[] }[] = [];
  const add = (uitsplitsing: KmPunt['uitsplitsing'], categorie: string, cohort: string, groep: KmPunt['groep']): number[] => {
    const records: number[] = [];
    curves.push({ uitsplitsing, categorie, cohort, groep, records });
    return records;
  };
  // By cohort and groep: [cohort][groep], 'totaal' last in both lists.
  const perCohort = [...cohorten, 'totaal'].map((cohort) => GROEPEN.map((groep) => add('totaal', 'totaal', cohort, groep)));
  const landmark = uitsplitsingen.length > 0 ? add(LANDMARK_CURVE, 'totaal', 'totaal', 'rik') : [];
  const perCategorie = uitsplitsingen.map((u) => new Map(NIVEAUS[u].map((level) => [level as string, add(u, level, 'totaal', 'rik')])));

  const cohortIndex = new Map(cohorten.map((c, j) => [c, j]));
  const groepIndex = new Map(GROEPEN.map((g, j) => [g as string, j]));
  const totaalCohort = cohorten.length;
  const totaalGroep = GROEPEN.indexOf('totaal');
  for (let i = 0; i < r.n; i++) {
    const c = cohortIndex.get(r.cohort[i]!);
    const g = groepIndex.get(r.groep[i]!);
    if (c === undefined || g === undefined) throw new InternalError(`kmCurves: record ${i + 1} has cohort ${r.cohort[i]} and groep ${r.groep[i]}`);
    perCohort[c]![g]!.push(i);
    perCohort[c]![totaalGroep]!.push(i);
    perCohort[totaalCohort]![g]!.push(i);
    perCohort[totaalCohort]![totaalGroep]!.push(i);
    if (r.groep[i] !== 'rik' || r.landmark1m[i] !== 1) continue;
    landmark.push(i);
    uitsplitsingen.forEach((u, j) => {
      const records = perCategorie[j]!.get(r.categorie[u][i]!);
      if (!records) throw new InternalError(`kmCurves: record ${i + 1} has ${u} ${r.categorie[u][i]}`);
      records.push(i);
    });
  }

  const out: KmCurve[] = [];
  for (const c of curves) {
    if (c.records.length === 0) continue;
    // The curves by category follow the landmark at 1m_na (docs/models.md): time from the 1m_na
    // date, read on the axis of months since release, so month m is m - 1 months after the
    // landmark and month 1 is its start (nobody has reoffended yet, all are at risk).
    const landmark = c.uitsplitsing !== 'totaal';
    const tijd = landmark ? r.tijd1m : r.tijd;
    const t = new Int32Array(c.records.length);
    const e = new Int32Array(c.records.length);
    c.records.forEach((i, j) => {
      t[j] = tijd[i]!;
      e[j] = r.gebeurtenis[i]!;
    });
    const km = kaplanMeier(t, e);
    const punten = [];
    for (let m = 1; m <= KM_MAANDEN; m++) {
      const p = kmAt(km, monthEndDay(landmark ? m - 1 : m));
      punten.push({ atRisk: p.atRisk, events: p.events, ...cumulatieveIncidentie(p) });
    }
    const { uitsplitsing, categorie, cohort, groep } = c;
    out.push({ id: curveId(uitsplitsing, categorie, cohort, groep), uitsplitsing, categorie, cohort, groep, n: c.records.length, punten });
  }
  return out;
}

/** The additive structure of the curves (disclosure.ts, rule 4). */
function kmFamilies(cohorten: readonly string[], uitsplitsingen: readonly KmUitsplitsing[]): KmFamilie[] {
  const f: KmFamilie[] = [];
  for (const groep of GROEPEN)
    f.push({ totaal: curveId('totaal', 'totaal', 'totaal', groep), delen: cohorten.map((c) => curveId('totaal', 'totaal', c, groep)) });
  for (const cohort of [...cohorten, 'totaal'])
    f.push({
      totaal: curveId('totaal', 'totaal', cohort, 'totaal'),
      delen: RIK_KV.map((g) => curveId('totaal', 'totaal', cohort, g)),
    });
  // The curves by category of each breakdown add up to the landmark curve of rik (from 1m_na),
  // not to the rik curve from release.
  for (const u of uitsplitsingen)
    f.push({ totaal: curveId(LANDMARK_CURVE, 'totaal', 'totaal', 'rik'), delen: NIVEAUS[u].map((l) => curveId(u, l, 'totaal', 'rik')) });
  return f;
}

/**
 * The published points of every curve: its values as of its last visible step (vertraagKm, with
 * the recidive_2j tellers in `gekoppeld` by `<cohort>|<groep>`), at_risk rounded down to a
 * multiple of k, and the audit's rule for every month that does not step.
 */
export function kmPunten(
  r: KmRecords,
  cohorten: readonly string[],
  k: number,
  gekoppeld: ReadonlyMap<string, readonly number[]>,
  uitsplitsingen: readonly KmUitsplitsing[],
): { km: KmPunt[]; kmOnderdrukkingen: KmOnderdrukking[] } {
  const curves = kmCurves(r, cohorten, uitsplitsingen);
  const tellingen: KmCurveTellingen[] = curves.map((c) => ({
    id: c.id,
    n: c.n,
    punten: c.punten,
    gekoppeld: c.uitsplitsing === 'totaal' ? gekoppeld.get(`${c.cohort}|${c.groep}`) : undefined,
  }));
  const { stappen, regels } = vertraagKm(tellingen, kmFamilies(cohorten, uitsplitsingen), k);
  const km: KmPunt[] = [];
  const kmOnderdrukkingen: KmOnderdrukking[] = [];
  for (const c of curves) {
    const s = stappen.get(c.id);
    c.punten.forEach((_, i) => {
      const maand = i + 1;
      const sleutel = { uitsplitsing: c.uitsplitsing, categorie: c.categorie, cohort: c.cohort, groep: c.groep, maand };
      const regel = regels.get(puntSleutel(c.id, maand));
      if (regel) kmOnderdrukkingen.push({ ...sleutel, regel });
      if (!s) {
        km.push({ ...sleutel, atRisk: null, cumulatief: null, ciLaag: null, ciHoog: null, onderdrukt: true });
        return;
      }
      // The delayed curve: every value of the last visible step (the start before the first).
      const g = getoondeMaand(s, maand);
      const getoond = g === 0 ? { atRisk: c.n, cumulatief: 0, ciLaag: 0, ciHoog: 0 } : c.punten[g - 1]!;
      km.push({
        ...sleutel,
        atRisk: rondAf(getoond.atRisk, k),
        cumulatief: getoond.cumulatief,
        ciLaag: getoond.ciLaag,
        ciHoog: getoond.ciHoog,
        onderdrukt: false,
      });
    });
  }
  return { km, kmOnderdrukkingen };
}
