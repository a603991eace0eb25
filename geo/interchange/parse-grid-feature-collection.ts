import type { MultiPolygon, Polygon, Position } from 'geojson';
import { inChinaLat, inChinaLon } from '../extent/china-extent';
import type { GridCandidate } from '../topology/grid-candidate';
import { convertGeometry, type Crs } from './gcj02';
import { readBoundaryLabel } from './boundary-label';
import { readGridProperties, type PropertyReading } from './grid-properties';
import {
  type GridImportResult,
  INPUT_ERRORS,
  INPUT_WARNINGS,
  type InputError,
  type InputErrorCode,
  type InputWarning,
  issue,
  located,
  msg,
} from './input-errors';
import { type InputLimits, resolveLimits } from './input-limits';

/**
 * Sanitises an untrusted GeoJSON document of grids (a FeatureCollection, one Feature, or a bare
 * Polygon/MultiPolygon; as text or already parsed) into GridCandidates for the topology engine.
 *
 * It checks that the input is well formed: numbers finite, positions 2D/3D within lon/lat range and in
 * lon,lat order, rings closed with at least 4 positions, within the size limits, properties readable.
 * It repairs nothing: an unclosed ring is reported, not closed; swapped axes are reported, not swapped.
 * Well-formed but invalid polygons (a bow-tie, a hole outside its shell) pass: the topology engine
 * (PostGIS) reports those. Never throws: every outcome is data.
 */
export interface ParseOptions {
  /** The coordinates are GCJ-02 (Gaode/Tencent): converted to WGS84 here. Default 'wgs84'. */
  crs?: Crs;
}

export type GridFileResult = GridImportResult<GridCandidate>;

/**
 * A boundary (a community's, a street's) as a parent of grids to check: any attributes are accepted,
 * and a code or name among them, if present, labels the findings.
 */
export interface BoundaryFeature {
  key: string;
  label: string | null;
  geometry: Polygon | MultiPolygon;
}
export type BoundaryFileResult = GridImportResult<BoundaryFeature>;

/** How the properties of one feature are read: as a grid's (checked) or as a boundary's label (anything goes). */
type PropertyReader<P> = (raw: unknown, featureIndex: number, path: string, maxLength: number) => PropertyReading<P>;


/** CRS names that mean plain lon/lat WGS84 in GeoJSON files seen in the wild (RFC 7946 drops `crs`). */
const WGS84_CRS_NAMES = new Set([
  'urn:ogc:def:crs:ogc:1.3:crs84',
  'urn:ogc:def:crs:ogc::crs84',
  'crs84',
  'epsg:4326',
  'urn:ogc:def:crs:epsg::4326',
  'urn:ogc:def:crs:epsg:6.6:4326',
  'http://www.opengis.net/def/crs/epsg/0/4326',
  'http://www.opengis.net/def/crs/ogc/1.3/crs84',
  'wgs84',
  'wgs 84',
]);

class TooManyErrors extends Error {}

interface Accumulated {
  path: string;
  count: number;
  detail: string;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value);
  if (typeof value === 'number') return String(value);
  return typeof value;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, unknown>, key: string): unknown =>
  Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;

export function parseGridFeatureCollection(json: unknown, limits?: Partial<InputLimits>, options: ParseOptions = {}): GridFileResult {
  return parseFeatureCollection(json, limits, options, readGridProperties);
}

/**
 * The same sanitation for a file of boundaries (the parent of a validation): the geometry is checked as
 * strictly as a grid's, the attributes are not (a community boundary carries its 12-digit code, a
 * shapefile from another system carries whatever it carries).
 */
export function parseBoundaryFeatureCollection(json: unknown, limits?: Partial<InputLimits>, options: ParseOptions = {}): BoundaryFileResult {
  return parseFeatureCollection(json, limits, options, readBoundaryLabel);
}

type Parsed<P> = { key: string; geometry: Polygon | MultiPolygon } & P;

function parseFeatureCollection<P>(
  json: unknown,
  limits: Partial<InputLimits> | undefined,
  options: ParseOptions,
  readProperties: PropertyReader<P>,
): GridImportResult<Parsed<P>> {
  const errors: InputError[] = [];
  const warnings: InputWarning[] = [];
  try {
    return parse(json, resolveLimits(limits), options, errors, warnings, readProperties);
  } catch (e) {
    if (e instanceof TooManyErrors) return { ok: false, errors, warnings };
    // A safety net, not a path: the fuzz tests assert it is never taken for JSON input. Deep nesting
    // that exhausts the stack inside a library would land here rather than crash the request.
    errors.push(issue(INPUT_ERRORS.unreadable, null, '', msg('无法读取该文件', 'the file could not be read')));
    return { ok: false, errors, warnings };
  }
}


