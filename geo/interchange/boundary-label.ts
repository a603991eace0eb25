import { propertiesByKey, type PropertyReading } from './grid-properties';

/**
 * The label of a boundary feature (a community's, a street's) for the findings: its name and code if it
 * carries them, in whatever form GIS files write them (社区编码, NAME, adcode...). Nothing is refused: a
 * boundary's attributes are the other system's business, not rules of ours.
 */
const CODE_KEYS = ['code', 'community_code', 'communitycode', 'comm_code', 'adcode', 'street_code', '社区编码', '街道编码', '编码', '代码', '行政区划代码'];
const NAME_KEYS = ['name', 'community_name', 'communityname', 'street_name', '社区名称', '街道名称', '名称'];
const MAX_PART = 60;
const CONTROL = /[\u0000-\u001F\u007F]/g;

function pick(byKey: ReturnType<typeof propertiesByKey>, keys: readonly string[]): string | null {
  for (const k of keys) {
    const v = byKey.get(k)?.value;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'string') {
      const clean = v.replace(CONTROL, ' ').trim();
      if (clean) return clean.length > MAX_PART ? `${clean.slice(0, MAX_PART)}…` : clean;
    }
  }
  return null;
}

export function readBoundaryLabel(raw: unknown): PropertyReading<{ label: string | null }> {
  const byKey = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? propertiesByKey(raw) : new Map();
  const code = pick(byKey, CODE_KEYS);
  const name = pick(byKey, NAME_KEYS);
  const label = name && code ? `${name}（${code}）` : (name ?? code);
  return { properties: { label }, errors: [], kindDefaulted: false, codeFromNumber: false };
}
