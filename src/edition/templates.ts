/**
 * The templates of one edition: the shared templates (`templates/`), of which the edition may
 * replace any file by its own version of the same path in `editions/<slug>/templates/`. Shared
 * templates hold only what is true for every edition; what belongs to one meting (the letter's
 * policy response and closing, that year's dates and promises) lives with the edition.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../util/diagnostic.ts';
import { InputError } from '../util/errors.ts';
import { msg } from './messages.ts';

export class Sjablonen {
  /**
   * @param basis the shared templates root (templates/)
   * @param eigen the edition's overrides (editions/<slug>/templates/), if any
   */
  constructor(
    readonly basis: string,
    readonly eigen?: string,
  ) {}

  /** The file that `rel` (e.g. `kamerbrief/beleidsreactie.md.hbs`) means for this edition. */
  pad(rel: string): string {
    if (this.eigen) {
      const eigen = join(this.eigen, rel);
      if (existsSync(eigen)) return eigen;
    }
    return join(this.basis, rel);
  }

  /** The file names in the subfolder `sub` (shared and overrides together), sorted. */
  bestanden(sub: string): string[] {
    const lees = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile()) : []);
    return [...new Set([...lees(join(this.basis, sub)), ...(this.eigen ? lees(join(this.eigen, sub)) : [])])].sort();
  }

  /**
   * Every override must replace a shared template: a file in the edition's templates without a
   * shared counterpart is almost always a typo in its path, and would silently do nothing.
   */
  controleer(): void {
    if (!this.eigen) return;
    const fouten: Diagnostic[] = [];
    const loop = (rel: string) => {
      for (const naam of readdirSync(join(this.eigen!, rel)).sort()) {
        const r = rel ? `${rel}/${naam}` : naam;
        if (statSync(join(this.eigen!, r)).isDirectory()) loop(r);
        else if (!existsSync(join(this.basis, r)))
          fouten.push(msg.sjabloonVervangtNiets(join(this.eigen!, r), r, this.basis));
      }
    };
    loop('');
    if (fouten.length > 0) throw new InputError(fouten, 'Controleer de naam en de map van het bestand; een editie kan alleen bestaande sjablonen vervangen.');
  }
}
