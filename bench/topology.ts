/**
 * Topology engine figures (issue 3, section 5), for `npm run bench` on both engines:
 *   1. validate all grids in force of the whole city (validateGridsInForce 'city');
 *   2. validate one street's draft after an edit (validateGridSet of the street's grids, one vertex
 *      moved, neighbours in force), over the busiest streets: p50/p95;
 *   3. the naive approach in the same run: ST_Intersection of every intersecting pair of grids plus one
 *      whole ST_Union gap check, as a ratio to (1).
 *
 * Wiring (bench/run.ts, the lead's): after a city is loaded on an engine,
 *   const figures = await benchTopology(db, { rounds }); report.topology[db.engine] = figures;
 * Standalone: `npx tsx bench/topology.ts` on DATABASE_URL (or the embedded GRIDATLAS_DATA_DIR), which
 * must already hold the demo city (`npm run db:seed`).
 */
import type { MultiPolygon } from 'geojson';
import { performance } from 'node:perf_hooks';
import type { GridCandidate } from '../geo/topology/grid-candidate';
import type { Db } from '../server/db/engine';
import { validateGridSet, validateGridsInForce } from '../server/topology/pipeline';
import { quantile, round1 } from './stats';

export const TOPOLOGY_TARGETS = { cityMsServer: 1000, cityMsEmbedded: 3000, streetP95MsServer: 100 } as const;

export interface TopologyFigures {
  engine: 'embedded' | 'server';
  grids: number;
  addresses: number;
  city: { rounds: number; bestMs: number; medianMs: number; blocking: number; warnings: number; timingsMs: Record<string, number> };
  streetEdit: { streets: number; samples: number; p50Ms: number; p95Ms: number; maxMs: number };
  naive: { ms: number | null; pairs: number | null; error: string | null; ratioToEngine: number | null };
  targets: { cityMs: number; cityMet: boolean; streetP95Ms: number | null; streetMet: boolean | null };
}


/** Moves the first vertex of the first ring a hair (~5 cm east), closing vertex included: a typical edit. */
function nudge(g: GridCandidate): GridCandidate {
  const mp = g.geometry as MultiPolygon;
  const ring = mp.coordinates[0]![0]!.map((p) => [...p]);
  ring[0]![0]! += 5e-7;
  ring[ring.length - 1] = [...ring[0]!];
  return { ...g, geometry: { type: 'MultiPolygon', coordinates: [[ring, ...mp.coordinates[0]!.slice(1)], ...mp.coordinates.slice(1)] } };
}

async function streetSets(db: Db, streets: number) {
  const ids = await db.query<{ id: number }>(
    `SELECT c.street_id AS id FROM community c JOIN grids_in_force(now()) g ON g.community_id = c.id
     GROUP BY c.street_id ORDER BY count(*) DESC, c.street_id LIMIT $1`,
    [streets],
  );
  const sets: { grids: GridCandidate[]; communities: string[] }[] = [];
  for (const { id } of ids) {
    const rows = await db.query<{ code: string; name: string; kind: 'comprehensive' | 'dedicated'; community: string; gj: string }>(
      `SELECT g.code, g.name, g.kind, c.code AS community, ST_AsGeoJSON(g.geom) AS gj
       FROM grids_in_force(now()) g JOIN community c ON c.id = g.community_id WHERE c.street_id = $1 ORDER BY g.code`,
      [id],
    );
    const communities = await db.query<{ code: string }>(`SELECT code FROM community WHERE street_id = $1 ORDER BY code`, [id]);
    sets.push({
      grids: rows.map((r) => ({ key: r.code, code: r.code, name: r.name, kind: r.kind, dedicatedType: null, communityCode: r.community, geometry: JSON.parse(r.gj) as MultiPolygon })),
      communities: communities.map((c) => c.code),
    });
  }
  return sets;
}

/** The approach to beat: every intersecting pair intersected, then one union of everything for gaps. */
async function naive(db: Db): Promise<{ ms: number; pairs: number }> {
  const t0 = performance.now();
  return db.transaction(async (tx) => {
    await tx.execute(`SET LOCAL jit = off`);
    const [p] = await tx.query<{ pairs: number }>(
      `SELECT count(*)::int AS pairs FROM (
         SELECT ST_Area(ST_Intersection(a.geom, b.geom, 1e-7)::geography) AS area
         FROM grids_in_force(now()) a JOIN grids_in_force(now()) b ON a.id < b.id AND ST_Intersects(a.geom, b.geom)) x WHERE area > 0.5`,
    );
    await tx.query(
      `SELECT ST_Area(ST_Difference((SELECT ST_Union(geom, 1e-7) FROM community), (SELECT ST_Union(geom, 1e-7) FROM grids_in_force(now())), 1e-7)::geography) AS gap`,
    );
    return { ms: performance.now() - t0, pairs: p!.pairs };
  });
}

