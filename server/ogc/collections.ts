/**
 * The collections of the OGC API – Features endpoint (/ogc): what each serves, from which rows, with
 * which properties, and which of them a client may filter on. One list, read by the items queries
 * (features.ts), the collection documents and the OpenAPI description (documents.ts, openapi.ts), so
 * what is described is exactly what is served.
 *
 * Security: /ogc is public (ROUTE_POLICY), so every property here is one anybody may read, except those
 * marked restricted: they are served only to a department key that names them (department-keys.ts). No
 * person is named anywhere (no worker, reporter or resident); publicly an address carries no household
 * or resident counts (a building's one flat would give a family's size), a key site no risk level, and an
 * incident none of its free text (a description or an address typed by a caller may name people).
 */
import { localized, type LocalizedText } from '@/geo/text/localized-text';
import { gridsInForce } from '../data/grids';

export type PropertyType = 'string' | 'integer' | 'number' | 'datetime';

export interface CollectionProperty {
  /** The SQL expression over the collection's row alias `t` (and its joins), the moment bound as $1. */
  sql: string;
  /**
   * Computed per row from `t.geom` alone, and so only for the rows of the page (not for those an offset
   * skips, nor for the count): a lookup per row.
   */
  late?: boolean;
  /** Served only to a department key that names it ('collection.field'): never in the public answer. */
  restricted?: boolean;
  type: PropertyType;
  title: LocalizedText;
  /** A client may ask for features with this property equal to a value (`?name=value`). */
  filter?: boolean;
  /**
   * The condition the filter uses instead of `sql = value` (`value` is the bound parameter, e.g. '$5'):
   * for a property computed per row, an indexed test that rules most rows out first.
   */
  filterSql?: (value: string) => string;
}

/** What `datetime` means for a collection. */
export type Temporal =
  /** The grids in force at that moment (an instant only: a grid's versions do not share a time line). */
  | { kind: 'in_force' }
  /** The features whose time (an SQL expression over `t`) is that instant or within that interval. */
  | { kind: 'timestamp'; sql: string };

export interface CollectionDef {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  geometryType: 'polygon' | 'point' | 'geometry';
  /** FROM … (and joins) with the row alias `t`; the moment of the request is bound as $1. */
  from: string;
  /** The feature's id (unique within the collection at a moment): a code everywhere it has one. */
  idSql: string;
  /** The id's form, checked before any query (a wrong one names nothing: 404). */
  idPattern: RegExp;
  properties: Readonly<Record<string, CollectionProperty>>;
  temporal: Temporal | null;
}

const code = (title: LocalizedText, sql: string): CollectionProperty => ({ sql, type: 'string', title, filter: true });
const NAME: CollectionProperty = { sql: 't.name', type: 'string', title: localized('名称', 'name'), filter: true };

/** The grid in force at the request's moment covering a point `t.geom` (the lowest code on a shared edge). */
const GRID_OF_POINT = `(SELECT g.code FROM ${gridsInForce('$1')} g WHERE g.geom && t.geom AND ST_Intersects(g.geom, t.geom) ORDER BY g.code LIMIT 1)`;
const GRID_CODE: CollectionProperty = {
  sql: GRID_OF_POINT,
  late: true,
  type: 'string',
  title: localized('所属网格编码', 'code of the grid it lies in'),
  filter: true,
  // The grid's own shape, read once (an uncorrelated subquery), rules out most rows by the index; then
  // the rule of the lowest code on a shared edge.
  filterSql: (value) => {
    const shape = `(SELECT g.geom FROM ${gridsInForce('$1')} g WHERE g.code = ${value})`;
    return `t.geom && ${shape} AND ST_Intersects(t.geom, ${shape}) AND ${GRID_OF_POINT} = ${value}`;
  },
};

