/**
 * `--watch`: rebuild whenever a template, the edition file or an extract changes. Changes are
 * gathered for a short while (editors write a file in several steps) and one rebuild runs at a
 * time; a change during a rebuild starts another one after it. With the result cache, a
 * rebuild after a template edit starts at step 5.
 *
 * Watching is chokidar's: Node 20's own recursive `fs.watch` on Linux sets up its watchers of
 * subfolders asynchronously and misses changes made right after it returns (seen in CI).
 * chokidar says when every watcher is in place (`ready`), and only then do we say we watch.
 */
import { watch } from 'chokidar';
import { resolve } from 'node:path';

export interface WatchOptions {
  /** Folders (watched with everything under them) and files (editors that save by renaming are seen too). */
  paden: readonly string[];
  /** Quiet time before a rebuild, in ms (default 150). */
  wachttijd?: number;
  /** Stops watching; the promise of watchPaths then resolves. */
  signal?: AbortSignal;
  /** Called once, when every path is being watched: a change from then on is seen. */
  onReady?: () => void;
}

/**
 * Call `onChange` with the changed paths after each burst of changes, never twice at once.
 * Resolves when `signal` aborts.
 */
export function watchPaths(o: WatchOptions, onChange: (gewijzigd: string[]) => Promise<void>): Promise<void> {
  const wachttijd = o.wachttijd ?? 150;
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

  const watcher = watch(
    o.paden.map((p) => resolve(p)),
    { ignoreInitial: true, persistent: true },
  );
  watcher.on('all', (_event, pad) => {
    verzameld.add(resolve(pad));
    plan();
  });
  watcher.once('ready', () => o.onReady?.());

  return new Promise((klaar, faal) => {
    const einde = async () => {
      if (timer) clearTimeout(timer);
      await watcher.close();
      await bezig;
      klaar();
    };
    watcher.on('error', (e) => {
      void watcher.close();
      faal(e instanceof Error ? e : new Error(String(e)));
    });
    if (o.signal?.aborted) void einde();
    else o.signal?.addEventListener('abort', () => void einde(), { once: true });
  });
}
