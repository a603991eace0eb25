/** Step 12. Grid workers and their assignments, with the supervision defects (geo/demo-city/staffing.ts). */
import type { Executor } from '../../db';
import { personName, phoneNumber } from '@/geo/demo-city/names';
import { staffCommunity } from '@/geo/demo-city/staffing';
import { gridsInForce } from '../../data/grids';
import { pointLonLat } from '../bulk';
import type { SeededGrids } from './grids';
import { seedStaffHistory, type VacantGrid } from './staff-history';
import { DEMO_REFERENCE_TIME, type AddressPlan, type SeedContext } from './state';

export async function seedWorkers(
  tx: Executor,
  ctx: SeedContext,
  kept: readonly AddressPlan[],
  { codeOfGrid, gridKeysByOwner, dedicatedByKey }: SeededGrids,
  communityIds: ReadonlyMap<string, number>,
): Promise<{ workers: number; gridAssignments: number }> {
  ctx.progress('grid workers', 0.8);
  const workerRng = ctx.root.fork('workers');
  const addressesInGrid = new Map<string, AddressPlan[]>();
  for (const a of kept) if (a.gridKey) (addressesInGrid.get(a.gridKey) ?? addressesInGrid.set(a.gridKey, []).get(a.gridKey)!).push(a);
  const [{ maxId }] = (await tx.query<{ maxId: number }>('SELECT coalesce(max(id), 0)::int AS "maxId" FROM grid_worker')) as [{ maxId: number }];
  const workers: { id: number; name: string; employment: string; phone: string; community: number; pos: [number, number] | null; posAt: string; gridKey: string }[] = [];
  const assignments: { worker: number; grid: string; from: string }[] = [];
  const positionIn = (gridKey: string): [number, number] | null => {
    const own = addressesInGrid.get(gridKey);
    if (own && own.length > 0) return pointLonLat(workerRng.pick(own).p);
    const d = dedicatedByKey.get(gridKey);
    return d ? pointLonLat(d.center) : null;
  };
  const hire = (employment: 'full_time' | 'part_time', owner: string, gridKeys: string[]) => {
    const id = maxId + workers.length + 1;
    const positionAt = new Date(DEMO_REFERENCE_TIME.getTime() - Math.round(workerRng.float(0, 8 * 60)) * 60_000);
    workers.push({
      id,
      name: personName(workerRng),
      employment,
      phone: phoneNumber(workerRng),
      community: communityIds.get(owner)!,
      pos: positionIn(gridKeys[0]!),
      posAt: positionAt.toISOString(),
      gridKey: gridKeys[0]!,
    });
    const from = new Date(Date.UTC(2024, 6, 1) + workerRng.int(0, 700) * 86_400_000).toISOString();
    for (const g of gridKeys) assignments.push({ worker: id, grid: codeOfGrid.get(g)!, from });
  };
  // Comprehensive grids no full-time worker holds: their history is step 12b's (staff-history.ts).
  const vacant: VacantGrid[] = [];
  for (const [owner, keys] of gridKeysByOwner) {
    const comprehensive = keys.filter((k) => !dedicatedByKey.has(k));
    const dedicated = keys.filter((k) => dedicatedByKey.has(k));
    const plans = staffCommunity(workerRng, comprehensive, dedicated);
    for (const plan of plans) hire(plan.employment, owner, plan.gridKeys);
    const heldFullTime = new Set(plans.filter((p) => p.employment === 'full_time').flatMap((p) => p.gridKeys));
    for (const k of comprehensive) if (!heldFullTime.has(k)) vacant.push({ code: codeOfGrid.get(k)!, communityId: communityIds.get(owner)! });
  }
  await tx.execute(
    `INSERT INTO grid_worker (id, name, employment, phone, community_id, position, position_at)
     SELECT u.id, u.name, u.employment, u.phone, u.community,
            CASE WHEN u.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326) END, u.at
     FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::float8[], $7::float8[], $8::timestamptz[])
          AS u(id, name, employment, phone, community, lon, lat, at)`,
    [
      workers.map((w) => w.id),
      workers.map((w) => w.name),
      workers.map((w) => w.employment),
      workers.map((w) => w.phone),
      workers.map((w) => w.community),
      workers.map((w) => w.pos?.[0] ?? null),
      workers.map((w) => w.pos?.[1] ?? null),
      workers.map((w) => w.posAt),
    ],
  );
  // A grid with no address and no unit centre: put its worker on a point of the grid itself. The grid
  // as it stands at the reference time, not the clock's: the seed never reads the clock.
  await tx.execute(
    `UPDATE grid_worker w SET position = ST_PointOnSurface(g.geom)
     FROM unnest($1::int[], $2::text[]) AS u(id, code) JOIN ${gridsInForce('$3')} g ON g.code = u.code
     WHERE w.id = u.id AND w.position IS NULL`,
    [workers.map((w) => w.id), workers.map((w) => codeOfGrid.get(w.gridKey)!), DEMO_REFERENCE_TIME.toISOString()],
  );
  await tx.execute(`SELECT setval(pg_get_serial_sequence('grid_worker', 'id'), GREATEST((SELECT max(id) FROM grid_worker), 1))`);
  await tx.execute(
    `INSERT INTO grid_assignment (worker_id, grid_code, valid_from)
     SELECT * FROM unnest($1::int[], $2::text[], $3::timestamptz[])`,
    [assignments.map((a) => a.worker), assignments.map((a) => a.grid), assignments.map((a) => a.from)],
  );
  await seedStaffHistory(tx, ctx, vacant, maxId + 1);
  return { workers: workers.length, gridAssignments: assignments.length };
}
