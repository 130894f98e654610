/**
 * Worker threads that fit the models while the build's own thread goes on (the indicator counts
 * in DuckDB, disclosure control, the Kaplan–Meier curves): see src/pipeline/compute.ts.
 *
 * Each worker takes the next task when it is ready or done with the last one, so the tasks go
 * out in their order (the largest model first) and a free worker never waits. The outcomes come
 * back in the order of the tasks, whatever finished first; when fits threw, the error of the
 * first such task in that order is thrown (as fitting them one after another would have done).
 *
 * The worker loads TypeScript itself: tsx's loader, which the build's thread runs under
 * (`node --import tsx`, `npx tsx`, `node --import tsx --test`), does not reach a worker thread,
 * and the worker does not need the build's Node options. A worker dies with the process: a build
 * that is interrupted or killed leaves none behind.
 */
import { Worker } from 'node:worker_threads';
import { InternalError } from '../util/errors.ts';
import { ontvangFout, ontvangUitkomst, type FitAntwoord, type FitTaak } from './fit-transfer.ts';
import type { ModelUitkomst } from './uitkomst.ts';

const WORKER = new URL('./fit-worker.ts', import.meta.url).href;

/** The worker's first lines: register tsx's loader in that thread, then load fit-worker.ts. */
function bootstrap(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER)}); });`;
}

export interface FitPool {
  /** Fits the tasks in the workers; the outcomes in the order of the tasks. Call once. */
  fit(taken: readonly FitTaak[]): Promise<ModelUitkomst[]>;
  /** Ends the workers (also when a fit is still running). Safe to call twice. */
  stop(): Promise<void>;
}

type Uitslag = { ok: true; uitkomst: ModelUitkomst } | { ok: false; fout: unknown };

/** Starts `aantal` workers; they load their code while the caller goes on. */
export function startFitPool(aantal: number): FitPool {
  if (!(aantal >= 1)) throw new InternalError(`startFitPool: ${aantal} workers`);
  const code = bootstrap();
  // No execArgv: the build's own options (`--import tsx` among them) would only slow the start.
  const workers = Array.from({ length: aantal }, () => new Worker(code, { eval: true, execArgv: [] }));
  let gestopt = false;
  // Until fit() is called, what each worker said first (ready, or an error while loading).
  const klaar = new Set<Worker>();
  let wachtend: ((w: Worker, a: FitAntwoord) => void) | undefined;
  let mislukt: ((fout: unknown) => void) | undefined;
  let vroegeFout: unknown;
  for (const w of workers) {
    w.on('message', (a: FitAntwoord) => (wachtend ? wachtend(w, a) : a.soort === 'klaar' && klaar.add(w)));
    w.on('error', (e) => (mislukt ? mislukt(e) : (vroegeFout ??= e)));
    w.on('exit', (code) => {
      if (gestopt) return;
      const e = new InternalError(`a model worker thread stopped (exit code ${code})`);
      if (mislukt) mislukt(e);
      else vroegeFout ??= e;
    });
  }

  return {
    fit(taken) {
      return new Promise<ModelUitkomst[]>((resolve, reject) => {
        const uitslagen: (Uitslag | undefined)[] = taken.map(() => undefined);
        let volgende = 0;
        let open = taken.length;
        const geef = (w: Worker) => {
          if (volgende < taken.length) w.postMessage({ nr: volgende, taak: taken[volgende++]! });
        };
        const afronden = () => {
          const fout = uitslagen.find((u) => u && !u.ok);
          if (fout && !fout.ok) reject(fout.fout);
          else resolve(uitslagen.map((u) => (u as Extract<Uitslag, { ok: true }>).uitkomst));
        };
        wachtend = (w, a) => {
          if (a.soort === 'klaar') return geef(w);
          uitslagen[a.nr] = a.soort === 'uitkomst' ? { ok: true, uitkomst: ontvangUitkomst(a.uitkomst) } : { ok: false, fout: ontvangFout(a.fout) };
          if (--open === 0) return afronden();
          geef(w);
        };
        mislukt = reject;
        if (vroegeFout !== undefined) return reject(vroegeFout);
        if (taken.length === 0) return resolve([]);
        for (const w of klaar) geef(w);
      });
    },
    async stop() {
      gestopt = true;
      // A fit still running never ends now; its caller hears so (no effect on a finished fit).
      mislukt?.(new InternalError('the model worker threads were stopped before the fits were done'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
