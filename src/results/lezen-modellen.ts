/**
 * The published model files read back into ModelResults (src/results/lezen.ts): modellen.csv,
 * modellen_ph.csv, modellen_perioden.csv and modellen_noten.csv for the models,
 * recidive_km.csv and the audit for the curves. The model lines of the audit must be exactly
 * those the notes give (modelOnderdrukkingRegels), so the two files cannot disagree.
 */
import type { Editie } from '../edition/edition.ts';
import { MODELLEN, modelDefinities, type ModelDefinitie, type ModelNaam } from '../models/frames.ts';
import type { KmPunt } from '../models/km-curves.ts';
import type { ModelResults } from '../models/run.ts';
import type { ModelUitkomst } from '../models/uitkomst.ts';
import { PERIODEN, type PeriodeTerm, type Periode, type Tijdsplitsing } from '../models/tijdsplitsing.ts';
import { wald, type WaldRow } from '../models/wald.ts';
import type { PhToets } from '../models/zph.ts';
import { MODELLEN_HEADER, MODELLEN_PERIODEN_HEADER, MODELLEN_PH_HEADER, modelOnderdrukkingRegels } from '../models/write.ts';
import { csvRecords } from '../util/csv.ts';
import { InputError } from '../util/errors.ts';
import type { Audit } from './lezen-audit.ts';
import { leesTabel, type Regel } from './lezen-csv.ts';
import { modelFeiten, type GelezenNoot, type ModelFeiten } from './lezen-noten.ts';
import { auditFout, modelBestandFout } from './messages.ts';

/** A file of data/: its name in messages and its text. */
interface Bestand {
  readonly naam: string;
  readonly tekst: string;
}

/** What the models are read from: the model files, the notes and curves already read, and the audit. */
export interface ModelInvoer {
  readonly modellen: Bestand;
  readonly ph: Bestand;
  readonly perioden: Bestand;
  readonly noten: readonly GelezenNoot[];
  readonly km: readonly KmPunt[];
  readonly audit: Audit;
  /** The audit's name in messages. */
  readonly auditBestand: string;
}

/** A Wald row from its published columns; z is coef / se, as wald.ts computes it. */
function waldRij(r: Regel, term: string): WaldRow {
  const coef = r.getal('coef');
  const se = r.getal('se');
  return { ...wald(term, coef, se), ratio: r.getal('ratio'), ciLaag: r.getal('ci_laag'), ciHoog: r.getal('ci_hoog'), p: r.getal('p') };
}

interface Geschat {
  n: number;
  events: number;
  loglik: number;
  termen: WaldRow[];
}

function leesModellenCsv(bestand: string, tekst: string): Map<ModelNaam, Geschat> {
  const uit = new Map<ModelNaam, Geschat>();
  let huidig: ModelNaam | undefined;
  for (const r of leesTabel(bestand, tekst, MODELLEN_HEADER)) {
    const model = r.keuze('model', MODELLEN);
    const term = r.naam('term');
    if (term === '(model)') {
      if (uit.has(model)) throw r.fout('model', `${model} staat er al eerder`, 'één regel (model) per model');
      uit.set(model, { n: r.geheel('n'), events: r.geheel('events'), loglik: r.getal('coef'), termen: [] });
      huidig = model;
      continue;
    }
    if (model !== huidig) throw r.fout('model', `term van ${model} zonder regel (model) erboven`, `eerst ${model},(model)`);
    r.leeg('n', 'in een termregel');
    r.leeg('events', 'in een termregel');
    uit.get(model)!.termen.push(waldRij(r, term));
  }
  return uit;
}

/** Rows of a model file by model, each model's rows contiguous. */
function perModel<T>(regels: readonly Regel[], lees: (r: Regel) => T): Map<ModelNaam, { regel: Regel; rij: T }[]> {
  const uit = new Map<ModelNaam, { regel: Regel; rij: T }[]>();
  for (const r of regels) {
    const model = r.keuze('model', MODELLEN);
    uit.set(model, [...(uit.get(model) ?? []), { regel: r, rij: lees(r) }]);
  }
  return uit;
}

const phRij = (r: Regel): PhToets => ({ term: r.naam('term'), chisq: r.getal('chisq'), df: r.geheel('df'), p: r.getal('p') });

function periodeRij(r: Regel): PeriodeTerm {
  const term = r.naam('term');
  const at = term.lastIndexOf('@');
  const periode = term.slice(at + 1) as Periode;
  if (at <= 0 || !PERIODEN.includes(periode)) throw r.fout('term', `'${term}'`, `<term>@${PERIODEN.join(' of @')}`);
  return { ...waldRij(r, term), basisterm: term.slice(0, at), periode };
}

/** The ph row (covariate or interaction) a split term belongs to: cox.zph's groups (zph.ts). */
function phIndex(ph: readonly PhToets[], basisterm: string): number {
  return ph.findIndex((t) => basisterm === t.term || basisterm.startsWith(`${t.term}:`));
}

