/**
 * The models' messages to the user about their input: a model frame that does not fit its
 * specification (design.ts) and a folder for the verification frames inside the published
 * output (write.ts), as diagnostics with rule ids `model/...`. A model that cannot be estimated
 * on its data is a ModelError (errors.ts, with its hints); the notes under the tables are in
 * run.ts.
 */
import { diagnostic, type Diagnostic } from '../util/diagnostic.ts';

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
