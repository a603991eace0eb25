/**
 * The failures of the OGC API – Features endpoint, each with its kind (and so its HTTP status) and both
 * languages. They are answered as OGC API exceptions ({ code, description }, or an HTML page).
 */
import { localized } from '@/geo/text/localized-text';
import { domainErrorClass, type ErrorSpec } from '../errors/domain-error';

export const OGC_ERRORS = {
  OGC_NOT_FOUND: {
    kind: 'not_found',
    text: localized(
      '资源不存在（有 /ogc、/ogc/conformance、/ogc/api、/ogc/collections、/ogc/collections/{collectionId}、…/items、…/items/{featureId}）',
      'No such resource (there are /ogc, /ogc/conformance, /ogc/api, /ogc/collections, /ogc/collections/{collectionId}, …/items and …/items/{featureId})',
    ),
  },
  COLLECTION_NOT_FOUND: { kind: 'not_found', text: localized('数据集不存在', 'No such collection') },
  FEATURE_NOT_FOUND: { kind: 'not_found', text: localized('要素不存在', 'No such feature') },
  // The detail names the parameter.
  PARAMETER_UNKNOWN: { kind: 'invalid', text: localized('不支持的查询参数', 'Unknown query parameter') },
  PARAMETER_REPEATED: { kind: 'invalid', text: localized('查询参数只能给出一次', 'A query parameter may be given only once') },
  LIMIT_INVALID: { kind: 'invalid', text: localized('limit 须为 1 到 10000 之间的整数', 'limit must be a whole number from 1 to 10000') },
  OFFSET_INVALID: { kind: 'invalid', text: localized('offset 须为 0 到 1000000 之间的整数', 'offset must be a whole number from 0 to 1000000') },
  BBOX_INVALID: {
    kind: 'invalid',
    text: localized(
      'bbox 须为四个数：最小经度,最小纬度,最大经度,最大纬度（WGS 84，经度 -180 到 180，纬度 -90 到 90）',
      'bbox must be four numbers: min longitude,min latitude,max longitude,max latitude (WGS 84, longitudes -180 to 180, latitudes -90 to 90)',
    ),
  },
  BBOX_CRS_UNSUPPORTED: {
    kind: 'invalid',
    text: localized('bbox-crs 只支持 http://www.opengis.net/def/crs/OGC/1.3/CRS84', 'bbox-crs supports only http://www.opengis.net/def/crs/OGC/1.3/CRS84'),
  },
  DATETIME_INVALID: {
    kind: 'invalid',
    text: localized(
      'datetime 须为 RFC 3339 时间（如 2026-12-01T00:00:00+08:00）或时间区间（起/止，开放一端用 ..）',
      'datetime must be an RFC 3339 time (e.g. 2026-12-01T00:00:00+08:00) or an interval (start/end, .. for an open end)',
    ),
  },
  DATETIME_INSTANT_ONLY: {
    kind: 'invalid',
    text: localized('此数据集的 datetime 只能是一个时刻（该时刻有效的网格），不能是区间', 'This collection takes one moment as datetime (the grids in force then), not an interval'),
  },
  CRS_UNSUPPORTED: { kind: 'invalid', text: localized('crs 取值应为 wgs84 或 gcj02', 'crs must be wgs84 or gcj02') },
  EXPORT_FORMAT_UNKNOWN: {
    kind: 'not_found',
    text: localized('导出格式应为 export.geojson、export.zip（Shapefile）、export.kml、export.csv 或 export.gpkg（GeoPackage）', 'The export is export.geojson, export.zip (Shapefile), export.kml, export.csv or export.gpkg (GeoPackage)'),
  },
  EXPORT_MIXED_GEOMETRY: {
    kind: 'invalid',
    text: localized('Shapefile 只能容纳一种几何类型：此数据集兼有点与面，请导出 GeoJSON、KML、CSV 或 GeoPackage', 'A Shapefile holds one kind of geometry and this collection has points and polygons: export GeoJSON, KML, CSV or GeoPackage'),
  },
  EXPORT_TOO_LARGE: { kind: 'too_large', text: localized('导出的要素过多，请以 bbox 或筛选条件缩小范围', 'Too many features for one export: narrow it with bbox or a filter') },
  FORMAT_UNKNOWN: { kind: 'invalid', text: localized('f 取值应为 json 或 html', 'f must be json or html') },
  KEY_INVALID: {
    kind: 'forbidden',
    text: localized('X-GridAtlas-Key 所给的部门密钥无效或已吊销', 'The department key in X-GridAtlas-Key is invalid or revoked'),
  },
  KEY_NOT_FOUND: { kind: 'not_found', text: localized('部门密钥不存在', 'Department key not found') },
  KEYS_CITY_ONLY: { kind: 'forbidden', text: localized('部门数据密钥须由市级管理员签发和吊销', "Departments' data keys are issued and revoked by a city administrator") },
  // The detail names the collection or the field.
  KEY_COLLECTION_UNKNOWN: { kind: 'invalid', text: localized('密钥所列的数据集不存在', 'The key names a collection that does not exist') },
  KEY_FIELD_UNKNOWN: {
    kind: 'invalid',
    text: localized('密钥所列的字段不是所选数据集的受限字段', 'The key names a field that is not a restricted field of a chosen collection'),
  },
  DEPARTMENT_UNKNOWN: { kind: 'invalid', text: localized('部门不存在', 'No such department') },
  FILTER_VALUE_INVALID: { kind: 'invalid', text: localized('筛选值过长或含有不允许的字符', 'A filter value is too long or holds a character that is not allowed') },
} as const satisfies Record<string, ErrorSpec>;
export type OgcErrorCode = keyof typeof OGC_ERRORS;

export const OgcError = domainErrorClass<OgcErrorCode>('OgcError', OGC_ERRORS);
export type OgcError = InstanceType<typeof OgcError>;