function parse<P>(
  json: unknown,
  limits: InputLimits,
  options: ParseOptions,
  errors: InputError[],
  warnings: InputWarning[],
  readProperties: PropertyReader<P>,
): GridImportResult<Parsed<P>> {
  const crs: Crs = options.crs ?? 'wgs84';
  const fail = (code: InputErrorCode, featureIndex: number | null, path: string, zh: string, en: string) => {
    if (errors.length >= limits.maxErrors) {
      errors.push(issue(INPUT_ERRORS.tooManyErrors, null, '', msg(
        `错误过多，仅列出前 ${limits.maxErrors} 个`, `too many errors; only the first ${limits.maxErrors} are listed`)));
      throw new TooManyErrors();
    }
    errors.push(issue(code, featureIndex, path, located(featureIndex, msg(zh, en))));
  };
  /** Adds an error whose message is already located, under the same cap. */
  const push = (e: InputError) => {
    if (errors.length >= limits.maxErrors) fail(e.code, e.featureIndex, e.path, '', '');
    else errors.push(e);
  };
  const done = (grids: Parsed<P>[]): GridImportResult<Parsed<P>> =>
    errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, grids, warnings };

  let root = json;
  if (typeof root === 'string') {
    try {
      root = JSON.parse(root.charCodeAt(0) === 0xfeff ? root.slice(1) : root);
    } catch {
      fail(INPUT_ERRORS.notJson, null, '', '文件不是有效的 JSON', 'the file is not valid JSON');
      return done([]);
    }
  }
  if (!isObject(root)) {
    fail(INPUT_ERRORS.notGeoJson, null, '', `应为 GeoJSON 对象，实际为 ${describe(root)}`,
      `expected a GeoJSON object, got ${describe(root)}`);
    return done([]);
  }

  // The features to read, each with the path prefix its errors will carry.
  let features: { value: unknown; path: string }[];
  const rootType = own(root, 'type');
  if (rootType === 'FeatureCollection') {
    const list = own(root, 'features');
    if (!Array.isArray(list)) {
      fail(INPUT_ERRORS.notGeoJson, null, 'features', 'FeatureCollection 缺少 features 数组',
        'the FeatureCollection has no "features" array');
      return done([]);
    }
    if (list.length > limits.maxFeatures) {
      fail(INPUT_ERRORS.tooManyFeatures, null, 'features', `要素过多：${list.length} 个，上限 ${limits.maxFeatures}`,
        `too many features: ${list.length}, the limit is ${limits.maxFeatures}`);
      return done([]);
    }
    features = list.map((value, i) => ({ value, path: `features[${i}]` }));
  } else if (rootType === 'Feature') {
    features = [{ value: root, path: '' }];
  } else if (rootType === 'Polygon' || rootType === 'MultiPolygon' || rootType === 'GeometryCollection') {
    features = [{ value: { type: 'Feature', geometry: root, properties: null }, path: '' }];
  } else {
    fail(INPUT_ERRORS.notGeoJson, null, 'type', `无法识别的 GeoJSON 类型 ${describe(rootType)}`,
      `unrecognised GeoJSON type ${describe(rootType)}`);
    return done([]);
  }
  if (features.length === 0) {
    fail(INPUT_ERRORS.noFeatures, null, 'features', '文件中没有任何网格', 'the file contains no grids');
    return done([]);
  }
  checkCrs(own(root, 'crs'), null, 'crs', crs, fail);

  const grids: Parsed<P>[] = [];
  let fileVertices = 0;
  let zDropped = 0;
  let kindDefaulted = 0;
  let codeFromNumber = 0;
  const outsideChina: number[] = [];

  for (let i = 0; i < features.length; i++) {
    const { value: feature, path: featurePath } = features[i]!;
    const at = (suffix: string) => (featurePath ? `${featurePath}.${suffix}` : suffix);
    if (!isObject(feature) || own(feature, 'type') !== 'Feature') {
      fail(INPUT_ERRORS.featureMalformed, i, featurePath, `不是 GeoJSON Feature（${describe(isObject(feature) ? own(feature, 'type') : feature)}）`,
        `not a GeoJSON Feature (${describe(isObject(feature) ? own(feature, 'type') : feature)})`);
      continue;
    }
    checkCrs(own(feature, 'crs'), i, at('crs'), crs, fail);
    const errorsBefore = errors.length;
    const props = readProperties(own(feature, 'properties'), i, at('properties'), limits.maxPropertyLength);
    for (const e of props.errors) push(e);

    const geometry = own(feature, 'geometry');
    const geometryPath = at('geometry');
    if (geometry === null || geometry === undefined) {
      fail(INPUT_ERRORS.geometryMissing, i, geometryPath, '没有几何图形', 'has no geometry');
      continue;
    }
    if (!isObject(geometry)) {
      fail(INPUT_ERRORS.geometryMissing, i, geometryPath, `几何图形不是对象（${describe(geometry)}）`,
        `geometry is not an object (${describe(geometry)})`);
      continue;
    }
    const type = own(geometry, 'type');
    if (type !== 'Polygon' && type !== 'MultiPolygon') {
      fail(INPUT_ERRORS.geometryNotPolygon, i, `${geometryPath}.type`,
        `几何类型为 ${describe(type)}，网格只能是 Polygon 或 MultiPolygon`,
        `geometry type is ${describe(type)}; a grid must be a Polygon or MultiPolygon`);
      continue;
    }
    const coordinatesPath = `${geometryPath}.coordinates`;
    const coordinates = own(geometry, 'coordinates');
    if (!Array.isArray(coordinates)) {
      fail(INPUT_ERRORS.coordinatesMalformed, i, coordinatesPath, `coordinates 应为数组，实际为 ${describe(coordinates)}`,
        `coordinates must be an array, got ${describe(coordinates)}`);
      continue;
    }

    const scan = new GeometryScan(limits, limits.maxVerticesPerFile - fileVertices);
    let clean: Polygon | MultiPolygon | null;
    if (type === 'Polygon') {
      const rings = scan.polygon(coordinates, coordinatesPath);
      clean = rings ? { type: 'Polygon', coordinates: rings } : null;
    } else {
      const parts: Position[][][] = [];
      if (coordinates.length === 0) scan.report(INPUT_ERRORS.geometryEmpty, coordinatesPath, '');
      for (let p = 0; p < coordinates.length && !scan.stopped; p++) {
        const rings = scan.polygon(coordinates[p], `${coordinatesPath}[${p}]`);
        if (rings) parts.push(rings);
      }
      clean = parts.length === coordinates.length && coordinates.length > 0 ? { type: 'MultiPolygon', coordinates: parts } : null;
    }
    // A grid refused for its size was not walked: only what was read counts towards the file's budget.
    fileVertices += Math.min(scan.vertices, limits.maxVerticesPerGrid);
    if (scan.fileLimitHit) {
      fail(INPUT_ERRORS.fileTooManyVertices, i, coordinatesPath,
        `整个文件的顶点数超过上限 ${limits.maxVerticesPerFile}`,
        `the file has more than ${limits.maxVerticesPerFile} vertices in all`);
      return done([]);
    }
    for (const [code, acc] of scan.found) {
      const [zh, en] = scanMessage(code, acc, limits);
      fail(code, i, acc.path, zh, en);
    }
    if (errors.length > errorsBefore || clean === null || props.properties === null) continue;

    if (scan.hadZ) zDropped++;
    if (props.kindDefaulted) kindDefaulted++;
    if (props.codeFromNumber) codeFromNumber++;
    if (!scan.touchesChina) outsideChina.push(i);
    grids.push({
      key: `feature-${i}`,
      ...props.properties,
      geometry: crs === 'gcj02' ? convertGeometry(clean, 'gcj02', 'wgs84') : clean,
    } as Parsed<P>);
  }

  const summary = (code: (typeof INPUT_WARNINGS)[keyof typeof INPUT_WARNINGS], count: number, zh: string, en: string) => {
    if (count > 0) warnings.push(issue(code, null, '', msg(zh, en)));
  };
  summary(INPUT_WARNINGS.zDropped, zDropped, `${zDropped} 个网格带有高程（第三个坐标），已忽略`,
    `${zDropped} grid(s) had a third (height) coordinate; it was dropped`);
  summary(INPUT_WARNINGS.kindDefaulted, kindDefaulted, `${kindDefaulted} 个网格未注明类型，按综合网格导入`,
    `${kindDefaulted} grid(s) had no kind and were taken as comprehensive grids`);
  summary(INPUT_WARNINGS.codeFromNumber, codeFromNumber, `${codeFromNumber} 个编码以数字形式给出，已转为文字`,
    `${codeFromNumber} code(s) were given as numbers and were read as text`);
  if (outsideChina.length > 0) {
    warnings.push(issue(INPUT_WARNINGS.outsideChina, outsideChina[0]!, '', msg(
      `${outsideChina.length} 个网格完全在中国境外，请检查坐标系（第一个：第 ${outsideChina[0]! + 1} 个要素）`,
      `${outsideChina.length} grid(s) lie entirely outside China; check the coordinate system (first: feature #${outsideChina[0]! + 1})`)));
  }
  if (crs === 'gcj02' && grids.length > 0) {
    warnings.push(issue(INPUT_WARNINGS.crsConverted, null, '', msg('坐标已从 GCJ-02 转换为 WGS84', 'coordinates were converted from GCJ-02 to WGS84')));
  }
  return done(grids);
}

