/**
 * Time loading and validating an extract set: `tsx bench/load.ts <folder> [--memory-limit 3GB]`.
 * Prints the seconds taken, the peak resident memory of the process and the row counts; on
 * invalid input prints the messages and the time it took to find them.
 */
import { loadExtracts } from '../src/extracts/load.ts';
import { formatDiagnostic } from '../src/util/diagnostic.ts';
import { InputError } from '../src/util/errors.ts';

const args = process.argv.slice(2);
const folder = args.find((a) => !a.startsWith('--'));
const limitAt = args.indexOf('--memory-limit');
const memoryLimit = limitAt >= 0 ? args[limitAt + 1] : undefined;
if (!folder) {
  console.error('gebruik: tsx bench/load.ts <map met extracten> [--memory-limit 3GB]');
  process.exit(2);
}

// RSS is sampled; DuckDB allocates outside the V8 heap, so process.memoryUsage().rss is what counts.
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 10);

const start = performance.now();
const cpuStart = process.cpuUsage();
const cpu = (): string => {
  const used = process.cpuUsage(cpuStart);
  return `${((used.user + used.system) / 1e6).toFixed(2)} s CPU`;
};
try {
  const loaded = await loadExtracts(folder, memoryLimit ? { memoryLimit } : {});
  const seconds = (performance.now() - start) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  const counts: string[] = [];
  for (const name of loaded.present) {
    const reader = await loaded.connection.runAndReadAll(`SELECT count(*)::BIGINT FROM "${name}"`);
    counts.push(`${name} ${Number(reader.getRowsJS()[0]?.[0])}`);
  }
  for (const w of loaded.warnings) console.log(`waarschuwing: ${formatDiagnostic(w)}`);
  console.log(counts.join(', '));
  console.log(`load+validate: ${seconds.toFixed(2)} s (${cpu()}), peak RSS ${(peak / 2 ** 30).toFixed(2)} GiB`);
  loaded.close();
} catch (e) {
  const seconds = (performance.now() - start) / 1000;
  if (!(e instanceof InputError)) throw e;
  for (const m of e.messages) console.log(m);
  console.log(`invalid input found in ${seconds.toFixed(2)} s (${cpu()}), peak RSS ${(peak / 2 ** 30).toFixed(2)} GiB`);
  process.exitCode = 1;
} finally {
  clearInterval(sampler);
}
