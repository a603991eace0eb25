import { checkCode } from '../codes/territory-codes';
import type { DedicatedType, GridKind } from '../topology/grid-candidate';
import { INPUT_ERRORS, type InputError, issue, located, msg } from './input-errors';

/**
 * Reads a feature's properties into grid fields. Keys are matched case-insensitively and in the Chinese
 * that municipal GIS files use (网格编码, 网格名称 ...); shapefile field names (max 10 characters) as our
 * own writer emits them are included. Only own keys are read, so `__proto__` or `constructor` in a file
 * can never be mistaken for a field.
 */
export const PROPERTY_ALIASES = {
  code: ['code', 'grid_code', 'gridcode', '网格编码', '网格代码', '编码'],
  name: ['name', 'grid_name', 'gridname', '网格名称', '名称'],
  kind: ['kind', 'grid_kind', 'gridkind', '网格类型', '类型'],
  dedicatedType: ['dedicated_type', 'dedicatedtype', 'ded_type', '专属类型', '专属网格类型'],
  communityCode: ['community_code', 'communitycode', 'comm_code', '社区编码', '所属社区编码', '社区代码'],
} as const;

const KIND_VALUES: Record<string, GridKind> = {
  comprehensive: 'comprehensive',
  综合: 'comprehensive',
  综合网格: 'comprehensive',
  dedicated: 'dedicated',
  专属: 'dedicated',
  专属网格: 'dedicated',
};

const DEDICATED_TYPE_VALUES: Record<string, DedicatedType> = {
  park: 'park', 园区: 'park',
  school: 'school', 学校: 'school',
  hospital: 'hospital', 医院: 'hospital',
  enterprise: 'enterprise', 企业: 'enterprise',
  market: 'market', 市场: 'market',
  government: 'government', 党政机关: 'government', 机关: 'government',
};

export interface GridProperties {
  code: string | null;
  name: string | null;
  kind: GridKind;
  dedicatedType: DedicatedType | null;
  communityCode: string | null;
}

export interface PropertyReading<P = GridProperties> {
  properties: P | null;
  errors: InputError[];
  /** True when no kind was given and 'comprehensive' was assumed (reported once per file by the caller). */
  kindDefaulted: boolean;
  /** True when a code came as a JSON number (spreadsheets do this) and was turned into text. */
  codeFromNumber: boolean;
}

type Raw = { present: false } | { present: true; key: string; value: unknown };

