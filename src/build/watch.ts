/**
 * `--watch`: rebuild whenever a template, the edition file or an extract changes. Changes are
 * gathered for a short while (editors write a file in several steps) and one rebuild runs at a
 * time; a change during a rebuild starts another one after it. With the result cache, a
 * rebuild after a template edit starts at step 5.
 */
import { watch, type FSWatcher } from 'node:fs';
import { statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface WatchOptions {
  /** Folders (watched with everything under them) and files (their folder is watched, for editors that save by renaming). */
  paden: readonly string[];
  /** Quiet time before a rebuild, in ms (default 150). */
  wachttijd?: number;
  /** Stops watching; the promise of watchPaths then resolves. */
  signal?: AbortSignal;
}

/**
 * Call `onChange` with the changed paths after each burst of changes, never twice at once.
 * Resolves when `signal` aborts.
 */
export function watchPaths(o: WatchOptions, onChange: (gewijzigd: string[]) => Promise<void>): Promise<void> {
  const wachttijd = o.wachttijd ?? 150;
  const watchers: FSWatcher[] = [];
  let verzameld = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let bezig: Promise<void> | undefined;

  const plan = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(start, wachttijd);
  };
  const start = () => {
    if (bezig || verzameld.size === 0) return;
    const paden = [...verzameld].sort();
    verzameld = new Set();
    bezig = onChange(paden).finally(() => {
      bezig = undefined;
      if (verzameld.size > 0) plan();
    });
  };

  for (const p of o.paden.map((x) => resolve(x))) {
    const isMap = statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
    const map = isMap ? p : dirname(p);
    const w = watch(map, { recursive: isMap }, (_event, naam) => {
      if (!isMap && naam !== basename(p)) return;
      verzameld.add(isMap && naam ? join(map, String(naam)) : p);
      plan();
    });
    watchers.push(w);
  }

  return new Promise((klaar) => {
    const einde = async () => {
      for (const w of watchers) w.close();
      if (timer) clearTimeout(timer);
      await bezig;
      klaar();
    };
    if (o.signal?.aborted) void einde();
    else o.signal?.addEventListener('abort', () => void einde(), { once: true });
  });
}
