/**
 * The published model files (docs/models.md): out/data/modellen.csv, modellen_ph.csv,
 * modellen_perioden.csv, modellen_noten.csv and recidive_km.csv,
 * their lines for the disclosure audit (the indicator engine's onderdrukking.csv), and the
 * verification frames that stay inside the secure environment.
 *
 * Number format, fixed so the files are deterministic and diff cleanly:
 * - coef, se, ratio, ci_laag, ci_hoog, p: 6 significant digits as C's and R's
 *   `sprintf("%.6g")` (trailing zeros dropped, exponent form such as `1.5e-07` below 1e-4 and
 *   from 1e6; a value exactly halfway between two 6-digit numbers rounds up, where C rounds to
 *   even); a p below the smallest double is `0`.
 * - the log likelihood in the `(model)` row: fixed, 4 decimals.
 * - cumulatief, ci_laag, ci_hoog of recidive_km.csv: fixed, 6 decimals.
 * - counts as integers; `-0` is written as `0`; a missing or suppressed value is empty. The
 *   model's n and events and the curves' at_risk arrive rounded down to a multiple of k, the
 *   at_risk as of the curve's last visible step (uitkomst.ts, km-curves.ts, disclosure.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { binnen, echtPad } from '../util/paths.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Editie } from '../edition/edition.ts';
import { csvField, csvQuoted } from '../util/csv.ts';
import { InputError, InternalError } from '../util/errors.ts';
import { KM_REGEL_TEKST } from './disclosure.ts';
import { modelframesBinnenUitvoer } from './messages.ts';
import { buildModelFrames, modelDefinities, readModelFrame } from './frames.ts';
import type { ModelNoot, ModelResults } from './run.ts';

export const MODELLEN_HEADER = 'model,term,coef,se,ratio,ci_laag,ci_hoog,p,n,events';
export const KM_HEADER = 'uitsplitsing,categorie,cohort,groep,maand,at_risk,cumulatief,ci_laag,ci_hoog,onderdrukt';

function zonderMinNul(s: string): string {
  return /^-0(\.0*)?(e.*)?$/.test(s) ? s.slice(1) : s;
}

/** `sprintf("%.<digits>g", x)` as C and R print it. */
export function formatSignificant(x: number, digits = 6): string {
  if (!Number.isFinite(x)) throw new InternalError(`formatSignificant: ${x} is not finite`);
  if (x === 0) return '0';
  const exp = x.toExponential(digits - 1); // rounds to `digits` significant digits
  const e = Number(exp.slice(exp.indexOf('e') + 1));
  let out: string;
  if (e >= -4 && e < digits) {
    out = x.toFixed(digits - 1 - e);
    if (out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, '');
  } else {
    const [digitsPart, power] = exp.split('e') as [string, string];
    const mantissa = digitsPart.includes('.') ? digitsPart.replace(/0+$/, '').replace(/\.$/, '') : digitsPart;
    const sign = power.startsWith('-') ? '-' : '+';
    const abs = power.replace(/^[+-]/, '');
    out = `${mantissa}e${sign}${abs.padStart(2, '0')}`;
  }
  return zonderMinNul(out);
}

/** Fixed decimals, `-0` written as `0`. */
export function formatFixed(x: number, decimals: number): string {
  if (!Number.isFinite(x)) throw new InternalError(`formatFixed: ${x} is not finite`);
  return zonderMinNul(x.toFixed(decimals));
}

/**
 * modellen.csv: per published model a `(model)` row (log likelihood in `coef`, `n`, `events`)
 * followed by one row per coefficient in term order; term rows leave `n` and `events` empty.
 * Suppressed and failed models have no rows (see modelOnderdrukkingRegels and the notes).
 */
export function modellenCsv(results: ModelResults): string {
  const lines = [MODELLEN_HEADER];
  for (const m of results.modellen) {
    if (m.status !== 'geschat') continue;
    lines.push([m.model, '(model)', formatFixed(m.loglik, 4), '', '', '', '', '', String(m.n), String(m.events)].join(','));
    for (const t of m.termen) {
      lines.push(
        [
          m.model,
          csvField(t.term),
          formatSignificant(t.coef),
          formatSignificant(t.se),
          formatSignificant(t.ratio),
          formatSignificant(t.ciLaag),
          formatSignificant(t.ciHoog),
          formatSignificant(t.p),
          '',
          '',
        ].join(','),
      );
    }
  }
  return lines.join('\n') + '\n';
}