export async function benchTopology(db: Db, opts: { rounds?: number; streets?: number; editRounds?: number; skipNaive?: boolean; log?: (line: string) => void } = {}): Promise<TopologyFigures> {
  const rounds = opts.rounds ?? 3;
  const log = opts.log ?? (() => undefined);
  const [size] = await db.query<{ grids: number; addresses: number }>(
    `SELECT (SELECT count(*) FROM grids_in_force(now()))::int AS grids, (SELECT count(*) FROM standard_address)::int AS addresses`,
  );
  // Warm-up (caches, plans), not counted.
  await validateGridsInForce(db, { scope: 'city' });
  const cityMs: number[] = [];
  let last = null as Awaited<ReturnType<typeof validateGridsInForce>> | null;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    last = await validateGridsInForce(db, { scope: 'city' });
    cityMs.push(performance.now() - t0);
    log(`topology city round ${i + 1}: ${Math.round(cityMs[i]!)} ms`);
  }
  const sets = await streetSets(db, opts.streets ?? 20);
  const editMs: number[] = [];
  for (let r = 0; r < (opts.editRounds ?? 3); r++) {
    for (const s of sets) {
      const grids = s.grids.map((g, i) => (i === r % s.grids.length ? nudge(g) : g));
      const t0 = performance.now();
      await validateGridSet(db, { grids, parent: { kind: 'communities', communityCodes: s.communities }, neighbours: 'in-force' });
      editMs.push(performance.now() - t0);
    }
  }
  log(`topology street edit: ${editMs.length} samples, p95 ${Math.round(quantile(editMs, 0.95))} ms`);
  let naiveFig: TopologyFigures['naive'] = { ms: null, pairs: null, error: 'skipped', ratioToEngine: null };
  if (!opts.skipNaive) {
    try {
      const n = await naive(db);
      naiveFig = { ms: round1(n.ms), pairs: n.pairs, error: null, ratioToEngine: round1(n.ms / quantile(cityMs, 0.5)) };
    } catch (err) {
      naiveFig = { ms: null, pairs: null, error: (err as Error).message.slice(0, 200), ratioToEngine: null };
    }
    log(`topology naive: ${naiveFig.ms ?? naiveFig.error} ms`);
  }
  const cityTarget = db.engine === 'server' ? TOPOLOGY_TARGETS.cityMsServer : TOPOLOGY_TARGETS.cityMsEmbedded;
  const median = quantile(cityMs, 0.5);
  const p95 = quantile(editMs, 0.95);
  return {
    engine: db.engine,
    grids: size!.grids,
    addresses: size!.addresses,
    city: { rounds, bestMs: round1(Math.min(...cityMs)), medianMs: round1(median), blocking: last!.blocking, warnings: last!.warnings, timingsMs: last!.timingsMs },
    streetEdit: { streets: sets.length, samples: editMs.length, p50Ms: round1(quantile(editMs, 0.5)), p95Ms: round1(p95), maxMs: round1(Math.max(...editMs)) },
    naive: naiveFig,
    targets: {
      cityMs: cityTarget,
      cityMet: median < cityTarget,
      streetP95Ms: db.engine === 'server' ? TOPOLOGY_TARGETS.streetP95MsServer : null,
      streetMet: db.engine === 'server' ? p95 < TOPOLOGY_TARGETS.streetP95MsServer : null,
    },
  };
}

// Standalone run: `npx tsx bench/topology.ts [--rounds=N]`.
if (process.argv[1] && /bench[\\/]topology\.ts$/.test(process.argv[1])) {
  void (async () => {
    const { readConfig } = await import('../server/config');
    const { openDatabase } = await import('../server/db/engine');
    const db = await openDatabase(readConfig());
    try {
      const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 3);
      const figures = await benchTopology(db, { rounds, log: (l) => process.stderr.write(`${l}\n`) });
      process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    } finally {
      await db.close();
    }
  })().catch((err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  });
}
