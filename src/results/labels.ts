/**
 * Model notes for the reader. The labels of the domain's categories are in
 * src/vocabulary/labels.ts; this one needs the models' own texts (TELLING_TEKST).
 */
import { TELLING_TEKST, type ModelNoot } from '../models/run.ts';
import { niveauTekst, termTekst } from '../vocabulary/labels.ts';

/**
 * A model note for the reader: the models module names terms by their codes
 * (`geslacht:v`); the report names them in words (Geslacht: vrouw).
 */
export function modelNootTekst(noot: ModelNoot): string {
  const term = noot.term ? termTekst(noot.term) : undefined;
  const reden = typeof noot.reden === 'string' && noot.reden in TELLING_TEKST ? TELLING_TEKST[noot.reden as keyof typeof TELLING_TEKST] : undefined;
  if (!term || !reden) return noot.tekst;
  switch (noot.soort) {
    case 'referentie':
      return `${term.covariaat}: de referentiecategorie is ${niveauTekst(noot.referentie ?? '')} in plaats van ${term.niveau} (${term.niveau}: ${reden}).`;
    case 'samengevoegd':
      return `${term.covariaat}: ${term.niveau} is niet apart geschat maar samengevoegd met de referentiecategorie ${niveauTekst(noot.referentie ?? '')} (${reden}).`;
    case 'weggelaten':
      return `De interactie ${term.niveau} is weggelaten (${reden}).`;
    default:
      return noot.tekst;
  }
}
