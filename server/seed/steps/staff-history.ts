/**
 * Step 12b. The staffing register's history of the demo city (队伍管理): where each worker came from and
 * their stages, so that the staffing page reads like a city's two years of records, not a snapshot.
 *
 * - Every seeded worker: recruited, trained for a month, on duty from their first assignment's start.
 *   Full-time workers came by open recruitment or from social work, part-time ones are community cadres.
 * - Every comprehensive grid left without a full-time worker (geo/demo-city/staffing.ts): the full-time
 *   worker who held it and left (resigned, contract ended) some weeks before the reference time; for every
 *   other such grid, a recruit of that community still in training: the vacancy a street can fill once the
 *   academy's courses are passed.
 * Set-based: one INSERT per table, from arrays; the step draws from its own generator, so the workers of
 * step 12 stay exactly as they were.
 */
import type { Executor } from '../../db';
import { personName, phoneNumber } from '@/geo/demo-city/names';
import type { Rng } from '@/geo/random/prng';
import { DEMO_REFERENCE_TIME, type SeedContext } from './state';

const DAY = 86_400_000;

/** A comprehensive grid no full-time worker holds, by code, with its community's id. */
export interface VacantGrid {
  code: string;
  communityId: number;
}

interface Stage {
  worker: number;
  from: string | null;
  to: string;
  reason: string | null;
  at: string;
}

export async function seedStaffHistory(tx: Executor, ctx: SeedContext, vacant: readonly VacantGrid[], firstWorkerId: number): Promise<{ formerWorkers: number; trainees: number }> {
  const rng: Rng = ctx.root.fork('staff-history');
  const ref = DEMO_REFERENCE_TIME.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();

  // The seeded workers' sources (by id, so the same seed gives the same sources) and their three first stages.
  await tx.execute(
    `UPDATE grid_worker SET recruitment_source = CASE WHEN employment = 'part_time' THEN 'community_cadre'
                                                      WHEN id % 10 < 3 THEN 'social_worker_transfer' ELSE 'open_recruitment' END
      WHERE id >= $1`,
    [firstWorkerId],
  );
  await tx.execute(
    `INSERT INTO worker_stage_event (worker_id, kind, from_stage, to_stage, at, note)
     SELECT f.worker_id, 'stage', s.from_stage, s.to_stage, f.first_from - s.before, ''
       FROM (SELECT worker_id, min(valid_from) AS first_from FROM grid_assignment WHERE worker_id >= $1 GROUP BY worker_id) f
       CROSS JOIN (VALUES (NULL, 'recruited', interval '45 days'), ('recruited', 'in_training', interval '30 days'), ('in_training', 'on_duty', interval '0 days'))
            AS s(from_stage, to_stage, before)
      ORDER BY f.worker_id, s.before DESC`,
    [firstWorkerId],
  );

  const [{ maxId }] = (await tx.query<{ maxId: number }>('SELECT coalesce(max(id), 0)::int AS "maxId" FROM grid_worker')) as [{ maxId: number }];
  const workers: { id: number; name: string; phone: string; community: number; source: string }[] = [];
  const stages: Stage[] = [];
  const assignments: { worker: number; grid: string; from: string; to: string }[] = [];
  let formerWorkers = 0;
  let trainees = 0;
  vacant.forEach((grid, i) => {
    // The worker who held the grid and left.
    const former = maxId + workers.length + 1;
    workers.push({ id: former, name: personName(rng), phone: phoneNumber(rng), community: grid.communityId, source: rng.chance(0.7) ? 'open_recruitment' : 'social_worker_transfer' });
    const leftAt = ref - rng.int(15, 120) * DAY;
    const onDutyAt = Date.UTC(2024, 6, 1) + rng.int(0, 300) * DAY;
    const reason = rng.chance(0.6) ? 'resigned' : 'contract_ended';
    stages.push(
      { worker: former, from: null, to: 'recruited', reason: null, at: iso(onDutyAt - 45 * DAY) },
      { worker: former, from: 'recruited', to: 'in_training', reason: null, at: iso(onDutyAt - 30 * DAY) },
      { worker: former, from: 'in_training', to: 'on_duty', reason: null, at: iso(onDutyAt) },
      { worker: former, from: 'on_duty', to: 'leaving', reason, at: iso(leftAt - 30 * DAY) },
      { worker: former, from: 'leaving', to: 'left', reason, at: iso(leftAt) },
    );
    assignments.push({ worker: former, grid: grid.code, from: iso(onDutyAt), to: iso(leftAt) });
    formerWorkers++;
    if (i % 2 === 1) return;
    // A successor recruited since, still in training.
    const trainee = maxId + workers.length + 1;
    workers.push({ id: trainee, name: personName(rng), phone: phoneNumber(rng), community: grid.communityId, source: 'open_recruitment' });
    const recruitedAt = leftAt + rng.int(3, 10) * DAY;
    stages.push(
      { worker: trainee, from: null, to: 'recruited', reason: null, at: iso(Math.min(recruitedAt, ref - 2 * DAY)) },
      { worker: trainee, from: 'recruited', to: 'in_training', reason: null, at: iso(Math.min(recruitedAt + 7 * DAY, ref - DAY)) },
    );
    trainees++;
  });
  if (workers.length === 0) return { formerWorkers, trainees };
  // Neither has a position or a shift: they are not in the field.
  await tx.execute(
    `INSERT INTO grid_worker (id, name, employment, recruitment_source, phone, community_id, on_duty)
     SELECT u.id, u.name, 'full_time', u.source, u.phone, u.community, false
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[]) AS u(id, name, source, phone, community)`,
    [workers.map((w) => w.id), workers.map((w) => w.name), workers.map((w) => w.source), workers.map((w) => w.phone), workers.map((w) => w.community)],
  );
  await tx.execute(`SELECT setval(pg_get_serial_sequence('grid_worker', 'id'), GREATEST((SELECT max(id) FROM grid_worker), 1))`);
  await tx.execute(
    `INSERT INTO grid_assignment (worker_id, grid_code, valid_from, valid_to)
     SELECT * FROM unnest($1::int[], $2::text[], $3::timestamptz[], $4::timestamptz[])`,
    [assignments.map((a) => a.worker), assignments.map((a) => a.grid), assignments.map((a) => a.from), assignments.map((a) => a.to)],
  );
  await tx.execute(
    `INSERT INTO worker_stage_event (worker_id, kind, from_stage, to_stage, leaving_reason, at)
     SELECT u.worker, 'stage', u.from_stage, u.to_stage, u.reason, u.at
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) WITH ORDINALITY AS u(worker, from_stage, to_stage, reason, at, n)
      ORDER BY u.n`,
    [stages.map((s) => s.worker), stages.map((s) => s.from), stages.map((s) => s.to), stages.map((s) => s.reason), stages.map((s) => s.at)],
  );
  return { formerWorkers, trainees };
}
