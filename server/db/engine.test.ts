import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SwallowedQueryError } from './errors';
import { migrate } from './migrate';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.dispose();
});

describe(`data layer (${process.env.DATABASE_URL ? 'server' : 'embedded'} engine)`, () => {
  it('applies migrations once and is safe to re-run', async () => {
    const again = await migrate(t.db);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBeGreaterThanOrEqual(6);
    const tables = await t.db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((r) => r.name)).toEqual(
      expect.arrayContaining(['city', 'district', 'street', 'community', 'grid', 'standard_address', 'grid_worker', 'key_site', 'incident']),
    );
  });

  it('documents every table and view of the schema', async () => {
    const undocumented = await t.db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm', 'v')
         AND obj_description(c.oid, 'pg_class') IS NULL
         -- PostGIS's own tables and views belong to the extension, not to our schema.
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')`,
    );
    expect(undocumented).toEqual([]);
  });

  it('detects PostGIS capabilities', () => {
    expect(t.capabilities.postgisVersion).toMatch(/^3\./);
    // The server engine has protobuf (ST_AsMVT); the embedded build does not.
    expect(t.capabilities.asMvt).toBe(t.db.engine === 'server');
  });

  it('runs without JIT compilation, in and out of transactions (it costs more than our queries run)', async () => {
    // The server's connections turn it off; PGlite has no JIT provider at all (its setting says on).
    const probe = 'SELECT current_setting($1) AS jit, pg_jit_available() AS available';
    const [plain] = await t.db.query<{ jit: string; available: boolean }>(probe, ['jit']);
    const [inTx] = await t.db.transaction((tx) => tx.query<{ jit: string; available: boolean }>(probe, ['jit']));
    for (const r of [plain!, inTx!]) expect(r.jit === 'off' || !r.available).toBe(true);
    if (t.db.engine === 'server') expect([plain!.jit, inTx!.jit]).toEqual(['off', 'off']);
  });

  it('turns a failed overlay into a loud error instead of an empty answer', async () => {
    // A bow-tie polygon is invalid: real PostGIS raises a TopologyException, PGlite swallows it and
    // answers with no fields. Both must surface as an error.
    const overlay = t.db.query(
      `SELECT ST_Intersection('POLYGON((0 0,1 1,1 0,0 1,0 0))'::geometry, 'POLYGON((0 0,1 0,1 1,0 1,0 0))'::geometry) AS g`,
    );
    await expect(overlay).rejects.toThrow();
    if (t.db.engine === 'embedded') await expect(overlay).rejects.toBeInstanceOf(SwallowedQueryError);
    // The connection stays usable afterwards.
    const [row] = await t.db.query<{ ok: number }>('SELECT 1 AS ok');
    expect(row.ok).toBe(1);
  });

  it('still answers an empty result with its columns (not an error)', async () => {
    const rows = await t.db.query('SELECT id FROM grid WHERE false');
    expect(rows).toEqual([]);
  });

  it('rolls a failed transaction back whole', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.execute(`INSERT INTO app_setting (key, value) VALUES ('probe', '1')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await t.db.query(`SELECT 1 FROM app_setting WHERE key = 'probe'`);
    expect(rows).toHaveLength(0);
  });

  it('keeps invalid grids out by constraint', async () => {
    await t.db.execute(`INSERT INTO city (code, name, geom) VALUES ('320100', '南京市', ST_Multi(ST_MakeEnvelope(118, 31, 119, 32, 4326)))`);
    await expect(
      t.db.execute(
        `INSERT INTO district (city_id, code, name, geom)
         SELECT id, '320102', '玄武区', ST_Multi('SRID=4326;POLYGON((0 0,1 1,1 0,0 1,0 0))'::geometry) FROM city`,
      ),
    ).rejects.toThrow();
  });
});

describe(`transactions (${process.env.DATABASE_URL ? 'server' : 'embedded'} engine)`, () => {
  const probe = (key: string) => t.db.query<{ key: string }>(`SELECT key FROM app_setting WHERE key = $1`, [key]);

  it('nest as savepoints: an inner failure undoes the inner work only', async () => {
    await t.db.transaction(async (tx) => {
      await tx.execute(`INSERT INTO app_setting (key, value) VALUES ('outer', '1')`);
      await expect(
        tx.transaction(async (inner) => {
          await inner.execute(`INSERT INTO app_setting (key, value) VALUES ('inner', '1')`);
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      const kept = await tx.transaction(async (inner) => {
        await inner.execute(`INSERT INTO app_setting (key, value) VALUES ('inner2', '1')`);
        return inner.transaction(async (deeper) => deeper.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_setting WHERE key LIKE 'inner%'`));
      });
      expect(kept[0]!.n).toBe(1);
    });
    expect(await probe('outer')).toHaveLength(1);
    expect(await probe('inner')).toHaveLength(0);
    expect(await probe('inner2')).toHaveLength(1);
    await t.db.execute(`DELETE FROM app_setting WHERE key IN ('outer', 'inner2')`);
  });

  it('an outer failure undoes the savepoints released inside it too', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.transaction((inner) => inner.execute(`INSERT INTO app_setting (key, value) VALUES ('released', '1')`));
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await probe('released')).toHaveLength(0);
  });

  it('never hands a connection that could not roll back to the next caller', async (ctx) => {
    if (t.db.engine !== 'server') ctx.skip(); // one in-process session: nothing to hand out
    // The server ends the transaction's own connection; its ROLLBACK then fails.
    await expect(t.db.transaction((tx) => tx.query('SELECT pg_terminate_backend(pg_backend_pid())'))).rejects.toThrow();
    // Every later transaction gets a live connection (the pool holds at most 8: all of them are tried).
    for (let i = 0; i < 12; i++) {
      const [r] = await t.db.transaction((tx) => tx.query<{ ok: number }>('SELECT 1 AS ok'));
      expect(r!.ok).toBe(1);
    }
    const together = await Promise.all(Array.from({ length: 10 }, () => t.db.transaction((tx) => tx.query<{ ok: number }>('SELECT 1 AS ok'))));
    expect(together.every(([r]) => r!.ok === 1)).toBe(true);
  });

  it('answers the liveness probe', async () => {
    const p = await t.db.probe();
    expect(['probe', 'recent']).toContain(p.via);
  });
});
