/**
 * GEOS's fixed vocabulary of invalid geometry (IsValidOp's TopologyValidationError), as ST_IsValidReason
 * prints it before the location in brackets ("Self-intersection[118.7 32.005]"), with its Chinese and the
 * finding it is. A lookup of known phrases, never a pattern over free text; an unknown phrase keeps its
 * English and counts as GRID_INVALID. Also the engine's own words for empty input.
 */
import { localized, type LocalizedText } from '../text/localized-text';

export type InvalidityFinding = 'GRID_SELF_INTERSECTION' | 'GRID_EMPTY_PART' | 'GRID_INVALID';

const PHRASES: Readonly<Record<string, { zh: string; finding: InvalidityFinding }>> = {
  'Self-intersection': { zh: '自相交', finding: 'GRID_SELF_INTERSECTION' },
  'Ring Self-intersection': { zh: '环自相交', finding: 'GRID_SELF_INTERSECTION' },
  'Too few points in geometry component': { zh: '几何部分的点数过少', finding: 'GRID_EMPTY_PART' },
  'Too few distinct points in geometry component': { zh: '几何部分的不同点数过少', finding: 'GRID_EMPTY_PART' },
  'Empty geometry': { zh: '几何为空', finding: 'GRID_EMPTY_PART' },
  'Empty part': { zh: '含空的部分', finding: 'GRID_EMPTY_PART' },
  'Not a polygon': { zh: '不是面', finding: 'GRID_INVALID' },
  'Hole lies outside shell': { zh: '洞位于外环之外', finding: 'GRID_INVALID' },
  'Holes are nested': { zh: '洞相互嵌套', finding: 'GRID_INVALID' },
  'Interior is disconnected': { zh: '内部不连通', finding: 'GRID_INVALID' },
  'Nested shells': { zh: '外环相互嵌套', finding: 'GRID_INVALID' },
  'Duplicate Rings': { zh: '环重复', finding: 'GRID_INVALID' },
  'Invalid Coordinate': { zh: '坐标无效', finding: 'GRID_INVALID' },
  'Ring is not closed': { zh: '环未闭合', finding: 'GRID_INVALID' },
};

function split(reason: string): { phrase: string; where: string } {
  const at = reason.indexOf('[');
  return at < 0 ? { phrase: reason.trim(), where: '' } : { phrase: reason.slice(0, at).trim(), where: reason.slice(at) };
}

/** The finding an ST_IsValidReason text is. */
export function invalidityFinding(reason: string): InvalidityFinding {
  return PHRASES[split(reason).phrase]?.finding ?? 'GRID_INVALID';
}

/** An ST_IsValidReason text in both languages (the location stays as GEOS gives it). */
export function geosReasonText(reason: string): LocalizedText {
  const { phrase, where } = split(reason);
  const zh = PHRASES[phrase]?.zh;
  return localized(zh ? `${zh}${where}` : reason, reason);
}
