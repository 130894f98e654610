/**
 * Build the web edition of both editions once per test file, into a temporary folder: from the
 * committed results (--from-results, no extracts, no PDFs), oldest edition first so the 7th
 * meting compares with the 6th just built.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { buildReport } from '../../src/pipeline/build.ts';
import { PROJECT_ROOT } from '../../src/util/paths.ts';

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

/** Build both editions into a fresh temporary root (removed after the file's tests). */
export async function bouwWeb(opties: { cache?: boolean } = {}): Promise<{ root: string; edities: GebouwdeEditie[] }> {
  const root = mkdtempSync(join(tmpdir(), 'monitor-web-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const edities: GebouwdeEditie[] = [];
  for (const slug of EDITIES) {
    const out = join(root, slug);
    await buildReport(
      {
        data: join(PROJECT_ROOT, 'data', slug),
        fromResults: join(PROJECT_ROOT, 'out', slug),
        edition: join(PROJECT_ROOT, 'editions', slug, 'editie.json'),
        out,
        pdf: false,
        vorigeWortels: [root, join(PROJECT_ROOT, 'out')],
        ...(opties.cache ? { cache: join(root, 'cache') } : {}),
      },
      stil,
    );
    const web = join(out, 'web');
    edities.push({ slug, out, web, paginas: readdirSync(web).filter((f) => f.endsWith('.html')).sort() });
  }
  return { root, edities };
}
