/**
 * Reading one published CSV file back (src/results/lezen.ts): the header must be the writer's,
 * every record must have its fields, and every value is checked against its column. A problem
 * is an InputError `bestand:regel: kolom 'x': wat er mis is (verwacht: ...)`, as for the extracts
 * (./messages.ts).
 */
import { csvRecords } from '../util/csv.ts';
import { InputError, InternalError } from '../util/errors.ts';
import { kopregelFout, veldenFout, waardeFout } from './messages.ts';

const GETAL = /^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** One data line of a published file, with typed access to its columns. */
export class Regel {
  readonly bestand: string;
  readonly nr: number;
  readonly velden: readonly string[];
  readonly #kolommen: readonly string[];

  constructor(bestand: string, nr: number, velden: readonly string[], kolommen: readonly string[]) {
    this.bestand = bestand;
    this.nr = nr;
    this.velden = velden;
    this.#kolommen = kolommen;
  }

  /** An InputError for this line (and column, when given). */
  fout(kolom: string | undefined, wat: string, verwacht: string): InputError {
    return new InputError([waardeFout(this.bestand, this.nr, kolom, wat, verwacht)]);
  }

  tekst(kolom: string): string {
    const i = this.#kolommen.indexOf(kolom);
    if (i < 0) throw new InternalError(`${this.bestand}: no column ${kolom}`);
    return this.velden[i]!;
  }

  /** A non-empty text, or an error. */
  naam(kolom: string): string {
    const v = this.tekst(kolom);
    if (v === '') throw this.fout(kolom, 'leeg', 'een waarde');
    return v;
  }

  /** The text or undefined when empty. */
  optie(kolom: string): string | undefined {
    return this.tekst(kolom) || undefined;
  }

  getal(kolom: string): number {
    const v = this.tekst(kolom);
    if (!GETAL.test(v)) throw this.fout(kolom, v === '' ? 'leeg' : `'${v}' is geen getal`, 'een decimaal getal met een punt');
    return Number(v);
  }

  getalOfLeeg(kolom: string): number | null {
    return this.tekst(kolom) === '' ? null : this.getal(kolom);
  }

  geheel(kolom: string): number {
    const v = this.tekst(kolom);
    if (!/^\d+$/.test(v)) throw this.fout(kolom, v === '' ? 'leeg' : `'${v}' is geen aantal`, 'een geheel getal ≥ 0');
    return Number(v);
  }

  geheelOfLeeg(kolom: string): number | null {
    return this.tekst(kolom) === '' ? null : this.geheel(kolom);
  }

  keuze<T extends string>(kolom: string, opties: readonly T[]): T {
    const v = this.tekst(kolom);
    if (!(opties as readonly string[]).includes(v)) throw this.fout(kolom, `onbekende waarde '${v}'`, opties.join(', '));
    return v as T;
  }

  leeg(kolom: string, waarom: string): void {
    const v = this.tekst(kolom);
    if (v !== '') throw this.fout(kolom, `'${v}' ${waarom}`, 'leeg');
  }
}

/** The data lines of a published file whose header must be `kop`. */
export function leesTabel(bestand: string, tekst: string, kop: string): Regel[] {
  const [eerste, ...rest] = csvRecords(tekst);
  const kopregel = eerste?.fields.join(',') ?? '';
  if (kopregel !== kop) throw new InputError([kopregelFout(bestand, kopregel, kop)]);
  const kolommen = kop.split(',');
  return rest.map((r) => {
    if (r.fields.length !== kolommen.length) throw new InputError([veldenFout(bestand, r.line, r.fields.length, kop)]);
    return new Regel(bestand, r.line, r.fields, kolommen);
  });
}
