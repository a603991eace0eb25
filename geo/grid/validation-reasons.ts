import { localized, type LocalizedText } from '../text/localized-text';

/**
 * Why a geometry sent by a client was refused, in one place (terra-draw keeps its reasons the same way).
 * The editor shows these instantly; the server runs the same checks again and is the authority.
 */
export const GEOMETRY_INPUT_REASONS = {
  notAnObject: 'GEOMETRY_NOT_AN_OBJECT',
  wrongType: 'GEOMETRY_WRONG_TYPE',
  badStructure: 'GEOMETRY_BAD_STRUCTURE',
  notFinite: 'GEOMETRY_NOT_FINITE',
  outsideChina: 'GEOMETRY_OUTSIDE_CHINA',
  ringNotClosed: 'GEOMETRY_RING_NOT_CLOSED',
  ringTooShort: 'GEOMETRY_RING_TOO_SHORT',
  lineTooShort: 'GEOMETRY_LINE_TOO_SHORT',
  tooManyVertices: 'GEOMETRY_TOO_MANY_VERTICES',
  empty: 'GEOMETRY_EMPTY',
} as const;
export type GeometryInputReason = (typeof GEOMETRY_INPUT_REASONS)[keyof typeof GEOMETRY_INPUT_REASONS];

/** Messages for each reason, zh-CN first. */
export const GEOMETRY_INPUT_MESSAGES: Readonly<Record<GeometryInputReason, LocalizedText>> = {
  GEOMETRY_NOT_AN_OBJECT: localized('几何图形缺失或格式错误', 'The geometry is missing or not an object'),
  GEOMETRY_WRONG_TYPE: localized('几何类型不正确', 'The geometry has the wrong type'),
  GEOMETRY_BAD_STRUCTURE: localized('坐标结构不正确', 'The coordinates are not nested as GeoJSON requires'),
  GEOMETRY_NOT_FINITE: localized('坐标必须是有限数值', 'Coordinates must be finite numbers'),
  GEOMETRY_OUTSIDE_CHINA: localized('坐标超出中国范围（请检查经纬度顺序）', 'Coordinates lie outside China (check the longitude/latitude order)'),
  GEOMETRY_RING_NOT_CLOSED: localized('多边形的环未闭合', 'A polygon ring is not closed'),
  GEOMETRY_RING_TOO_SHORT: localized('多边形的环至少需要 4 个坐标点', 'A polygon ring needs at least 4 positions'),
  GEOMETRY_LINE_TOO_SHORT: localized('线至少需要 2 个坐标点', 'A line needs at least 2 positions'),
  GEOMETRY_TOO_MANY_VERTICES: localized('顶点数量超过上限', 'Too many vertices'),
  GEOMETRY_EMPTY: localized('几何图形为空', 'The geometry is empty'),
};