type Fail = (code: InputErrorCode, featureIndex: number | null, path: string, zh: string, en: string) => void;

function checkCrs(member: unknown, featureIndex: number | null, path: string, declared: Crs, fail: Fail): void {
  if (member === undefined || member === null) return;
  const props = isObject(member) ? own(member, 'properties') : undefined;
  const name = isObject(props) ? own(props, 'name') : undefined;
  const normalized = typeof name === 'string' ? name.trim().toLowerCase() : null;
  if (normalized !== null && WGS84_CRS_NAMES.has(normalized)) return;
  const saysGcj02 = normalized !== null && /gcj/.test(normalized);
  if (saysGcj02 && declared === 'gcj02') return;
  if (saysGcj02) {
    fail(INPUT_ERRORS.crsGcj02NotDeclared, featureIndex, path, '文件声明为 GCJ-02 坐标（高德/腾讯），请在导入时选择 GCJ-02',
      'the file declares GCJ-02 coordinates (Gaode/Tencent); choose GCJ-02 when importing');
    return;
  }
  const shown = normalized === null ? describe(member) : describe(name);
  fail(INPUT_ERRORS.crsNotWgs84, featureIndex, path, `坐标系 ${shown} 不是 WGS84 经纬度；请先转换为 WGS84（EPSG:4326）`,
    `coordinate system ${shown} is not WGS84 lon/lat; convert the file to WGS84 (EPSG:4326) first`);
}

