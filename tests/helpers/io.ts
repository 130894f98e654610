/** The command line's output streams, captured, for tests that call `main` (src/cli/report.ts). */
import type { Io } from '../../src/cli/report.ts';

export function io(): Io & { out: string; err: string } {
  const r = {
    out: '',
    err: '',
    env: { CI: 'true' },
    stdout: { write: (s: string) => (r.out += s) },
    stderr: { write: (s: string) => (r.err += s) },
  };
  return r;
}
