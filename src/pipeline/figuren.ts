/**
 * The build's figures: each taken from the cache when it holds it (./cache.ts, renderWithCache),
 * the others rendered in the chart worker (../charts/render-thread.ts), which is closed when they
 * are done or one failed. The progress line says, with a cache, how many it held: all of them
 * means no worker was started for them.
 */
import { join } from 'node:path';
import type { Figuur, GerenderdeFiguur } from '../charts/render.ts';
import type { ChartThread } from '../charts/render-thread.ts';
import { PROJECT_ROOT } from '../util/paths.ts';
import { renderWithCache } from './cache.ts';

export function figurenTekenen(
  /** The build's cache folder; none with --no-cache. */
  cache: string | undefined,
  thread: ChartThread,
  /** The hash of package-lock.json (the renderer's versions). */
  lock: string,
): { teken(figuren: readonly Figuur[]): Promise<GerenderdeFiguur[]>; regel(figuren: readonly GerenderdeFiguur[]): string } {
  let gerenderd = 0;
  const render = (f: Figuur) => {
    gerenderd++;
    return thread.render(f);
  };
  return {
    async teken(figuren) {
      try {
        return await renderWithCache(cache && join(cache, 'figuren'), figuren, render, PROJECT_ROOT, lock);
      } finally {
        await thread.close();
      }
    },
    regel: (f) => (cache ? `${f.length} figuren, ${f.length - gerenderd} uit de cache` : `${f.length} figuren`),
  };
}
