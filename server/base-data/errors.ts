/**
 * The bulk address import's refusals: of the whole file (AddressImportError, a 4xx), and of one row
 * (ROW_REJECTIONS, listed in the report with the row's number; any one of them stops the import, since a
 * file is written whole or not at all).
 */
import { localized, type LocalizedText } from '@/geo/text/localized-text';
import { domainErrorClass, type ErrorSpec } from '../errors/domain-error';

export const ADDRESS_IMPORT_ERRORS = {
  IMPORT_FORMAT_UNKNOWN: {
    kind: 'invalid',
    text: localized('文件格式须为 CSV（含经纬度列）或 GeoJSON（点要素）', 'The file must be CSV (with longitude and latitude columns) or GeoJSON (point features)'),
  },
  IMPORT_CRS_UNKNOWN: { kind: 'invalid', text: localized('坐标系须为 wgs84 或 gcj02', 'The coordinate system must be wgs84 or gcj02') },
  IMPORT_MODE_UNKNOWN: { kind: 'invalid', text: localized('mode 须为 import（导入）或 check（只检查）', 'mode must be import or check') },
  IMPORT_FILE_NAME_INVALID: {
    kind: 'invalid',
    text: localized('文件名须为 1 到 200 个字符，不含路径和控制字符', 'The file name must be 1 to 200 characters, with no path and no control characters'),
  },
  // The detail gives the size and the limit.
  IMPORT_FILE_TOO_LARGE: { kind: 'too_large', text: localized('文件过大', 'The file is too large') },
  IMPORT_TOO_MANY_ROWS: { kind: 'too_large', text: localized('行数超过上限', 'The file has more rows than allowed') },
  IMPORT_EMPTY: { kind: 'invalid', text: localized('文件中没有地址行', 'The file holds no address rows') },
  IMPORT_NOT_TEXT: {
    kind: 'invalid',
    text: localized('无法识别文件编码（须为 UTF-8 或 GB18030/GBK 文本）', 'The file is not text in a known encoding (UTF-8, or GB18030/GBK)'),
  },
  // The detail says where (a line) and what.
  IMPORT_CSV_MALFORMED: { kind: 'invalid', text: localized('CSV 格式错误', 'The CSV is malformed') },
  // The detail lists the missing columns and the names each may have.
  IMPORT_COLUMNS_MISSING: { kind: 'invalid', text: localized('缺少必需的列', 'Required columns are missing') },
  IMPORT_COLUMN_REPEATED: { kind: 'invalid', text: localized('同一列出现了两次', 'A column appears twice') },
  IMPORT_GEOJSON_MALFORMED: {
    kind: 'invalid',
    text: localized('GeoJSON 文件不是完整的 JSON（是否被截断？）', 'The GeoJSON file is not valid JSON (was it cut short?)'),
  },
  IMPORT_GEOJSON_INVALID: {
    kind: 'invalid',
    text: localized('GeoJSON 须为要素集合（FeatureCollection）', 'The GeoJSON must be a FeatureCollection'),
  },
  IMPORT_BUSY: {
    kind: 'conflict',
    text: localized('另一批地址正在导入，请稍后再试', 'Another address import is running; try again shortly'),
  },
} satisfies Record<string, ErrorSpec>;

export const AddressImportError = domainErrorClass('AddressImportError', ADDRESS_IMPORT_ERRORS);

/** Why one row was not taken. */
export const ROW_REJECTIONS = {
  CODE_INVALID: localized('地址编码须为 18 位数字（社区编码 12 位 + 顺序号 6 位），或留空由系统编码', 'The address code must be 18 digits (the 12-digit community code and a 6-digit number), or empty to be given one'),
  CODE_REPEATED: localized('地址编码在文件中重复（见首次出现的行）', 'The address code appears earlier in the file (see that row)'),
  ADDRESS_INVALID: localized('地址须为 1 到 200 个字符，不含控制字符', 'The address must be 1 to 200 characters with no control characters'),
  BUILDING_TYPE_INVALID: localized('建筑类型无法识别', 'The building type is not one of the known types'),
  COUNT_INVALID: localized('户数和人数须为 0 到 100000 之间的整数', 'Households and residents must be whole numbers from 0 to 100000'),
  COORDINATES_INVALID: localized('经纬度须为数字（经度 -180 到 180，纬度 -90 到 90）', 'Longitude and latitude must be numbers (longitude -180 to 180, latitude -90 to 90)'),
  GEOMETRY_NOT_POINT: localized('要素的几何须为点（Point）', "The feature's geometry must be a Point"),
  OUTSIDE_CITY: localized('该点不在本市任何社区内（经纬度是否颠倒，坐标系是否选对？）', 'The point lies in no community of the city (longitude and latitude swapped, or the wrong coordinate system?)'),
  OUTSIDE_JURISDICTION: localized('该点所在社区不在您的辖区内', 'The point lies in a community outside your jurisdiction'),
  CODE_COMMUNITY_MISMATCH: localized('地址编码的社区与该点所在社区不符', "The address code's community is not the community the point lies in"),
  COMMUNITY_FULL: localized('该社区的地址顺序号已用完（最多 999999）', 'The community has used up its address numbers (at most 999999)'),
} as const satisfies Record<string, LocalizedText>;

export type RowRejectionCode = keyof typeof ROW_REJECTIONS;
