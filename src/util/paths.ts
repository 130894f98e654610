/**
 * Where the project lives, and path questions the build asks before it writes anything: where a path really leads (through
 * symbolic links, also for a path that does not exist yet) and whether one path lies inside
 * another.
 */
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root folder (where package.json is), without a trailing separator. The build
 * reads templates, fonts and editions from here; every module takes it from this one place.
 */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));

/**
 * The real path of `path`: symbolic links resolved for the part that exists, the rest
 * appended as written. `/a/link/new/x` with `link -> /b` gives `/b/new/x`.
 */
export function echtPad(path: string): string {
  const abs = resolve(path);
  let bestaand = abs;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(bestaand), ...rest.reverse());
    } catch {
      const ouder = dirname(bestaand);
      if (ouder === bestaand) return abs;
      rest.push(bestaand.slice(ouder.length).replace(/^[\\/]/, ''));
      bestaand = ouder;
    }
  }
}

/** True when `kind` is `ouder` or lies inside it (both as given; resolve them first). */
export function binnen(kind: string, ouder: string): boolean {
  const rel = relative(ouder, kind);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
