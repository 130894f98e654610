/**
 * The worker thread of fit-pool.ts: fits one model at a time, as run.ts would on the build's
 * own thread (decodeModelFrame, then fitModel), and answers with its outcome or the error the
 * fit threw (fit-transfer.ts). Loaded only by the pool, inside a worker thread.
 */
import { parentPort } from 'node:worker_threads';
import { InternalError } from '../util/errors.ts';
import { decodeModelFrame } from './frames.ts';
import { verzendFout, verzendUitkomst, type FitAntwoord, type FitOpdracht } from './fit-transfer.ts';
import { fitModel } from './uitkomst.ts';

const poort = parentPort;
if (!poort) throw new InternalError('fit-worker.ts runs in a worker thread only');

function beantwoord({ nr, taak }: FitOpdracht): FitAntwoord {
  try {
    const uitkomst = fitModel(taak.definitie, decodeModelFrame(taak.frame), taak.k, taak.bijFout);
    return { soort: 'uitkomst', nr, uitkomst: verzendUitkomst(uitkomst) };
  } catch (e) {
    return { soort: 'fout', nr, fout: verzendFout(e) };
  }
}

poort.on('message', (opdracht: FitOpdracht) => poort.postMessage(beantwoord(opdracht)));
poort.postMessage({ soort: 'klaar' } satisfies FitAntwoord);
