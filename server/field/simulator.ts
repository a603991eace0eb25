/**
 * The demo city's simulator, so that the command centre is alive: full-time workers walk patrol routes
 * through their grids (the grid's addresses in a tour, at walking pace), report their positions through
 * the same buffer as a phone does, and now and then raise an incident where they are. Switchable: on
 * by default for the demo (GRIDATLAS_SIMULATOR=off turns it off; the city's command centre switches it
 * at run time). Never on a real deployment's data unless someone turns it on.
 */
import { patrolRoute, pointAlong, type LonLat } from '@/geo/field/patrol-route';
import { createRng, type Rng } from '@/geo/random/prng';
import type { Db } from '../db';
import { assignmentsInForce, gridsInForce } from '../data/grids';
import { categoryCatalogue } from '../incidents/categories';
import { reportIncident } from '../incidents/intake';
import { positionBuffer } from './positions';

export interface SimulatorOptions {
  /** How many workers walk (the first by grid code). */
  workers: number;
  /** How often each reports a position, ms. */
  tickMs: number;
  /** One new incident somewhere in this many ms, on average. */
  incidentEveryMs: number;
  /** Walking pace, m/s. */
  speed: number;
  seed: number;
}

export const DEFAULT_SIMULATOR: SimulatorOptions = { workers: 400, tickMs: 10_000, incidentEveryMs: 30_000, speed: 1.2, seed: 20261201 };

export const SIMULATOR_SOURCE_NAME = '演示模拟器（巡查上报）';

interface Walker {
  workerId: number;
  route: LonLat[];
  /** Metres walked so far (starting at a random point of the route). */
  walked: number;
}

export class Simulator {
  private walkers: Walker[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly rng: Rng;
  private categories: string[] = [];
  private lastIncident = Date.now();
  reported = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
    private readonly options: SimulatorOptions = DEFAULT_SIMULATOR,
    private readonly log: (message: string) => void = () => {},
  ) {
    this.rng = createRng(options.seed);
  }

  get running(): boolean {
    return this.timer !== null;
  }

  async start(): Promise<void> {
    if (this.timer) return;
    const at = this.clock();
    const rows = await this.db.query<{ worker_id: number; route: LonLat[] | null; fallback: LonLat }>(
      `WITH w AS (
         SELECT DISTINCT ON (a.worker_id) a.worker_id, g.code, g.geom
           FROM ${assignmentsInForce('$1')} a JOIN ${gridsInForce('$1')} g ON g.code = a.grid_code
           JOIN grid_worker gw ON gw.id = a.worker_id AND gw.employment = 'full_time'
          ORDER BY a.worker_id, g.code)
       SELECT w.worker_id,
              (SELECT json_agg(json_build_array(ST_X(sa.geom), ST_Y(sa.geom)) ORDER BY sa.id) FROM standard_address sa
                WHERE sa.geom && w.geom AND ST_Intersects(w.geom, sa.geom)) AS route,
              json_build_array(ST_X(ST_PointOnSurface(w.geom)), ST_Y(ST_PointOnSurface(w.geom))) AS fallback
         FROM w ORDER BY w.code LIMIT $2::int`,
      [at, this.options.workers],
    );
    this.walkers = rows.map((r) => {
      const route = patrolRoute(r.route && r.route.length > 0 ? r.route : [r.fallback]);
      return { workerId: r.worker_id, route, walked: this.rng.float(0, 2000) };
    });
    this.categories = (await categoryCatalogue(this.db)).filter((c) => c.active).map((c) => c.code);
    await this.db.execute('UPDATE grid_worker SET on_duty = true, on_duty_since = $2 WHERE id = ANY ($1::int[]) AND NOT on_duty', [this.walkers.map((w) => w.workerId), at]);
    this.lastIncident = Date.now();
    this.timer = setInterval(() => void this.tick(), this.options.tickMs);
    this.log(`simulator: ${this.walkers.length} workers on patrol`);
    void this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    const at = this.clock();
    const step = this.options.speed * (this.options.tickMs / 1000);
    positionBuffer(this.db).add(
      this.walkers.map((w) => {
        w.walked += step * this.rng.float(0.6, 1.4);
        const [lon, lat] = pointAlong(w.route, w.walked);
        return { workerId: w.workerId, lon, lat, at, accuracyM: 8, source: 'simulator' as const };
      }),
    );
    const due = Date.now() - this.lastIncident;
    if (this.walkers.length > 0 && this.categories.length > 0 && this.rng.chance(Math.min(1, due / this.options.incidentEveryMs / 2))) {
      this.lastIncident = Date.now();
      const w = this.rng.pick(this.walkers);
      const [lon, lat] = pointAlong(w.route, w.walked);
      try {
        await reportIncident(this.db, { kind: 'system', name: SIMULATOR_SOURCE_NAME }, {
          categoryCode: this.rng.pick(this.categories),
          description: '巡查发现（演示模拟）',
          severity: this.rng.int(1, 3),
          place: { kind: 'point', lon, lat },
          source: 'patrol',
        }, at);
        this.reported++;
      } catch (e) {
        this.log(`simulator: a report failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}

const simKey = Symbol.for('gridatlas.simulator');
type GlobalWithSim = typeof globalThis & { [simKey]?: Simulator };

/** The process's simulator (made on first use, not started). */
export function simulator(db: Db, clock: () => Date, log?: (message: string) => void): Simulator {
  const g = globalThis as GlobalWithSim;
  return (g[simKey] ??= new Simulator(db, clock, DEFAULT_SIMULATOR, log));
}

/** On unless GRIDATLAS_SIMULATOR=off; only ever started for the demo city (scripts/start.ts). */
export const simulatorEnabled = (env: NodeJS.ProcessEnv = process.env) => env.GRIDATLAS_SIMULATOR?.trim().toLowerCase() !== 'off';