export const MODELLEN_PH_HEADER = 'model,term,chisq,df,p';
export const MODELLEN_PERIODEN_HEADER = 'model,term,coef,se,ratio,ci_laag,ci_hoog,p';

/**
 * modellen_ph.csv: the test of proportional hazards of every published Cox model (docs/models.md;
 * R's cox.zph with transform "km"), one row per covariate or interaction as cox.zph groups
 * them (`activiteit` with df 3: its estimated levels together), then `GLOBAL`; chisq and p
 * with 6 significant digits. The logistic model has no rows.
 */
export function modellenPhCsv(results: ModelResults): string {
  const lines = [MODELLEN_PH_HEADER];
  for (const m of results.modellen) {
    if (m.status !== 'geschat') continue;
    for (const r of m.ph) lines.push([m.model, csvField(r.term), formatSignificant(r.chisq), String(r.df), formatSignificant(r.p)].join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * modellen_perioden.csv: for each covariate whose test of proportional hazards has p < 0.01,
 * its hazard ratios for months 0–6 and 6–24 of follow-up apart (the time-split fit of
 * tijdsplitsing.ts: episodes split at day 182 after the model's time origin, the covariate's
 * columns one per period, the other covariates as in the model). One row per level and period,
 * term `<covariate>:<level>@0-6m` or `@6-24m` (an interaction: `<interaction>@0-6m`), in the
 * columns of modellen.csv without n and events. A covariate whose split is not estimated
 * (a period with fewer than k records or events, or no estimate) has no rows; the report's
 * notes say why.
 */
export function modellenPeriodenCsv(results: ModelResults): string {
  const lines = [MODELLEN_PERIODEN_HEADER];
  for (const m of results.modellen) {
    if (m.status !== 'geschat') continue;
    for (const t of m.tijdsplitsingen) {
      if (t.status !== 'geschat') continue;
      for (const r of t.termen) {
        lines.push(
          [m.model, csvField(r.term), ...[r.coef, r.se, r.ratio, r.ciLaag, r.ciHoog, r.p].map((x) => formatSignificant(x))].join(','),
        );
      }
    }
  }
  return lines.join('\n') + '\n';
}

/** recidive_km.csv, in the order of results.km (uitsplitsing, categorie, cohort, groep, maand). */
export function recidiveKmCsv(results: ModelResults): string {
  const lines = [KM_HEADER];
  const f6 = (x: number | null) => (x === null ? '' : formatFixed(x, 6));
  for (const p of results.km) {
    lines.push(
      [
        p.uitsplitsing,
        p.categorie,
        p.cohort,
        p.groep,
        String(p.maand),
        p.atRisk === null ? '' : String(p.atRisk),
        f6(p.cumulatief),
        f6(p.ciLaag),
        f6(p.ciHoog),
        p.onderdrukt ? '1' : '0',
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

export const MODELLEN_NOTEN_HEADER = 'model,soort,term,referentie,reden,tekst';

/**
 * modellen_noten.csv: every note the report prints under a model (results.noten, in order):
 * one row per reference switch, merged level, dropped interaction, suppressed or failed model
 * and time split left out (docs/models.md). `term` and `referentie` are empty where the note has
 * none; `reden` is the structured reason (a count below k, the model's rule, or why the fit
 * failed); `tekst` the note's Dutch sentence, always quoted. Counts never appear.
 */
export function modellenNotenCsv(results: ModelResults): string {
  const lines = [MODELLEN_NOTEN_HEADER];
  for (const n of results.noten) {
    lines.push([n.model, n.soort, csvField(n.term ?? ''), csvField(n.referentie ?? ''), n.reden, csvQuoted(n.tekst)].join(','));
  }
  return lines.join('\n') + '\n';
}

/** The audit rule of a model note (only merges, drops and suppressed models are suppressions). */
const NOOT_REGEL: Record<string, string> = {
  records: 'records_onder_drempel',
  events: 'gebeurtenissen_onder_drempel',
  'non-events': 'niet_gebeurtenissen_onder_drempel',
};

/**
 * The disclosure audit lines (no header) for recidive_km.csv and modellen.csv, in the columns of
 * the indicator engine's ONDERDRUKKING_HEADER `bestand,indicator,cohort,groep,moment,regel,toelichting`:
 *
 * - recidive_km.csv, one line per delayed month and per month of a curve suppressed whole
 *   (disclosure.ts): indicator `<uitsplitsing>:<categorie>` (`totaal:totaal` for the curves by
 *   cohort and groep), its cohort and groep, moment `<maand>m_na` (the end of month m after
 *   release), regel `vertraagd`, `vertraagd_secundair`, `vertraagd_koppeling` (the curve does
 *   not step there: its events are shown later or not at all), `gebeurtenissen_onder_drempel` or
 *   `secundair` (the curve is suppressed whole).
 * - modellen.csv, one line per merged level or dropped interaction: indicator
 *   `<model>:<term>`, cohort `totaal` (cohorts pooled), groep `rik`, moment the moment the
 *   covariates describe (`1m_na`; `6m_na` for cox_landmark_6m), regel
 *   `records_onder_drempel`, `gebeurtenissen_onder_drempel` or `niet_gebeurtenissen_onder_drempel`;
 *   and one line per model left out whole: indicator `<model>`, regel the model's rule.
 * - modellen_perioden.csv, one line per covariate that fails the PH test but whose time split
 *   is left out for a small period: indicator `<model>:<covariate>@perioden`, regel as above.
 *
 * Values never appear; the rule and a Dutch explanation do.
 */
export function modelOnderdrukkingRegels(results: ModelResults): string[] {
  const lines: string[] = [];
  for (const o of results.kmOnderdrukkingen) {
    lines.push(
      ['recidive_km.csv', `${o.uitsplitsing}:${o.categorie}`, o.cohort, o.groep, `${o.maand}m_na`, o.regel, csvQuoted(KM_REGEL_TEKST[o.regel])].join(','),
    );
  }
  const moment = new Map(results.modellen.map((m) => [m.model, m.moment]));
  for (const n of results.noten) {
    const regel = auditRegel(n);
    if (!regel) continue;
    const indicator = n.term ? `${n.model}:${n.term}` : n.model;
    const bestand = n.soort === 'tijdsplitsing' ? 'modellen_perioden.csv' : 'modellen.csv';
    lines.push([bestand, csvField(indicator), 'totaal', 'rik', moment.get(n.model)!, regel, csvQuoted(n.tekst)].join(','));
  }
  return lines;
}

function auditRegel(n: ModelNoot): string | null {
  // A time split left out for a small period is a suppression too (modellen_perioden.csv).
  if (n.soort === 'samengevoegd' || n.soort === 'weggelaten' || n.soort === 'tijdsplitsing') return NOOT_REGEL[n.reden] ?? null;
  if (n.soort === 'onderdrukt') return n.reden;
  return null; // a failed model is not a suppression
}

/**
 * Writes the verification frame of every model (docs/models.md, "Verification frame") as
 * `<folder>/<model>.csv`: one row per record in a fixed order, no ids; for Cox models `tijd`
 * and `gebeurtenis`, for the logistic model `uitkomst`, then the model's covariates with their
 * levels as values. Refuses (InputError) a folder inside the published output folder, also
 * through a symbolic link. Needs the working tables, like computeModels. Returns the files
 * written.
 */
export async function writeModelFrames(
  conn: DuckDBConnection,
  edition: Editie,
  peildatum: string,
  folder: string,
  publishedOutDir: string,
): Promise<string[]> {
  const [doel, uit] = [echtPad(folder), echtPad(publishedOutDir)];
  if (binnen(resolve(folder), resolve(publishedOutDir)) || binnen(doel, uit)) {
    throw new InputError([modelframesBinnenUitvoer(folder, publishedOutDir)]);
  }
  await buildModelFrames(conn, edition, peildatum);
  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  for (const d of modelDefinities(edition)) {
    const { n, frame } = await readModelFrame(conn, d);
    const uitkomst: [string, ArrayLike<number>][] =
      d.kind === 'cox'
        ? [
            ['tijd', frame.tijd!],
            ['gebeurtenis', frame.gebeurtenis!],
          ]
        : [['uitkomst', frame.uitkomst!]];
    const cols = d.covariaten.map((c) => frame.columns[c]!);
    const lines = [[...uitkomst.map(([name]) => name), ...d.covariaten].join(',')];
    for (let i = 0; i < n; i++) {
      lines.push([...uitkomst.map(([, v]) => String(v[i])), ...cols.map((c) => c[i]!)].join(','));
    }
    const file = join(folder, `${d.model}.csv`);
    await writeFile(file, lines.join('\n') + '\n', 'utf8');
    written.push(file);
  }
  // The marker by which a later run recognises this folder as the tool's own (pipeline/guard.ts).
  const merk = join(folder, 'modelframes.json');
  await writeFile(merk, `${JSON.stringify({ modelframes: written.map((f) => basename(f)), let_op: 'gegevens op persoonsniveau: niet publiceren' }, null, 2)}\n`, 'utf8');
  return written;
}
