/**
 * One row of a standard-address file as a street's or a department's spreadsheet has it: which column
 * is which (English names or the Chinese headings those sheets use), and the row's values checked one
 * by one. Where the point lies (its community, its grid) is for the database to say (server/base-data).
 */
import en from '@/app/i18n/messages/en.json';
import zh from '@/app/i18n/messages/zh-CN.json';
import type { RowRejectionCode } from '../base-data/errors';

export const ADDRESS_FIELDS = ['code', 'address', 'building_type', 'households', 'residents', 'lon', 'lat'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];

/** The names a column may have (compared without case, spaces or underscores). */
export const FIELD_NAMES: Readonly<Record<AddressField, readonly string[]>> = {
  code: ['code', 'address_code', 'addresscode', '地址编码', '标准地址编码', '编码'],
  address: ['address', 'name', '地址', '标准地址', '地址名称'],
  building_type: ['building_type', 'buildingtype', 'type', '建筑类型', '房屋类型'],
  households: ['households', '户数'],
  residents: ['residents', 'population', '人数', '人口', '实有人口'],
  lon: ['lon', 'lng', 'long', 'longitude', 'x', '经度'],
  lat: ['lat', 'latitude', 'y', '纬度'],
};

/** Columns a CSV must have; a GeoJSON file's coordinates come from its geometry, and a code may be left to the app. */
export const REQUIRED_FIELDS: readonly AddressField[] = ['address', 'building_type', 'households', 'residents'];
export const COORDINATE_FIELDS: readonly AddressField[] = ['lon', 'lat'];

const normalName = (s: string) => s.trim().toLowerCase().replace(/[\s_\-]/g, '');
const FIELD_OF_NAME = new Map<string, AddressField>(
  ADDRESS_FIELDS.flatMap((f) => FIELD_NAMES[f].map((n) => [normalName(n), f] as [string, AddressField])),
);

/** The field a column heading names, if any. */
export const fieldOfHeading = (heading: string): AddressField | undefined => FIELD_OF_NAME.get(normalName(heading));

export const BUILDING_TYPES = Object.keys(zh.buildingType) as (keyof typeof zh.buildingType)[];
export type BuildingType = (typeof BUILDING_TYPES)[number];
/** A building type by its code or by its name in either language (高层住宅, High-rise residential). */
const BUILDING_TYPE_OF = new Map<string, BuildingType>(
  BUILDING_TYPES.flatMap((t) => [[t, t], [normalName(zh.buildingType[t]), t], [normalName(en.buildingType[t]), t]] as [string, BuildingType][]),
);

/** Households and residents of one address beyond this are a typing error, not a building. */
export const COUNT_MAX = 100_000;
export const ADDRESS_TEXT_MAX = 200;

export interface AddressRowValues {
  /** Null: the app gives the address the community's next code. */
  code: string | null;
  address: string;
  buildingType: BuildingType;
  households: number;
  residents: number;
  lon: number;
  lat: number;
}

export type RowCheck = { ok: true; row: AddressRowValues } | { ok: false; reason: RowRejectionCode; value?: string };

// C0 and C1 control characters, NUL included: never in an address people read and print.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const cell = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

function count(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= COUNT_MAX ? v : null;
  const s = cell(v);
  if (!/^\d{1,6}$/.test(s)) return null;
  const n = Number(s);
  return n <= COUNT_MAX ? n : null;
}

function coordinate(v: unknown, limit: number): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && Math.abs(v) <= limit ? v : null;
  const s = cell(v);
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

/** A value as shown in a report: at most 40 characters, control characters made visible. */
export const shownValue = (v: unknown): string => {
  // eslint-disable-next-line no-control-regex
  const s = cell(v).replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

/** Checks one row's values, given by field (absent fields as undefined). */
export function checkAddressRow(values: Partial<Record<AddressField, unknown>>): RowCheck {
  const codeText = cell(values.code);
  if (codeText !== '' && !/^\d{18}$/.test(codeText)) return { ok: false, reason: 'CODE_INVALID', value: shownValue(values.code) };
  const address = cell(values.address);
  if (address.length === 0 || [...address].length > ADDRESS_TEXT_MAX || CONTROL.test(address)) {
    return { ok: false, reason: 'ADDRESS_INVALID', value: shownValue(values.address) };
  }
  const buildingType = BUILDING_TYPE_OF.get(cell(values.building_type)) ?? BUILDING_TYPE_OF.get(normalName(cell(values.building_type)));
  if (!buildingType) return { ok: false, reason: 'BUILDING_TYPE_INVALID', value: shownValue(values.building_type) };
  const households = count(values.households);
  const residents = count(values.residents);
  if (households === null || residents === null) {
    return { ok: false, reason: 'COUNT_INVALID', value: shownValue(households === null ? values.households : values.residents) };
  }
  const lon = coordinate(values.lon, 180);
  const lat = coordinate(values.lat, 90);
  if (lon === null || lat === null) {
    return { ok: false, reason: 'COORDINATES_INVALID', value: `${shownValue(values.lon)}, ${shownValue(values.lat)}` };
  }
  return { ok: true, row: { code: codeText === '' ? null : codeText, address, buildingType, households, residents, lon, lat } };
}