/** The time splits of one model: the estimated ones from modellen_perioden.csv, the others from the notes, in the order of ph. */
function tijdsplitsingen(ph: readonly PhToets[], rijen: readonly { regel: Regel; rij: PeriodeTerm }[], feiten: ModelFeiten): Tijdsplitsing[] {
  const geschat = new Map<number, PeriodeTerm[]>();
  for (const { regel, rij } of rijen) {
    const i = phIndex(ph, rij.basisterm);
    if (i < 0) throw regel.fout('term', `${rij.basisterm} heeft geen toets in modellen_ph.csv`, 'een kenmerk met een toets op proportionele hazards');
    geschat.set(i, [...(geschat.get(i) ?? []), rij]);
  }
  for (const [, termen] of geschat)
    for (const t of termen)
      if (!termen.some((x) => x.basisterm === t.basisterm && x.periode !== t.periode))
        throw rijen.find((x) => x.rij === t)!.regel.fout('term', `${t.basisterm} heeft alleen de periode ${t.periode}`, `beide perioden (${PERIODEN.join(', ')})`);
  const splitsingen: [number, Tijdsplitsing][] = [...geschat].map(([i, termen]) => [i, { covariaat: ph[i]!.term, status: 'geschat', termen }]);
  for (const { regel, splitsing } of feiten.splitsingen) {
    const i = ph.findIndex((t) => t.term === splitsing.covariaat);
    if (i < 0 || geschat.has(i)) throw regel.fout('term', `${splitsing.covariaat} heeft geen toets of wel gepubliceerde perioden`, 'een kenmerk met een toets en zonder rijen in modellen_perioden.csv');
    splitsingen.push([i, splitsing]);
  }
  return splitsingen.sort((a, b) => a[0] - b[0]).map(([, s]) => s);
}

function uitkomst(d: ModelDefinitie, geschat: Geschat | undefined, f: ModelFeiten, ph: readonly PhToets[], perioden: readonly { regel: Regel; rij: PeriodeTerm }[]): ModelUitkomst {
  const basis = { model: d.model, kind: d.kind, moment: d.moment };
  const regels = { referenties: f.referenties, samengevoegd: f.samengevoegd, weggelaten: f.weggelaten };
  const andere = f.onderdrukt?.regel ?? f.fout?.regel;
  if (geschat) {
    if (andere) throw andere.fout('soort', `${d.model} staat in modellen.csv en is dus geschat`, 'geen noot onderdrukt of fout bij een geschat model');
    return { ...basis, status: 'geschat', ...geschat, ...regels, ph, tijdsplitsingen: d.kind === 'cox' ? tijdsplitsingen(ph, perioden, f) : [] };
  }
  const los = ph.length > 0 ? 'modellen_ph.csv' : perioden.length > 0 ? 'modellen_perioden.csv' : undefined;
  if (los) throw new InputError([modelBestandFout(los, `rijen van ${d.model}, dat niet in modellen.csv staat`, 'alleen rijen van geschatte modellen')]);
  if (f.onderdrukt && f.fout) throw f.fout.regel.fout('soort', `${d.model} heeft al een noot onderdrukt`, 'één van beide');
  if (f.onderdrukt) return { ...basis, status: 'onderdrukt', regel: f.onderdrukt.reden };
  if (f.fout) return { ...basis, status: 'fout', fout: f.fout.fout, ...regels };
  throw new InputError([
    modelBestandFout('modellen.csv', `model ${d.model} ontbreekt, en modellen_noten.csv zegt niet waarom`, "een geschat model, of een noot 'onderdrukt' of 'fout'"),
  ]);
}

/** The models of ModelResults from their files and notes, and the curves from recidive_km.csv and the audit. */
export function leesModelResultaten(editie: Editie, invoer: ModelInvoer): ModelResults {
  const { noten, km, audit } = invoer;
  const geschat = leesModellenCsv(invoer.modellen.naam, invoer.modellen.tekst);
  const ph = perModel(leesTabel(invoer.ph.naam, invoer.ph.tekst, MODELLEN_PH_HEADER), phRij);
  const perioden = perModel(leesTabel(invoer.perioden.naam, invoer.perioden.tekst, MODELLEN_PERIODEN_HEADER), periodeRij);
  const definities = modelDefinities(editie);
  for (const n of noten)
    if (!definities.some((d) => d.model === n.noot.model)) throw n.regel.fout('model', `${n.noot.model} is geen model van deze editie`, definities.map((d) => d.model).join(', '));
  const modellen = definities.map((d) =>
    uitkomst(d, geschat.get(d.model), modelFeiten(d.model, noten), (ph.get(d.model) ?? []).map((x) => x.rij), perioden.get(d.model) ?? []),
  );
  const resultaten: ModelResults = {
    drempel: editie.drempel,
    cohorten: editie.cohorten.map(String),
    modellen,
    km,
    kmOnderdrukkingen: audit.km,
    noten: noten.map((n) => n.noot),
  };
  controleerAudit(resultaten, audit, invoer.auditBestand);
  return resultaten;
}

/** The audit's model lines are exactly those of the notes, in their order. */
function controleerAudit(r: ModelResults, audit: Audit, bestand: string): void {
  const verwacht = modelOnderdrukkingRegels({ ...r, kmOnderdrukkingen: [] });
  const n = Math.max(verwacht.length, audit.modellen.length);
  for (let i = 0; i < n; i++) {
    const gelezen = audit.modellen[i];
    const regel = verwacht[i];
    if (gelezen && regel !== undefined && zelfdeVelden(gelezen.velden, csvRecords(regel)[0]?.fields ?? [])) continue;
    throw new InputError([
      gelezen
        ? auditFout(bestand, gelezen.nr, 'regel over de modellen past niet bij modellen_noten.csv', verwacht[i] ?? 'geen regel meer')
        : auditFout(bestand, undefined, 'regel over de modellen ontbreekt', verwacht[i]!),
    ]);
  }
}

/** The same fields: the audit is compared field by field, whatever the quotes of the file. */
const zelfdeVelden = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