function lookup(byKey: Map<string, { key: string; value: unknown }>, aliases: readonly string[]): Raw {
  for (const alias of aliases) {
    const hit = byKey.get(alias);
    if (hit) return { present: true, ...hit };
  }
  return { present: false };
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Shows a bad value in a message without letting an enormous string flood it. */
function preview(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? Object.prototype.toString.call(value) : String(value);
  } catch {
    text = typeof value;
  }
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * A feature's attributes by their trimmed, lower-cased names (the first spelling wins), each with the key
 * as the file wrote it. Own keys only: `__proto__` in a file is just another key.
 */
export function propertiesByKey(source: object): Map<string, { key: string; value: unknown }> {
  const byKey = new Map<string, { key: string; value: unknown }>();
  for (const key of Object.keys(source)) {
    const norm = key.trim().toLowerCase();
    if (!byKey.has(norm)) byKey.set(norm, { key, value: (source as Record<string, unknown>)[key] });
  }
  return byKey;
}

export function readGridProperties(
  raw: unknown,
  featureIndex: number | null,
  basePath: string,
  maxLength: number,
): PropertyReading {
  const errors: InputError[] = [];
  const out: PropertyReading = { properties: null, errors, kindDefaulted: false, codeFromNumber: false };
  const path = (key: string) => `${basePath}.${key}`;
  const fail = (code: (typeof INPUT_ERRORS)[keyof typeof INPUT_ERRORS], p: string, zh: string, en: string) =>
    errors.push(issue(code, featureIndex, p, located(featureIndex, msg(zh, en))));

  const source: unknown = raw === null || raw === undefined ? {} : raw;
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    fail(INPUT_ERRORS.propertiesMalformed, basePath, '属性（properties）必须是对象或 null', 'properties must be an object or null');
    return out;
  }
  const byKey = propertiesByKey(source);

  const text = (field: Raw, label: { zh: string; en: string }, code: (typeof INPUT_ERRORS)[keyof typeof INPUT_ERRORS]): string | null => {
    if (!field.present || isBlank(field.value)) return null;
    const { value, key } = field;
    if (typeof value !== 'string') {
      fail(code, path(key), `${label.zh}必须是文字，实际为 ${preview(value)}`, `${label.en} must be text, got ${preview(value)}`);
      return null;
    }
    const trimmed = value.trim();
    if (trimmed.length > maxLength) {
      fail(code, path(key), `${label.zh}过长（${trimmed.length} 个字符，上限 ${maxLength}）`,
        `${label.en} is too long (${trimmed.length} characters, limit ${maxLength})`);
      return null;
    }
    return trimmed;
  };

  // Codes: 15 digits fit exactly in a double, so a numeric code from a spreadsheet export is safe to convert.
  const codeText = (field: Raw, level: 'grid' | 'community', label: { zh: string; en: string }, code: (typeof INPUT_ERRORS)[keyof typeof INPUT_ERRORS]): string | null => {
    if (field.present && typeof field.value === 'number' && Number.isSafeInteger(field.value) && field.value > 0) {
      out.codeFromNumber = true;
      field = { ...field, value: String(field.value) };
    }
    const value = text(field, label, code);
    if (value === null) return null;
    const check = checkCode(level, value);
    if (!check.valid) {
      const digits = level === 'grid' ? 15 : 12;
      fail(code, path(field.present ? field.key : ''), `${label.zh} ${preview(value)} 不是有效的 ${digits} 位编码（${check.reason}）`,
        `${label.en} ${preview(value)} is not a valid ${digits}-digit code (${check.reason})`);
      return null;
    }
    return value;
  };

  const codeField = lookup(byKey, PROPERTY_ALIASES.code);
  const communityField = lookup(byKey, PROPERTY_ALIASES.communityCode);
  const code = codeText(codeField, 'grid', { zh: '网格编码', en: 'grid code' }, INPUT_ERRORS.gridCodeInvalid);
  let communityCode = codeText(communityField, 'community', { zh: '社区编码', en: 'community code' }, INPUT_ERRORS.communityCodeInvalid);
  if (code !== null) {
    if (communityCode === null && !(communityField.present && !isBlank(communityField.value))) communityCode = code.slice(0, 12);
    else if (communityCode !== null && code.slice(0, 12) !== communityCode) {
      fail(INPUT_ERRORS.codeCommunityMismatch, path(codeField.present ? codeField.key : ''),
        `网格编码 ${code} 不属于社区 ${communityCode}（前 12 位应与社区编码一致）`,
        `grid code ${code} does not belong to community ${communityCode} (its first 12 digits must be the community code)`);
    }
  }

  const name = text(lookup(byKey, PROPERTY_ALIASES.name), { zh: '网格名称', en: 'grid name' }, INPUT_ERRORS.nameInvalid);

  const enumValue = <T,>(field: Raw, table: Record<string, T>, code: (typeof INPUT_ERRORS)[keyof typeof INPUT_ERRORS], label: { zh: string; en: string }, allowed: string): T | null => {
    const value = text(field, label, code);
    if (value === null) return null;
    const hit = Object.prototype.hasOwnProperty.call(table, value.toLowerCase()) ? table[value.toLowerCase()] : undefined;
    if (hit === undefined) {
      fail(code, path(field.present ? field.key : ''), `${label.zh} ${preview(value)} 无法识别，可用值：${allowed}`,
        `${label.en} ${preview(value)} is not recognised; use one of: ${allowed}`);
      return null;
    }
    return hit;
  };
  const kindField = lookup(byKey, PROPERTY_ALIASES.kind);
  const typeField = lookup(byKey, PROPERTY_ALIASES.dedicatedType);
  let kind = enumValue(kindField, KIND_VALUES, INPUT_ERRORS.kindInvalid, { zh: '网格类型', en: 'grid kind' },
    'comprehensive/综合网格, dedicated/专属网格');
  const dedicatedType = enumValue(typeField, DEDICATED_TYPE_VALUES, INPUT_ERRORS.dedicatedTypeInvalid,
    { zh: '专属网格类型', en: 'dedicated type' }, 'park/园区, school/学校, hospital/医院, enterprise/企业, market/市场, government/党政机关');
  const kindGiven = kindField.present && !isBlank(kindField.value);
  const typeGiven = typeField.present && !isBlank(typeField.value);
  if (!kindGiven) {
    if (typeGiven) kind = 'dedicated';
    else {
      kind = 'comprehensive';
      out.kindDefaulted = true;
    }
  }
  if (kind === 'dedicated' && !typeGiven) {
    fail(INPUT_ERRORS.dedicatedTypeMissing, basePath, '专属网格必须注明专属类型（园区、学校、医院、企业、市场、党政机关）',
      'a dedicated grid needs its dedicated type (park, school, hospital, enterprise, market, government)');
  }
  if (kind === 'comprehensive' && typeGiven) {
    fail(INPUT_ERRORS.dedicatedTypeOnComprehensive, path(typeField.present ? typeField.key : ''),
      '综合网格不能带专属类型；如为专属网格，请把网格类型写为“专属网格”',
      'a comprehensive grid cannot have a dedicated type; set the kind to "dedicated" if that is what it is');
  }
  if (errors.length > 0 || kind === null) return out;
  out.properties = { code, name, kind, dedicatedType: kind === 'dedicated' ? dedicatedType : null, communityCode };
  return out;
}