export const COLLECTIONS: readonly CollectionDef[] = [
  {
    id: 'districts',
    title: localized('区', 'Districts'),
    description: localized('全市各区的行政区划边界', "The city's districts and their boundaries"),
    geometryType: 'polygon',
    from: 'district t',
    idSql: 't.code',
    idPattern: /^\d{6}$/,
    properties: { code: code(localized('区划代码', 'division code'), 't.code'), name: NAME },
    temporal: null,
  },
  {
    id: 'streets',
    title: localized('街道（镇）', 'Streets and towns'),
    description: localized('各街道、镇的边界', 'The streets and towns and their boundaries'),
    geometryType: 'polygon',
    from: 'street t JOIN district d ON d.id = t.district_id',
    idSql: 't.code',
    idPattern: /^\d{9}$/,
    properties: {
      code: code(localized('区划代码', 'division code'), 't.code'),
      name: NAME,
      kind: { sql: 't.kind', type: 'string', title: localized('类型（街道、镇）', 'kind (street, town)'), filter: true },
      district_code: code(localized('所属区代码', 'district code'), 'd.code'),
    },
    temporal: null,
  },
  {
    id: 'communities',
    title: localized('社区（村）', 'Communities and villages'),
    description: localized('各社区、村的边界', 'The communities and villages and their boundaries'),
    geometryType: 'polygon',
    from: 'community t JOIN street s ON s.id = t.street_id JOIN district d ON d.id = s.district_id',
    idSql: 't.code',
    idPattern: /^\d{12}$/,
    properties: {
      code: code(localized('区划代码', 'division code'), 't.code'),
      name: NAME,
      kind: { sql: 't.kind', type: 'string', title: localized('类型（社区、村）', 'kind (community, village)'), filter: true },
      street_code: code(localized('所属街道代码', 'street code'), 's.code'),
      district_code: code(localized('所属区代码', 'district code'), 'd.code'),
    },
    temporal: null,
  },
  {
    id: 'grids',
    title: localized('网格', 'Grids'),
    description: localized(
      '现行有效的网格（datetime 给出某一时刻，即为该时刻有效的网格），含户数与人口合计',
      'The grids in force (with datetime, those in force at that moment), with their households and residents',
    ),
    geometryType: 'polygon',
    from: `${gridsInForce('$1')} t
           JOIN community c ON c.id = t.community_id JOIN street s ON s.id = c.street_id JOIN district d ON d.id = s.district_id
           LEFT JOIN grid_load l ON l.grid_id = t.id`,
    idSql: 't.code',
    idPattern: /^\d{15}$/,
    properties: {
      code: code(localized('网格编码', 'grid code'), 't.code'),
      name: NAME,
      kind: { sql: 't.kind', type: 'string', title: localized('类型（comprehensive 综合、dedicated 专属）', 'kind (comprehensive, dedicated)'), filter: true },
      dedicated_type: { sql: 't.dedicated_type', type: 'string', title: localized('专属网格类别', 'dedicated grid type'), filter: true },
      community_code: code(localized('所属社区代码', 'community code'), 'c.code'),
      street_code: code(localized('所属街道代码', 'street code'), 's.code'),
      district_code: code(localized('所属区代码', 'district code'), 'd.code'),
      valid_from: { sql: 't.valid_from', type: 'datetime', title: localized('生效时间', 'in force since') },
      households: { sql: 'coalesce(l.households, 0)', type: 'integer', title: localized('户数', 'households') },
      residents: { sql: 'coalesce(l.residents, 0)', type: 'integer', title: localized('人口', 'residents') },
      addresses: { sql: 'coalesce(l.addresses, 0)', type: 'integer', title: localized('标准地址数', 'standard addresses') },
    },
    temporal: { kind: 'in_force' },
  },
  {
    id: 'addresses',
    title: localized('标准地址', 'Standard addresses'),
    description: localized(
      '标准地址（一标三实之一标），含所属社区与网格（datetime 给出某一时刻，即为该时刻的网格）；不含住户信息',
      'The standard addresses, with their community and grid (with datetime, the grid at that moment); no household data',
    ),
    geometryType: 'point',
    from: 'standard_address t JOIN community c ON c.id = t.community_id',
    idSql: 't.code',
    idPattern: /^\d{18}$/,
    properties: {
      code: code(localized('地址编码', 'address code'), 't.code'),
      address: { sql: 't.address', type: 'string', title: localized('地址', 'address'), filter: true },
      building_type: { sql: 't.building_type', type: 'string', title: localized('建筑类型', 'building type'), filter: true },
      community_code: code(localized('所属社区代码', 'community code'), 'c.code'),
      grid_code: GRID_CODE,
      households: { sql: 't.households', type: 'integer', title: localized('户数', 'households'), restricted: true },
      residents: { sql: 't.residents', type: 'integer', title: localized('人口', 'residents'), restricted: true },
    },
    temporal: { kind: 'in_force' },
  },
  {
    id: 'key-sites',
    title: localized('重点场所', 'Key sites'),
    description: localized('重点场所（学校、医院、市场等），含所属网格；不含风险等级', 'Key sites (schools, hospitals, markets…) with their grid; no risk level'),
    geometryType: 'geometry',
    from: 'key_site t',
    idSql: 't.id::text',
    idPattern: /^[1-9]\d{0,9}$/,
    properties: {
      name: NAME,
      category: { sql: 't.category', type: 'string', title: localized('类别', 'category'), filter: true },
      address: { sql: 't.address', type: 'string', title: localized('地址', 'address') },
      risk_level: { sql: 't.risk_level::int', type: 'integer', title: localized('风险等级', 'risk level'), restricted: true },
      grid_code: { ...GRID_CODE, sql: GRID_OF_POINT.replaceAll('t.geom', 'ST_PointOnSurface(t.geom)'), filterSql: undefined },
    },
    temporal: null,
  },
  {
    id: 'incidents',
    title: localized('事件', 'Incidents'),
    description: localized(
      '上报的事件与部件问题：类别、状态、时间与网格（datetime 按上报时间筛选）；不含描述、地址文字与上报人',
      'Reported incidents: category, state, times and grid (datetime filters by the time reported); no description, typed address or reporter',
    ),
    geometryType: 'point',
    from: 'incident t JOIN incident_category ic ON ic.code = t.category',
    idSql: 't.code',
    idPattern: /^[A-Za-z0-9_-]{1,64}$/,
    properties: {
      code: code(localized('案件编号', 'case number'), 't.code'),
      class: { sql: 't.class', type: 'string', title: localized('大类（部件、事件）', 'class (component, event)'), filter: true },
      category: { sql: 't.category', type: 'string', title: localized('类别代码', 'category code'), filter: true },
      category_name: { sql: 'ic.name_zh', type: 'string', title: localized('类别名称', 'category name (Chinese)') },
      category_name_en: { sql: 'ic.name_en', type: 'string', title: localized('类别英文名称', 'category name (English)') },
      status: { sql: 't.status', type: 'string', title: localized('状态', 'state'), filter: true },
      reported_at: { sql: 't.reported_at', type: 'datetime', title: localized('上报时间', 'reported at') },
      closed_at: { sql: 't.closed_at', type: 'datetime', title: localized('结案时间', 'closed at') },
      grid_code: { sql: 't.grid_code', type: 'string', title: localized('所属网格编码', 'grid code'), filter: true },
      description: { sql: 't.description', type: 'string', title: localized('描述', 'description'), restricted: true },
      address_text: { sql: 't.address_text', type: 'string', title: localized('地址（上报时所填）', 'address (as reported)'), restricted: true },
    },
    temporal: { kind: 'timestamp', sql: 't.reported_at' },
  },
];

export function collectionById(id: string): CollectionDef | undefined {
  return COLLECTIONS.find((c) => c.id === id);
}

/** The properties of a collection a request may read: the public ones, and the restricted ones its key names. */
export function visibleProperties(c: CollectionDef, fields: ReadonlySet<string>): [string, CollectionProperty][] {
  return Object.entries(c.properties).filter(([name, p]) => !p.restricted || fields.has(`${c.id}.${name}`));
}
