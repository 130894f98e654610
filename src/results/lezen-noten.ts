/**
 * data/modellen_noten.csv read back (src/results/lezen.ts): the notes under the models, and from
 * them the structured facts the report uses (reference switches, merged levels, dropped
 * interactions, suppressed and failed models, time splits left out).
 */
import type { DroppedTerm, MergedLevel, SmallCount } from '../models/design.ts';
import { ModelError, type ModelFailure } from '../models/errors.ts';
import { MODELLEN, type ModelNaam } from '../models/frames.ts';
import type { ModelNoot } from '../models/run.ts';
import type { ModelRegel, ReferentieWissel } from '../models/uitkomst.ts';
import type { Tijdsplitsing } from '../models/tijdsplitsing.ts';
import { MODELLEN_NOTEN_HEADER } from '../models/write.ts';
import { leesTabel, type Regel } from './lezen-csv.ts';

/** The kinds of model notes (modellen_noten.csv, kolom soort), in the order the data README lists them. */
export const NOOT_SOORTEN = ['referentie', 'samengevoegd', 'weggelaten', 'onderdrukt', 'fout', 'tijdsplitsing'] as const satisfies readonly ModelNoot['soort'][];
const TELLINGEN = ['records', 'events', 'non-events'] as const satisfies readonly SmallCount[];
const MODEL_REGELS = ['records_onder_drempel', 'gebeurtenissen_onder_drempel', 'rest_onder_drempel'] as const satisfies readonly ModelRegel[];
const MISLUKT = ['separatie', 'singulier', 'geen_convergentie', 'geen_variatie'] as const satisfies readonly ModelFailure[];

/** The reasons a note of each kind may give. */
const REDENEN: Record<ModelNoot['soort'], readonly string[]> = {
  referentie: TELLINGEN,
  samengevoegd: TELLINGEN,
  weggelaten: TELLINGEN,
  onderdrukt: MODEL_REGELS,
  fout: MISLUKT,
  tijdsplitsing: [...TELLINGEN, ...MISLUKT],
};

/** A note with the line it was read from (for messages of later checks). */
export interface GelezenNoot {
  readonly noot: ModelNoot;
  readonly regel: Regel;
}

export function leesNoten(bestand: string, tekst: string): GelezenNoot[] {
  return leesTabel(bestand, tekst, MODELLEN_NOTEN_HEADER).map((regel) => ({ noot: noot(regel), regel }));
}

function noot(r: Regel): ModelNoot {
  const soort = r.keuze('soort', NOOT_SOORTEN);
  const term = r.optie('term');
  const referentie = r.optie('referentie');
  const heelModel = soort === 'onderdrukt' || soort === 'fout';
  if (heelModel && term) throw r.fout('term', `een noot '${soort}' gaat over het hele model, niet over '${term}'`, 'leeg');
  if (!heelModel && !term) throw r.fout('term', 'leeg', `de term van een noot '${soort}'`);
  if (soort === 'tijdsplitsing' && !term!.endsWith('@perioden')) throw r.fout('term', `'${term}'`, '<kenmerk>@perioden');
  if ((soort === 'referentie' || soort === 'samengevoegd') && (!referentie || !term!.includes(':')))
    throw r.fout(referentie ? 'term' : 'referentie', `ontbreekt of klopt niet bij een noot '${soort}'`, '<kenmerk>:<categorie> en de referentiecategorie');
  return {
    model: r.keuze('model', MODELLEN),
    soort,
    ...(term ? { term } : {}),
    ...(referentie ? { referentie } : {}),
    reden: r.keuze('reden', REDENEN[soort]) as ModelNoot['reden'],
    tekst: r.naam('tekst'),
  };
}

const kenmerk = (term: string) => term.slice(0, term.indexOf(':'));
const niveau = (term: string) => term.slice(term.indexOf(':') + 1);

/** The facts of one model's notes. */
export interface ModelFeiten {
  readonly referenties: ReferentieWissel[];
  readonly samengevoegd: MergedLevel[];
  readonly weggelaten: DroppedTerm[];
  /** Time splits left out, by covariate. */
  readonly splitsingen: { readonly regel: Regel; readonly splitsing: Tijdsplitsing }[];
  readonly onderdrukt?: { readonly regel: Regel; readonly reden: ModelRegel };
  readonly fout?: { readonly regel: Regel; readonly fout: ModelError };
}

export function modelFeiten(model: ModelNaam, noten: readonly GelezenNoot[]): ModelFeiten {
  const f: { -readonly [K in keyof ModelFeiten]: ModelFeiten[K] } = { referenties: [], samengevoegd: [], weggelaten: [], splitsingen: [] };
  for (const { noot: n, regel } of noten) {
    if (n.model !== model) continue;
    const term = n.term ?? '';
    if (n.soort === 'referentie') f.referenties.push({ covariate: kenmerk(term), oorspronkelijk: niveau(term), nieuw: n.referentie!, reden: n.reden as SmallCount });
    else if (n.soort === 'samengevoegd') f.samengevoegd.push({ covariate: kenmerk(term), level: niveau(term), reference: n.referentie!, reason: n.reden as SmallCount });
    else if (n.soort === 'weggelaten') f.weggelaten.push({ term, reason: n.reden as SmallCount });
    else if (n.soort === 'tijdsplitsing') f.splitsingen.push({ regel, splitsing: splitsing(n) });
    else if (n.soort === 'onderdrukt') f.onderdrukt = { regel, reden: n.reden as ModelRegel };
    else f.fout = { regel, fout: modelFout(model, n, regel) };
  }
  return f;
}

/** A time split left out, from its note. */
function splitsing(n: ModelNoot): Tijdsplitsing {
  const covariaat = n.term!.slice(0, -'@perioden'.length);
  if ((TELLINGEN as readonly string[]).includes(n.reden)) return { covariaat, status: 'onderdrukt', reden: n.reden as SmallCount };
  // The note says why after "niet gepubliceerd: " (run.ts, notenVan).
  const waarom = /niet gepubliceerd: (.*)\.$/.exec(n.tekst)?.[1] ?? n.tekst;
  return { covariaat, status: 'fout', failure: n.reden as ModelFailure, tekst: waarom };
}

/** The ModelError of a failed model from its note: "Model <m>: <message> <hint>" (run.ts, notenVan). */
function modelFout(model: ModelNaam, n: ModelNoot, r: Regel): ModelError {
  const failure = n.reden as ModelFailure;
  const hint = new ModelError(model, failure, '').hint;
  const begin = `Model ${model}: `;
  const eind = hint ? ` ${hint}` : '';
  if (!n.tekst.startsWith(begin) || !n.tekst.endsWith(eind) || n.tekst.length <= begin.length + eind.length)
    throw r.fout('tekst', 'is niet de melding van een mislukt model', `'${begin}<melding>${eind}'`);
  return new ModelError(model, failure, n.tekst.slice(begin.length, n.tekst.length - eind.length));
}
