/**
 * A computed scenario's grids as GeoJSON features, before anything is stored: the drawn shape of each
 * changed grid, today's geometry (read from `grid` by its id) for each unchanged one. For the CLI's
 * `--out` file and the benchmark's topology check of a scenario; a stored scenario's grids are read by
 * scenarioGrids (./scenarios.ts) instead.
 */
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { Executor } from '../db';
import type { ComputedScenario } from './compute';
import type { ScopeCommunity } from './scope';

export interface ScenarioFeatureProperties {
  grid_no: number;
  /** The code of the grid in force it carries on; null for a new grid. */
  code: string | null;
  community_code: string;
  kind: 'comprehensive' | 'dedicated';
  households: number;
  residents: number;
  addresses: number;
  in_range: boolean;
  unchanged: boolean;
}

export async function scenarioFeatures(
  db: Executor,
  computed: Pick<ComputedScenario, 'grids'>,
  communities: ReadonlyMap<number, Pick<ScopeCommunity, 'code'>>,
): Promise<FeatureCollection<MultiPolygon, ScenarioFeatureProperties>> {
  const todayIds = [...new Set(computed.grids.flatMap((g) => (g.geometry == null && g.source ? [g.source.id] : [])))];
  const today = new Map<number, MultiPolygon>();
  const CHUNK = 2000;
  for (let i = 0; i < todayIds.length; i += CHUNK) {
    const rows = await db.query<{ id: number; geom: string }>(`SELECT id, ST_AsGeoJSON(ST_Multi(geom)) AS geom FROM grid WHERE id = ANY ($1::bigint[])`, [
      todayIds.slice(i, i + CHUNK),
    ]);
    for (const r of rows) today.set(Number(r.id), JSON.parse(r.geom) as MultiPolygon);
  }
  const features: Feature<MultiPolygon, ScenarioFeatureProperties>[] = [];
  computed.grids.forEach((g, i) => {
    const geometry = g.geometry ?? (g.source ? today.get(g.source.id) : undefined);
    // An unchanged grid always has a source; a missing row would be a grid deleted under the run.
    if (!geometry) throw new Error(`scenario grid ${i + 1}: no geometry (source ${g.source?.id ?? 'none'})`);
    features.push({
      type: 'Feature',
      id: i + 1,
      geometry,
      properties: {
        grid_no: i + 1,
        code: g.source?.code ?? null,
        community_code: communities.get(g.communityId)?.code ?? '',
        kind: g.dedicated ? 'dedicated' : 'comprehensive',
        households: g.households,
        residents: g.residents,
        addresses: g.addressIds.length,
        in_range: g.inRange,
        unchanged: g.unchanged,
      },
    });
  });
  return { type: 'FeatureCollection', features };
}
