/**
 * The web edition of both editions, built once per `npm test` and shared by the web test files
 * (tests/helpers/gedeeld.ts: made by the first file that asks, read by the others; never write
 * into it): from the committed results (--from-results, no extracts, no PDFs), oldest edition
 * first so the 7th meting compares with the 6th just built. The builds keep their result cache
 * in the fixture (`cache`), for a test that builds again from it: copy it first.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eenmaal, invoerSleutel } from '../helpers/gedeeld.ts';
import { PROJECT_ROOT } from '../helpers/root.ts';

const EDITIES = ['6e-meting', '7e-meting'] as const;
const stil = { log: () => {}, now: () => 0 };

export interface GebouwdeEditie {
  slug: string;
  /** the edition's output folder */
  out: string;
  /** its web/ folder */
  web: string;
  /** the HTML pages of web/, sorted */
  paginas: string[];
}

/** The shared build of both editions' web editions: its root, its result cache and the editions. */
export async function bouwWeb(): Promise<{ root: string; cache: string; edities: GebouwdeEditie[] }> {
  const hoe = { web: EDITIES };
  // Both editions' published results are inputs here: each key covers the other editions' out/*/data.
  const sleutel = EDITIES.map((slug) => invoerSleutel(slug, hoe)).join('').slice(0, 16);
  const root = await eenmaal(`web-${sleutel}`, async (dir) => {
    // Loaded only here: a file that finds the fixture made does not pay for loading the pipeline.
    const { buildReport } = await import('../../src/pipeline/build.ts');
    for (const slug of EDITIES) {
      await buildReport(
        {
          data: join(PROJECT_ROOT, 'data', slug),
          fromResults: join(PROJECT_ROOT, 'out', slug),
          edition: join(PROJECT_ROOT, 'editions', slug, 'editie.json'),
          out: join(dir, slug),
          pdf: false,
          vorigeWortels: [dir, join(PROJECT_ROOT, 'out')],
          cache: join(dir, 'cache'),
        },
        stil,
      );
    }
  });
  const edities = EDITIES.map((slug) => {
    const out = join(root, slug);
    const web = join(out, 'web');
    return { slug, out, web, paginas: readdirSync(web).filter((f) => f.endsWith('.html')).sort() };
  });
  return { root, cache: join(root, 'cache'), edities };
}
