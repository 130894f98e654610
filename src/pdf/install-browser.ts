/**
 * Make sure a browser for printing is there: find one, or install one (apt-get on Debian as
 * root, else Chrome for Testing into .cache/chrome). Prints the executable's path.
 *
 *   npx tsx src/pdf/install-browser.ts
 *
 * CI runs this before the tests; it exits 1 with a Dutch message when no browser can be had.
 */
import { InputError } from '../util/errors.ts';
import { resolveBrowser } from './browser.ts';

try {
  const found = await resolveBrowser({ log: (line) => console.error(line) });
  console.log(`${found.executablePath} (${found.source})`);
} catch (e) {
  if (!(e instanceof InputError)) throw e;
  for (const m of e.messages) console.error(m);
  if (e.hint) console.error(`Tip: ${e.hint}`);
  process.exitCode = 1;
}
