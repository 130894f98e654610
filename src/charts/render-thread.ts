/**
 * Rendering the charts off the main thread: a worker thread renders each figure with
 * ./render.ts's renderChart while the main thread goes on (the build fills the chapters
 * meanwhile; src/pipeline/build.ts). The SVG and the spec come back as the strings renderChart
 * makes, so the output is the same bytes as rendering on the main thread.
 *
 * The worker runs this same module: started in a worker, it listens for figures instead. It is
 * loaded as ../util/worker.ts loads a worker's module (from the bundle, or through tsx).
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { InternalError } from '../util/errors.ts';
import { workerCode } from '../util/worker.ts';
import type { Figuur, GerenderdeFiguur } from './render.ts';

/** Marks a worker started by startChartThread (workerData). */
const WORKER = 'monitor-charts';

interface Request {
  nr: number;
  figuur: Figuur;
}

type Reply = { nr: number; specJson: string; svg: string } | { nr: number; error: string; stack: string | undefined; internal: boolean };

/** The worker's error, thrown on the main thread: an InternalError stays one, with the worker's stack. */
function thrown(reply: Extract<Reply, { error: string }>): Error {
  const e = reply.internal ? new InternalError(reply.error.replace(/^interne fout: /, '')) : new Error(reply.error);
  if (reply.stack) e.stack = reply.stack;
  return e;
}

/**
 * A worker thread that renders charts: started at the first `render`, so a build whose figures
 * are all cached starts none; or at once (`preload`), so that loading Vega overlaps other work.
 */
export interface ChartThread {
  render(f: Figuur): Promise<GerenderdeFiguur>;
  /** Start the worker now, if it has not started, so that loading Vega overlaps other work. */
  preload(): void;
  /** Whether a worker was ever started (a build whose figures all come from the cache starts none). */
  gestart(): boolean;
  /** Stop the worker (renders still waiting are rejected). Safe to call twice. */
  close(): Promise<void>;
}

export function startChartThread(options: { preload?: boolean } = {}): ChartThread {
  let worker: Worker | undefined;
  let next = 0;
  /** Why no more figures can be rendered: closed, or the worker failed or stopped. */
  let gone: unknown;
  const waiting = new Map<number, { figuur: Figuur; resolve: (r: GerenderdeFiguur) => void; reject: (e: unknown) => void }>();
  const failAll = (e: unknown) => {
    gone ??= e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  const start = (): Worker => {
    const w = new Worker(workerCode(import.meta.url), { eval: true, workerData: WORKER });
    w.on('message', (reply: Reply) => {
      const job = waiting.get(reply.nr);
      if (!job) return;
      waiting.delete(reply.nr);
      if ('error' in reply) job.reject(thrown(reply));
      else job.resolve({ figuur: job.figuur, specJson: reply.specJson, svg: reply.svg });
      if (waiting.size === 0) w.unref();
    });
    w.on('error', failAll);
    w.unref(); // referenced only while it has work: a build that forgets to close it can still exit
    w.on('exit', (code) => failAll(new InternalError(`de figuren-thread stopte (status ${code})`)));
    return w;
  };
  let ooit = false;
  const begin = (): Worker => {
    ooit = true;
    return start();
  };
  if (options.preload) worker = begin();
  return {
    preload() {
      if (gone === undefined) worker ??= begin();
    },
    gestart: () => ooit,
    render(figuur) {
      if (gone !== undefined) return Promise.reject(gone);
      worker ??= begin();
      worker.ref();
      const nr = next++;
      const { promise, resolve, reject } = withResolvers<GerenderdeFiguur>();
      waiting.set(nr, { figuur, resolve, reject });
      worker.postMessage({ nr, figuur } satisfies Request);
      return promise;
    },
    async close() {
      failAll(new InternalError('de figuren-thread is gesloten'));
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}

function withResolvers<T>(): { promise: Promise<T>; resolve: (t: T) => void; reject: (e: unknown) => void } {
  let resolve!: (t: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** In the worker: render the figures one after another, in the order they come. */
function serve(): void {
  const port = parentPort!;
  const render = import('./render.ts');
  let queue = Promise.resolve();
  port.on('message', (req: Request) => {
    queue = queue.then(async () => {
      try {
        const r = await (await render).renderChart(req.figuur);
        port.postMessage({ nr: req.nr, specJson: r.specJson, svg: r.svg } satisfies Reply);
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        port.postMessage({ nr: req.nr, error: error.message, stack: error.stack, internal: e instanceof InternalError } satisfies Reply);
      }
    });
  });
}

if (!isMainThread && workerData === WORKER) serve();
