/**
 * Hand-made extract tables for engine tests: builds the tables the loader would produce
 * (contract columns, dates as DATE) directly in an in-memory DuckDB, so indicator tests do not
 * depend on CSV parsing. Unset columns are NULL; every required extract exists, empty if not given.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { EXTRACTS, type ExtractName } from '../../src/extracts/contract.ts';

export type Rij = Record<string, string | null | undefined>;
export type Tabellen = Partial<Record<ExtractName, Rij[]>>;

/** A person: a man born 1980-05-15 with mbo2_4 (a startkwalificatie), unless `extra` says otherwise. */
export const persoon = (id: string, extra: Rij = {}): Rij => ({
  persoon_id: id,
  geslacht: 'm',
  geboortedatum: '1980-05-15',
  hoogste_opleiding: 'mbo2_4',
  ...extra,
});

/** The standard detention of person `p` (rik, valid ID, 2015-01-10 to 2015-03-10), detentie_id 'd' + p, unless `extra` says otherwise. */
export const detentie = (p: string, extra: Rij = {}): Rij => ({
  detentie_id: `d${p}`,
  persoon_id: p,
  datum_instroom: '2015-01-10',
  datum_uitstroom: '2015-03-10',
  id_bij_instroom: 'geldig',
  id_bij_uitstroom: 'geldig',
  ...extra,
});

function literal(v: string | null | undefined, isDate: boolean): string {
  if (v === null || v === undefined || v === '') return 'NULL';
  const quoted = `'${v.replace(/'/g, "''")}'`;
  return isDate ? `DATE ${quoted}` : quoted;
}

/**
 * Create an in-memory database holding the given extracts (zorg only when given). `db` is the
 * instance, for a test that opens more connections on the same tables.
 */
export async function tabellen(data: Tabellen): Promise<{ conn: DuckDBConnection; db: DuckDBInstance; close: () => void }> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  for (const spec of EXTRACTS) {
    if (spec.optional && !data[spec.name]) continue;
    const cols = spec.columns.map((c) => `${c.name} ${c.type.kind === 'date' ? 'DATE' : 'VARCHAR'}`);
    await conn.run(`CREATE TABLE ${spec.name} (${cols.join(', ')})`);
    const rows = data[spec.name] ?? [];
    if (rows.length === 0) continue;
    const values = rows.map(
      (r) => `(${spec.columns.map((c) => literal(r[c.name], c.type.kind === 'date')).join(', ')})`,
    );
    await conn.run(`INSERT INTO ${spec.name} VALUES ${values.join(', ')}`);
  }
  return {
    conn,
    db,
    close: () => {
      conn.closeSync();
      db.closeSync();
    },
  };
}

const plusDagen = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** n persons released 2015-03-10 (rik), each with a first case `dag(i)` days after release (null: none). */
export function groep(prefix: string, n: number, dag: (i: number) => number | null, extra: Rij = {}): Tabellen {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  return {
    personen: ids.map((p) => persoon(p, extra)),
    detenties: ids.map((p) => detentie(p)),
    justitie: ids.flatMap((p, i) => {
      const d = dag(i);
      return d === null ? [] : [{ zaak_id: `z${p}`, persoon_id: p, pleegdatum: plusDagen('2015-03-10', d), afdoening: 'veroordeling' }];
    }),
  };
}
/** The rows of several sets of tables together, per table. */
export function samen(...delen: Tabellen[]): Tabellen {
  const out: Record<string, Rij[]> = {};
  for (const d of delen) for (const [k, v] of Object.entries(d)) out[k] = [...(out[k] ?? []), ...(v ?? [])];
  return out as Tabellen;
}