function scanMessage(code: InputErrorCode, acc: Accumulated, limits: InputLimits): [string, string] {
  const more = acc.count > 1 ? `（共 ${acc.count} 处）` : '';
  const moreEn = acc.count > 1 ? ` (${acc.count} places)` : '';
  switch (code) {
    case INPUT_ERRORS.geometryEmpty:
      return [`几何图形为空（没有面或环）${more}`, `the geometry is empty (no parts or rings)${moreEn}`];
    case INPUT_ERRORS.coordinatesMalformed:
      return [`坐标结构不正确：${acc.detail}${more}`, `malformed coordinates: ${acc.detail}${moreEn}`];
    case INPUT_ERRORS.coordinateNotNumber:
      return [`坐标不是数字（${acc.detail}）${more}`, `a coordinate is not a number (${acc.detail})${moreEn}`];
    case INPUT_ERRORS.coordinateNotFinite:
      return [`坐标不是有限数（${acc.detail}）${more}`, `a coordinate is not finite (${acc.detail})${moreEn}`];
    case INPUT_ERRORS.positionDimension:
      return [`每个坐标点应有 2 个（或 3 个）数，实际为 ${acc.detail} 个${more}`,
        `each position needs 2 (or 3) numbers, got ${acc.detail}${moreEn}`];
    case INPUT_ERRORS.latitudeOutOfRange:
      return [`纬度 ${acc.detail} 超出 ±90°${more}`, `latitude ${acc.detail} is beyond ±90°${moreEn}`];
    case INPUT_ERRORS.longitudeOutOfRange:
      return [`经度 ${acc.detail} 超出 ±180°${more}`, `longitude ${acc.detail} is beyond ±180°${moreEn}`];
    case INPUT_ERRORS.coordinateOrderSwapped:
      return [`坐标顺序疑似写反（${acc.detail} 像是“纬度,经度”，GeoJSON 要求“经度,纬度”）${more}`,
        `coordinates look swapped (${acc.detail} reads as lat,lon; GeoJSON needs lon,lat)${moreEn}`];
    case INPUT_ERRORS.ringNotClosed:
      return [`环未闭合：最后一个点应与第一个点相同${more}`, `a ring is not closed: its last position must equal its first${moreEn}`];
    case INPUT_ERRORS.ringTooFewPositions:
      return [`环的点数为 ${acc.detail}，至少需要 4 个（含闭合点）${more}`,
        `a ring has ${acc.detail} positions; at least 4 are needed (closing one included)${moreEn}`];
    case INPUT_ERRORS.gridTooManyVertices:
      return [`网格顶点数超过上限 ${limits.maxVerticesPerGrid}`, `the grid has more than ${limits.maxVerticesPerGrid} vertices`];
    default:
      return [acc.detail, acc.detail];
  }
}

