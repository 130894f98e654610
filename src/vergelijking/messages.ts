/**
 * Every message of the comparison with the previous meting, in Dutch, in one place. Each is a
 * Diagnostic (src/util/diagnostic.ts); the ones about a file carry it in `file`, so they are
 * shown as `<bestand>: <wat> (verwacht: ...)`.
 */
import { diagnostic, type Diagnostic } from '../util/diagnostic.ts';

/** The predecessor's indicatoren.csv is not there. */
export function geenResultaten(slug: string, pad: string): Diagnostic {
  return diagnostic(
    'vergelijking/geen-resultaten',
    `de vorige meting '${slug}' heeft geen gepubliceerde resultaten in ${pad}; bouw die eerst: npm run report -- --edition ${slug}`,
  );
}

/** The predecessor's file has only rows of 'totaal'. */
export function geenCohorten(bestand: string): Diagnostic {
  return diagnostic('vergelijking/geen-cohorten', "bevat geen rijen per cohort (verwacht: naast 'totaal' de afzonderlijke cohorten)", { file: bestand });
}

/** The predecessor has no cohorts at all. */
export function vorigeZonderCohorten(slug: string): Diagnostic {
  return diagnostic('vergelijking/geen-cohorten', `de vorige meting '${slug}' heeft geen cohorten`);
}

/** The predecessor's cohorts are not all before the current edition's. */
export function cohortenOverlappen(slug: string, toen: readonly number[], nu: readonly number[]): Diagnostic {
  return diagnostic(
    'vergelijking/cohorten',
    `de cohorten van de vorige meting '${slug}' (${toen.join(', ')}) moeten alle voor die van deze meting (${nu.join(', ')}) liggen`,
  );
}

/** A note on a changed definition names an indicator neither edition has. */
export function onbekendeWijziging(indicator: string): Diagnostic {
  return diagnostic(
    'vergelijking/wijziging',
    `wijzigingen: onbekende indicator '${indicator}' (verwacht: een indicator van deze of van de vorige meting)`,
  );
}
