/**
 * Every message about the published results read back (`data/*.csv`), in Dutch, in one place.
 * Each is a Diagnostic (src/util/diagnostic.ts) with the file and line in their fields, so it is
 * shown as `<bestand>:<regel>: kolom '<x>': <wat> (verwacht: ...)`, as for the extracts.
 */
import { diagnostic, type Diagnostic } from '../util/diagnostic.ts';

const verwacht = (wat: string, v: string) => `${wat} (verwacht: ${v})`;

/** A value of a line (of one column, when given) that is not what its column allows. */
export function waardeFout(bestand: string, regel: number, kolom: string | undefined, wat: string, v: string): Diagnostic {
  return diagnostic('resultaten/waarde', verwacht(`${kolom ? `kolom '${kolom}': ` : ''}${wat}`, v), { file: bestand, line: regel });
}

/** The header is not the writer's. */
export function kopregelFout(bestand: string, gevonden: string, kop: string): Diagnostic {
  return diagnostic('resultaten/kopregel', verwacht(`kopregel '${gevonden.slice(0, 80)}' klopt niet`, kop), { file: bestand, line: 1 });
}

/** A line with more or fewer fields than the header. */
export function veldenFout(bestand: string, regel: number, aantal: number, kop: string): Diagnostic {
  return diagnostic('resultaten/velden', verwacht(`${aantal} velden in plaats van ${kop.split(',').length}`, kop), { file: bestand, line: regel });
}

/** A file of data/ that is not there. */
export function bestandOntbreekt(bestand: string, wat: string): Diagnostic {
  return diagnostic('resultaten/ontbreekt', `ontbreekt in de resultatenmap (verwacht: ${wat})`, { file: bestand });
}

/** An indicator row that occurs twice. */
export function dubbeleRij(bestand: string, regel: number, rij: string, eerder: number): Diagnostic {
  return diagnostic('resultaten/dubbele-rij', verwacht(`rij ${rij} staat er al op regel ${eerder}`, 'elke rij één keer'), { file: bestand, line: regel });
}

/** Reading stopped after this many problems. */
export function gestopt(bestand: string, aantal: number): Diagnostic {
  return diagnostic('resultaten/gestopt', `gestopt na ${aantal} meldingen`, { file: bestand });
}

/** An indicatoren.csv with a header and nothing else. */
export function geenRijen(bestand: string): Diagnostic {
  return diagnostic('resultaten/geen-rijen', verwacht('bevat geen rijen', 'de gepubliceerde indicatoren van de vorige meting'), { file: bestand });
}

/** A model file and modellen_noten.csv that disagree about a whole model. */
export function modelBestandFout(bestand: string, wat: string, v: string): Diagnostic {
  return diagnostic('resultaten/model', verwacht(wat, v), { file: bestand });
}

/** A model line of the audit that is not the one the notes give. */
export function auditFout(bestand: string, regel: number | undefined, wat: string, v: string): Diagnostic {
  return diagnostic('resultaten/audit', verwacht(wat, v), { file: bestand, ...(regel === undefined ? {} : { line: regel }) });
}