/**
 * Walks one geometry's coordinates iteratively at the fixed depth its type implies (so deep nesting
 * cannot recurse), collecting each kind of problem once with its first path and a count.
 */
class GeometryScan {
  readonly found = new Map<InputErrorCode, Accumulated>();
  vertices = 0;
  hadZ = false;
  touchesChina = false;
  stopped = false;
  fileLimitHit = false;

  constructor(private readonly limits: InputLimits, private readonly fileBudget: number) {}

  report(code: InputErrorCode, path: string, detail: string): void {
    const acc = this.found.get(code);
    if (acc) acc.count++;
    else this.found.set(code, { path, count: 1, detail });
  }

  /** Returns the clean 2D rings, or null when anything was wrong. */
  polygon(value: unknown, path: string): Position[][] | null {
    if (!Array.isArray(value)) {
      this.report(INPUT_ERRORS.coordinatesMalformed, path, `polygon is ${describe(value)}`);
      return null;
    }
    if (value.length === 0) {
      this.report(INPUT_ERRORS.geometryEmpty, path, '');
      return null;
    }
    const rings: Position[][] = [];
    let ok = true;
    for (let r = 0; r < value.length && !this.stopped; r++) {
      const ring = this.ring(value[r], `${path}[${r}]`);
      if (ring) rings.push(ring);
      else ok = false;
    }
    return ok && !this.stopped ? rings : null;
  }

  private ring(value: unknown, path: string): Position[] | null {
    if (!Array.isArray(value)) {
      this.report(INPUT_ERRORS.coordinatesMalformed, path, `ring is ${describe(value)}`);
      return null;
    }
    this.vertices += value.length;
    // Checked before looking at the positions, so an enormous array is refused without walking it.
    if (this.vertices > this.limits.maxVerticesPerGrid) {
      this.report(INPUT_ERRORS.gridTooManyVertices, path, '');
      this.stopped = true;
      return null;
    }
    if (this.vertices > this.fileBudget) {
      this.fileLimitHit = true;
      this.stopped = true;
      return null;
    }
    let ok = true;
    if (value.length < 4) {
      this.report(INPUT_ERRORS.ringTooFewPositions, path, String(value.length));
      ok = false;
    }
    const out: Position[] = new Array(value.length);
    for (let k = 0; k < value.length; k++) {
      const p = this.position(value[k], path, k);
      if (p) out[k] = p;
      else ok = false;
    }
    if (!ok) return null;
    const first = out[0]!;
    const last = out[out.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) {
      this.report(INPUT_ERRORS.ringNotClosed, `${path}[${value.length - 1}]`, '');
      return null;
    }
    return out;
  }

  private position(value: unknown, ringPath: string, k: number): Position | null {
    const path = () => `${ringPath}[${k}]`;
    if (!Array.isArray(value)) {
      this.report(INPUT_ERRORS.coordinatesMalformed, path(), `position is ${describe(value)}`);
      return null;
    }
    if (value.length < 2 || value.length > 3) {
      this.report(INPUT_ERRORS.positionDimension, path(), String(value.length));
      return null;
    }
    for (let d = 0; d < value.length; d++) {
      const n: unknown = value[d];
      if (typeof n !== 'number') {
        this.report(INPUT_ERRORS.coordinateNotNumber, `${path()}[${d}]`, describe(n));
        return null;
      }
      if (!Number.isFinite(n)) {
        this.report(INPUT_ERRORS.coordinateNotFinite, `${path()}[${d}]`, String(n));
        return null;
      }
    }
    const x = value[0] as number;
    const y = value[1] as number;
    if (value.length === 3) this.hadZ = true;
    // Within China's latitudes then within its longitudes: the file is lat,lon. The two ranges do not
    // overlap, so such a position cannot also be a Chinese lon,lat; reported as its own problem.
    if (inChinaLat(x) && inChinaLon(y)) {
      this.report(INPUT_ERRORS.coordinateOrderSwapped, path(), `[${x}, ${y}]`);
      return null;
    }
    let ok = true;
    if (y < -90 || y > 90) {
      this.report(INPUT_ERRORS.latitudeOutOfRange, `${path()}[1]`, String(y));
      ok = false;
    }
    if (x < -180 || x > 180) {
      this.report(INPUT_ERRORS.longitudeOutOfRange, `${path()}[0]`, String(x));
      ok = false;
    }
    if (!ok) return null;
    if (!this.touchesChina && inChinaLon(x) && inChinaLat(y)) this.touchesChina = true;
    return [x, y];
  }
}
