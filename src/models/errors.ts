/**
 * ModelError: a model that cannot be estimated on the data at hand.
 *
 * It extends InputError because the researcher can act on it (merge a category, drop a term,
 * raise the disclosure threshold) and the command line should print it as a message, not as a
 * stack trace. It carries one diagnostic: rule `model/<failure>` (`model/geen-convergentie`),
 * a Dutch text that names the model and the terms involved, and the failure's hint.
 */
import { diagnostic } from '../util/diagnostic.ts';
import { InputError } from '../util/errors.ts';

/** Why a model could not be estimated. */
export type ModelFailure =
  /** Monotone likelihood: a coefficient runs off to (minus) infinity. */
  | 'separatie'
  /** The information matrix is singular at the start: collinear columns. */
  | 'singulier'
  /** Newton–Raphson did not converge within the iteration limit. */
  | 'geen_convergentie'
  /** The outcome has no variation (no events, or only events) or there are no records. */
  | 'geen_variatie';

const HINTS: Record<ModelFailure, string> = {
  separatie:
    'Een categorie zonder (of met alleen) gebeurtenissen geeft een oneindige coëfficiënt; voeg de categorie samen met de referentie of laat de term weg.',
  singulier:
    'Een kolom is een lineaire combinatie van andere kolommen (bijvoorbeeld een interactie die samenvalt met een hoofdeffect); laat een van de termen weg.',
  geen_convergentie: 'Controleer de modelframe op extreme waarden of verhoog het maximale aantal iteraties.',
  geen_variatie: 'Controleer de populatie van het model: zonder variatie in de uitkomst is er niets te schatten.',
};

export class ModelError extends InputError {
  readonly model: string;
  readonly failure: ModelFailure;
  /** The terms the problem is about (may be empty). */
  readonly terms: readonly string[];

  constructor(model: string, failure: ModelFailure, message: string, terms: readonly string[] = []) {
    super([diagnostic(`model/${failure.replace(/_/g, '-')}`, `Model ${model}: ${message}`, { hint: HINTS[failure] })]);
    this.name = 'ModelError';
    this.model = model;
    this.failure = failure;
    this.terms = terms;
  }
}
