/**
 * The counts read only their own tables (src/indicators/compute.ts, alleenTeltabellen): the
 * build drops everything else once the model frames are read, so that the memory goes back
 * before the fits grow. Counting after the drop must give exactly what counting without it does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { alleenTeltabellen, computeIndicators } from '../../src/indicators/compute.ts';
import { loadExtracts } from '../../src/extracts/load.ts';
import { leesEditie } from '../../src/edition/edition.ts';
import { PROJECT_ROOT } from '../helpers/root.ts';

const DATA = join(PROJECT_ROOT, 'data', '6e-meting');
const edition = await leesEditie(join(PROJECT_ROOT, 'editions', '6e-meting', 'editie.json'));

async function tel(opruimen: boolean) {
  const x = await loadExtracts(DATA, { basisvoorwaarden: edition.basisvoorwaarden });
  try {
    const r = await computeIndicators(x.connection, edition, x.extractie.peildatum, x.present.has('zorg'), opruimen ? () => alleenTeltabellen(x.connection) : undefined);
    const over = await x.connection.runAndReadAll('SELECT table_name FROM duckdb_tables() ORDER BY table_name');
    return { ...r, tabellen: over.getRowObjectsJS().map((t) => String(t['table_name'])) };
  } finally {
    x.close();
  }
}

test('after alleenTeltabellen only the counts\' tables are left, and the counts and the uitval audit are exactly those without it', async () => {
  const [gewoon, opgeruimd] = await Promise.all([tel(false), tel(true)]);
  assert.deepEqual(opgeruimd.tabellen, ['status', 'uitval_keten', 'uitval_record', 'uitval_stap', 'verloop']);
  assert.ok(gewoon.tabellen.includes('justitie') && gewoon.tabellen.includes('uitstroom'), 'without it the extracts and working tables stay');
  assert.ok(!gewoon.tabellen.includes('meetmoment') && !gewoon.tabellen.includes('uitval_deelpopulatie'), 'the intermediate tables go once read');
  assert.ok(gewoon.tellingen.length > 1000);
  assert.deepEqual(opgeruimd.tellingen, gewoon.tellingen);
  assert.deepEqual(opgeruimd.uitval, gewoon.uitval);
  assert.deepEqual(opgeruimd.definities, gewoon.definities);
});
