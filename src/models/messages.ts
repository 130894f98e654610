/**
 * The models' messages to the user: a model frame that does not fit its specification
 * (design.ts) and a folder for the verification frames inside the published output (write.ts),
 * as diagnostics with rule ids `model/...`; and the texts of a model that cannot be estimated
 * on its data, as ModelErrors (errors.ts, which adds the rule id and the failure's hint). The
 * notes under the tables are in run.ts.
 */
import { diagnostic, type Diagnostic } from '../util/diagnostic.ts';
import { ModelError } from './errors.ts';

/** A column of the frame has a different length than the outcome. */
export function kolomLengte(model: string, kolom: string, lengte: number, n: number): Diagnostic {
  return diagnostic('model/kolom-lengte', `Model ${model}: kolom '${kolom}' heeft ${lengte} waarden, verwacht ${n} (één per record).`);
}

/** An event or outcome that is not 0 or 1. */
export function nietNulOfEen(model: string, record: number, kolom: string, waarde: unknown): Diagnostic {
  return diagnostic('model/nul-of-een', `Model ${model}: record ${record} heeft ${kolom} = ${String(waarde)}; verwacht 0 of 1.`);
}

/** The outcome columns of the model's kind are missing. */
export function uitkomstOntbreekt(model: string, kind: 'cox' | 'logit'): Diagnostic {
  const text =
    kind === 'cox'
      ? `Model ${model}: een Cox-model heeft de kolommen 'tijd' en 'gebeurtenis' nodig.`
      : `Model ${model}: een logistisch model heeft de kolom 'uitkomst' nodig.`;
  return diagnostic('model/uitkomst-ontbreekt', text);
}

/** A follow-up time that is not a positive number of days. */
export function tijdOngeldig(model: string, record: number, tijd: number): Diagnostic {
  return diagnostic('model/tijd', `Model ${model}: record ${record} heeft tijd = ${String(tijd)}; verwacht een aantal dagen groter dan 0.`);
}

/** A covariate of the specification is not a column of the frame. */
export function kolomOntbreekt(model: string, kolom: string): Diagnostic {
  return diagnostic('model/kolom-ontbreekt', `Model ${model}: de modelframe mist de kolom '${kolom}'.`);
}

/** A covariate's value outside its level list. */
export function onbekendNiveau(model: string, record: number, kolom: string, waarde: string, niveaus: readonly string[]): Diagnostic {
  return diagnostic('model/niveau', `Model ${model}: record ${record} heeft ${kolom} = '${waarde}'; verwacht een van: ${niveaus.join(', ')}.`);
}

/** A numeric covariate's value that is not a finite number. */
export function geenGetal(model: string, record: number, kolom: string, waarde: number): Diagnostic {
  return diagnostic('model/getal', `Model ${model}: record ${record} heeft ${kolom} = ${String(waarde)}; verwacht een getal.`);
}

/** The verification frames (person-level data) would land inside the published output. */
export function modelframesBinnenUitvoer(folder: string, uitvoer: string): Diagnostic {
  return diagnostic(
    'model/modelframes-map',
    `--model-frames ${folder}: deze map ligt binnen de gepubliceerde uitvoermap ${uitvoer}. ` +
      'Modelframes bevatten gegevens op persoonsniveau en mogen de beveiligde omgeving niet verlaten.',
    { hint: `Kies een map buiten ${uitvoer}, bijvoorbeeld een werkmap in de beveiligde omgeving.` },
  );
}

// ---------------------------------------------------------------------------------------------
// A model that cannot be estimated

function quote(names: readonly string[]): string {
  return names.map((t) => `'${t}'`).join(', ');
}

/** The frame has no records, or no events. */
export function geenVariatie(model: string, wat: 'records' | 'gebeurtenissen'): ModelError {
  return new ModelError(model, 'geen_variatie', `de modelframe heeft geen ${wat}.`);
}

/** The logistic model's outcome is the same for every record. */
export function uitkomstConstant(model: string, waarde: 0 | 1): ModelError {
  return new ModelError(model, 'geen_variatie', `de uitkomst is bij alle records ${waarde}.`);
}

/** Why a coefficient can run off to infinity, by kind of model (completes "omdat ..."). */
export const SEPARATIE_OORZAAK = {
  cox: 'een groep geen gebeurtenissen heeft, of al haar gebeurtenissen heeft voordat iemand anders in de risicoset er een heeft',
  logit: 'de uitkomst in een groep (of aan één kant van een grenswaarde) altijd 0 of altijd 1 is',
} as const;

/** Monotone likelihood: the coefficients of `names` run off to infinity. */
export function separatie(model: string, names: readonly string[], oorzaak: string): ModelError {
  const subject = names.length === 1 ? `de coëfficiënt van ${quote(names)} loopt` : `de coëfficiënten van ${quote(names)} lopen`;
  return new ModelError(model, 'separatie', `de likelihood is monotoon (separatie): ${subject} weg naar oneindig, omdat ${oorzaak}.`, names);
}

/** The information matrix is singular at the start: `names` depend on earlier columns. */
export function singulier(model: string, names: readonly string[]): ModelError {
  return new ModelError(
    model,
    'singulier',
    `de informatiematrix is singulier: ${quote(names)} ${names.length === 1 ? 'is' : 'zijn'} constant of een lineaire combinatie van eerdere termen (collineair).`,
    names,
  );
}

export function startNietEindig(model: string): ModelError {
  return new ModelError(model, 'geen_convergentie', 'de log-likelihood is niet eindig in het startpunt.');
}

/** The iteration limit was reached with `still` still moving. */
export function nietGeconvergeerd(model: string, maxIterations: number, still: readonly string[]): ModelError {
  return new ModelError(
    model,
    'geen_convergentie',
    `Newton–Raphson is na ${maxIterations} ${maxIterations === 1 ? 'iteratie' : 'iteraties'} niet geconvergeerd${still.length ? ` (nog in beweging: ${quote(still)})` : ''}.`,
    still,
  );
}

/** A coefficient or its variance is not finite at the estimate. */
export function schattingNietEindig(model: string, term: string | undefined): ModelError {
  return new ModelError(model, 'geen_convergentie', `de schatting van '${term}' is niet eindig.`, [term ?? '']);
}

/** A Wald row or the log likelihood of a fit is not finite (`term` absent: the log likelihood). */
export function geenEindigeWaarde(model: string, term: string | undefined): ModelError {
  return new ModelError(
    model,
    'geen_convergentie',
    `de schatting gaf geen eindige waarde${term !== undefined ? ` voor ${term}` : ' voor de log-likelihood'}.`,
    term !== undefined ? [term] : [],
  );
}

/** The information of (beta, theta) in the test of proportional hazards is singular for `term`. */
export function phSingulier(model: string, term: string): ModelError {
  return new ModelError(model, 'singulier', `de toets op proportionele hazards is voor '${term}' niet te berekenen (singuliere informatiematrix).`, [term]);
}
