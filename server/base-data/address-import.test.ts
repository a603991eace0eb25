/**
 * The bulk address import as a street and the city use it, through the real route: files with Chinese
 * headings and extra columns, GBK and tabs, GeoJSON and GCJ-02; each row placed in its community and
 * linked to its grid (地址关联); one bad row and nothing written; hostile input refused with a 4xx in both
 * languages; a street's import reaching only its own communities; one import at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/addresses/import/route';
import { convertPosition } from '@/geo/interchange/gcj02';
import { SESSION_COOKIE_NAME } from '../auth/http';
import { provideDatabase } from '../db';
import { readAddressFile } from '../interchange/read-address-file';
import { seedAccessFixture } from '../testing/access-fixture';
import { trpcCall } from '../testing/http-calls';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { signInTestUser } from '../testing/users';
import type { AddressImportReport } from './address-import';

let t: TestDatabase;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await openTestDatabase();
  provideDatabase({ db: t.db, capabilities: t.capabilities });
  await seedAccessFixture(t.db);
  for (const username of ['street-hongshan', 'street-xinjiekou', 'admin', 'dept-police']) {
    const [u] = await t.db.query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [username]);
    tokens[username] = (await signInTestUser(t.db, u!.id)).token;
  }
}, 120_000);
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('gridatlas.database')];
  await t?.dispose();
});

// 红山街道's community spans 118.7–118.8°E (grid 001 west of 118.75, 002 east); 新街口 118.8–118.9; 秦虹 (秦淮区) 118.9–119.0.
const HONGSHAN = '320102008001';

interface Sent {
  status: number;
  body: AddressImportReport & { error?: { code: string; message: { 'zh-CN': string; en: string } } };
}

async function send(
  body: BodyInit,
  query: string,
  opts: { user?: string | null; origin?: string; headers?: Record<string, string> } = {},
): Promise<Sent> {
  const headers: Record<string, string> = { host: '127.0.0.1', origin: opts.origin ?? 'http://127.0.0.1', ...opts.headers };
  const user = opts.user === undefined ? 'street-hongshan' : opts.user;
  if (user) headers.cookie = `${SESSION_COOKIE_NAME}=${tokens[user]}`;
  const res = await POST(new Request(`http://127.0.0.1/api/addresses/import?${query}`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit));
  return { status: res.status, body: (await res.json()) as Sent['body'] };
}

const csv = (...lines: string[]) => `\uFEFF${lines.join('\r\n')}\r\n`;
const HEADING = '标准地址,建筑类型,户数,人数,经度,纬度,备注';
const addressCount = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM standard_address'))[0]!.n;

describe('a street imports its addresses', () => {
  const file = csv(
    HEADING,
    '红山街道测试路1号,高层住宅,120,300,118.71,32.05,东门',
    '红山街道测试路2号,mid_rise,40,95,118.72,32.05,',
    '红山街道测试路3号,Villa,2,6,118.76,32.05,新建',
  );

  it('checks a file without writing it: each row placed and linked to its grid, the extra column named', async () => {
    const before = await addressCount();
    const r = await send(file, 'mode=check&name=红山.csv');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, written: false, importId: null, rowsRead: 3, created: 3, linked: 3, unlinked: 0, rejected: 0, ignoredColumns: ['备注'] });
    expect(await addressCount()).toBe(before);
  });

  it('writes it: new codes continue the community numbers, the grids load the households, the tiles change revision', async () => {
    const [version] = await t.db.query<{ v: number }>("SELECT coalesce((SELECT version FROM data_version WHERE layer = 'addresses'), 0)::int AS v");
    const r = await send(file, 'name=红山.csv');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, written: true, created: 3, updated: 0, linked: 3 });
    const rows = await t.db.query<{ code: string; households: number; import_id: number; grid: string }>(
      `SELECT a.code, a.households, a.import_id, g.code AS grid
         FROM standard_address a JOIN grids_in_force(now()) g ON ST_Covers(g.geom, a.geom)
        WHERE a.address LIKE '红山街道测试路%' ORDER BY a.address`,
    );
    expect(rows.map((x) => x.grid)).toEqual([`${HONGSHAN}001`, `${HONGSHAN}001`, `${HONGSHAN}002`]);
    expect(rows.every((x) => x.code.startsWith(HONGSHAN) && x.import_id === r.body.importId)).toBe(true);
    // Codes are the community's next numbers, in file order, above the fixture's own address.
    const seqs = rows.map((x) => Number(x.code.slice(12)));
    expect(seqs[1]).toBe(seqs[0]! + 1);
    expect(seqs[2]).toBe(seqs[1]! + 1);
    const [load] = await t.db.query<{ households: number; direct: number }>(
      `SELECT l.households, (SELECT sum(a.households)::int FROM standard_address a WHERE ST_Covers(g.geom, a.geom)) AS direct
         FROM grid_load l JOIN grids_in_force(now()) g ON g.id = l.grid_id WHERE g.code = $1`,
      [`${HONGSHAN}001`],
    );
    expect(load!.households).toBe(load!.direct);
    const [after] = await t.db.query<{ v: number }>("SELECT version::int AS v FROM data_version WHERE layer = 'addresses'");
    expect(after!.v).toBe(version!.v + 1);
    const [record] = await t.db.query<{ file_name: string; street_codes: string[]; created: number }>(
      'SELECT file_name, street_codes, created FROM address_import WHERE id = $1',
      [r.body.importId],
    );
    expect(record).toEqual({ file_name: '红山.csv', street_codes: ['320102008'], created: 3 });
  });

  it('a row with a stored code updates that address; the same values again change nothing', async () => {
    const [a] = await t.db.query<{ code: string }>("SELECT code FROM standard_address WHERE address = '红山街道测试路1号'");
    const again = csv('地址编码,' + HEADING, `${a!.code},红山街道测试路1号,高层住宅,130,310,118.71,32.05,`);
    const r = await send(again, 'name=更新.csv');
    expect(r.body).toMatchObject({ ok: true, written: true, created: 0, updated: 1, unchanged: 0 });
    const [stored] = await t.db.query<{ households: number }>('SELECT households FROM standard_address WHERE code = $1', [a!.code]);
    expect(stored!.households).toBe(130);
    const same = await send(again, 'name=更新.csv');
    expect(same.body).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 1 });
  });

  it('the history lists the import to its street and the city, not to another street', async () => {
    const own = await trpcCall('baseData.imports', undefined, 'GET', { token: tokens['street-hongshan'] });
    const other = await trpcCall('baseData.imports', undefined, 'GET', { token: tokens['street-xinjiekou'] });
    const city = await trpcCall('baseData.imports', undefined, 'GET', { token: tokens.admin });
    const names = (a: typeof own) => (a.result as { fileName: string }[]).map((i) => i.fileName);
    expect(names(own)).toContain('红山.csv');
    expect(names(city)).toContain('红山.csv');
    expect(names(other)).not.toContain('红山.csv');
    expect((await trpcCall('baseData.imports', undefined, 'GET', { token: tokens['dept-police'] })).status).toBe(403);
  });
});

describe('one bad row and nothing is written', () => {
  it('lists every rejected row with its line and reason, in both languages', async () => {
    const before = await addressCount();
    const file = csv(
      '地址编码,' + HEADING,
      ',好的地址1号,高层住宅,10,20,118.71,32.06,',
      '12345,坏编码,高层住宅,10,20,118.71,32.06,',
      ',含\u0000空字符,高层住宅,10,20,118.71,32.06,',
      ',类型不明,城堡,10,20,118.71,32.06,',
      ',户数为负,高层住宅,-1,20,118.71,32.06,',
      ',经纬度颠倒,高层住宅,10,20,32.06,118.71,',
      ',城外,高层住宅,10,20,116.4,39.9,',
      ',秦淮区的点,高层住宅,10,20,118.95,32.05,',
      `320102003001000900,编码社区不符,高层住宅,10,20,118.71,32.06,`,
      `${HONGSHAN}000950,重复一,高层住宅,10,20,118.71,32.06,`,
      `${HONGSHAN}000950,重复二,高层住宅,10,20,118.72,32.06,`,
    );
    const r = await send(file, 'name=bad.csv');
    expect(r.status).toBe(422);
    expect(r.body.written).toBe(false);
    expect(r.body.rowsRead).toBe(11);
    expect(r.body.rejections.map((x) => [x.row, x.reason])).toEqual([
      [3, 'CODE_INVALID'],
      [4, 'ADDRESS_INVALID'],
      [5, 'BUILDING_TYPE_INVALID'],
      [6, 'COUNT_INVALID'],
      [7, 'COORDINATES_INVALID'],
      [8, 'OUTSIDE_CITY'],
      [9, 'OUTSIDE_JURISDICTION'],
      [10, 'CODE_COMMUNITY_MISMATCH'],
      [12, 'CODE_REPEATED'],
    ]);
    expect(r.body.rejections[1]!.value).toBe('含\\u0000空字符');
    expect(r.body.rejections[0]!.message['zh-CN']).toMatch(/18 位/);
    expect(r.body.rejections[0]!.message.en).toMatch(/18 digits/);
    expect(r.body.rejected).toBe(9);
    expect(await addressCount()).toBe(before);
  });

  it('refuses a file it cannot read, with a 4xx that says why', async () => {
    const cases: [BodyInit, string, number, string][] = [
      [csv('地址,户数,经度,纬度', '甲,1,118.71,32.05'), 'name=a.csv', 400, 'IMPORT_COLUMNS_MISSING'],
      [csv(HEADING, '"未闭合,高层住宅,1,1,118.71,32.05,'), 'name=a.csv', 400, 'IMPORT_CSV_MALFORMED'],
      [csv(HEADING), 'name=a.csv', 400, 'IMPORT_EMPTY'],
      [new Uint8Array([0xff, 0xfe, 0xff, 0x80, 0xff]), 'name=a.csv', 400, 'IMPORT_NOT_TEXT'],
      [csv(HEADING, '甲,高层住宅,1,1,118.71,32.05,'), 'name=a.txt', 400, 'IMPORT_FORMAT_UNKNOWN'],
      [csv(HEADING, '甲,高层住宅,1,1,118.71,32.05,'), 'name=a.csv&crs=bd09', 400, 'IMPORT_CRS_UNKNOWN'],
      [csv(HEADING, '甲,高层住宅,1,1,118.71,32.05,'), `name=${encodeURIComponent('../a\u0000.csv')}`, 400, 'IMPORT_FILE_NAME_INVALID'],
      [csv(HEADING, '甲,高层住宅,1,1,118.71,32.05,'), 'name=a.csv&mode=delete', 400, 'IMPORT_MODE_UNKNOWN'],
      ['{"type":"Feature"}', 'name=a.geojson', 400, 'IMPORT_GEOJSON_INVALID'],
      ['{"type":', 'name=a.geojson', 400, 'IMPORT_GEOJSON_MALFORMED'],
    ];
    for (const [body, query, status, code] of cases) {
      const r = await send(body, query);
      expect([query, r.status, r.body.error?.code]).toEqual([query, status, code]);
      expect(r.body.error!.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('stops reading past the size and row limits', async () => {
    const big = async function* () {
      for (let i = 0; i < 100; i++) yield new TextEncoder().encode(`${i === 0 ? `${HEADING}\n` : ''}${'地址'.repeat(100)},高层住宅,1,1,118.71,32.05,\n`);
    };
    await expect(readAddressFile(big(), 'csv', { maxBytes: 10_000, maxRows: 1000 })).rejects.toMatchObject({ code: 'IMPORT_FILE_TOO_LARGE', kind: 'too_large' });
    await expect(readAddressFile(big(), 'csv', { maxBytes: 1e9, maxRows: 10 })).rejects.toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS', kind: 'too_large' });
  });
});

describe('files as departments have them', () => {
  it('reads GB18030 with tabs between cells', async () => {
    // 红山路8号 in GBK (红 BAEC, 山 C9BD, 路 C2B7, 号 BAC5), as a sheet saved on a Chinese desktop has it.
    const gbk = Buffer.concat([
      Buffer.from('address\tbuilding_type\thouseholds\tresidents\tlon\tlat\r\n'),
      Buffer.from([0xba, 0xec, 0xc9, 0xbd, 0xc2, 0xb7]),
      Buffer.from('8'),
      Buffer.from([0xba, 0xc5]),
      Buffer.from('\tmid_rise\t30\t70\t118.73\t32.07\r\n'),
    ]);
    expect(new TextDecoder('gb18030').decode(gbk)).toContain('红山路8号');
    const r = await send(new Uint8Array(gbk), 'mode=check&name=gbk.csv');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, encoding: 'gb18030', created: 1, linked: 1 });
  });

  it('takes GeoJSON points in GCJ-02 and stores them in WGS 84; a feature that is not a point is rejected', async () => {
    const gcj = convertPosition([118.715, 32.08], 'wgs84', 'gcj02');
    const doc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: gcj }, properties: { address: '红山街道火星路1号', building_type: 'low_rise', households: 3, residents: 9, source: 'amap' } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[118.71, 32.05], [118.72, 32.05]] }, properties: {} },
      ],
    };
    const rejected = await send(JSON.stringify(doc), 'crs=gcj02&name=a.geojson');
    expect(rejected.status).toBe(422);
    expect(rejected.body.rejections).toMatchObject([{ row: 2, reason: 'GEOMETRY_NOT_POINT' }]);
    doc.features.pop();
    const r = await send(JSON.stringify(doc), 'crs=gcj02&name=a.geojson', { headers: { 'content-type': 'application/geo+json' } });
    expect(r.body).toMatchObject({ ok: true, written: true, created: 1, ignoredColumns: ['source'] });
    const [p] = await t.db.query<{ x: number; y: number }>("SELECT ST_X(geom) AS x, ST_Y(geom) AS y FROM standard_address WHERE address = '红山街道火星路1号'");
    expect(p!.x).toBeCloseTo(118.715, 8);
    expect(p!.y).toBeCloseTo(32.08, 8);
  });

  it('an address in no grid in force is written and listed, for the street to close the gap', async () => {
    // The community's east grid ended: its land is in no grid until a plan is filed.
    const [g] = await t.db.query<{ id: number }>(
      `UPDATE grid SET valid_to = now() WHERE code = $1 AND valid_to IS NULL RETURNING id`,
      [`${HONGSHAN}002`],
    );
    try {
      const r = await send(csv(HEADING, '红山街道空白处1号,低层住宅,4,9,118.79,32.09,', '红山街道网格内1号,低层住宅,4,9,118.71,32.09,'), 'name=gap.csv');
      expect(r.body).toMatchObject({ ok: true, written: true, created: 2, linked: 1, unlinked: 1 });
      expect(r.body.unlinkedRows).toMatchObject([{ row: 2, address: '红山街道空白处1号', community: '红山街道第一社区' }]);
    } finally {
      await t.db.execute('UPDATE grid SET valid_to = NULL WHERE id = $1', [g!.id]);
    }
  });
});

describe('who may import', () => {
  const one = csv(HEADING, '新街口街道测试路1号,高层住宅,5,9,118.85,32.05,');

  it('refuses the signed out, a department reader, another street and a cross-site form', async () => {
    expect((await send(one, 'name=a.csv', { user: null })).status).toBe(401);
    expect((await send(one, 'name=a.csv', { user: 'dept-police' })).status).toBe(403);
    expect((await send(one, 'name=a.csv', { origin: 'http://evil.example' })).status).toBe(403);
    const other = await send(one, 'name=a.csv', { user: 'street-hongshan' });
    expect(other.status).toBe(422);
    expect(other.body.rejections).toMatchObject([{ row: 2, reason: 'OUTSIDE_JURISDICTION' }]);
  });

  it('the city administrator imports across districts', async () => {
    const r = await send(csv(HEADING, '新街口街道测试路2号,高层住宅,5,9,118.85,32.05,', '秦虹街道测试路1号,高层住宅,5,9,118.95,32.05,'), 'name=city.csv', { user: 'admin' });
    expect(r.body).toMatchObject({ ok: true, written: true, created: 2 });
  });

  it('one import at a time: a second while the first is still arriving is refused', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode(`${HEADING}\n`));
        await held;
        controller.enqueue(new TextEncoder().encode('红山街道慢路1号,高层住宅,5,9,118.71,32.05,\n'));
        controller.close();
      },
    });
    const first = send(slow, 'mode=check&name=slow.csv');
    await new Promise((r) => setTimeout(r, 50));
    const second = await send(one, 'mode=check&name=a.csv', { user: 'admin' });
    expect([second.status, second.body.error?.code]).toEqual([409, 'IMPORT_BUSY']);
    release();
    expect((await first).status).toBe(200);
  });

  it('streams progress lines to a page that asks for them, then the report', async () => {
    const res = await POST(
      new Request('http://127.0.0.1/api/addresses/import?mode=check&name=p.csv', {
        method: 'POST',
        body: csv(HEADING, '红山街道进度路1号,高层住宅,5,9,118.71,32.05,'),
        headers: { host: '127.0.0.1', origin: 'http://127.0.0.1', accept: 'application/x-ndjson', cookie: `${SESSION_COOKIE_NAME}=${tokens['street-hongshan']}` },
      }),
    );
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => 'progress' in l)).toBe(true);
    expect(lines.at(-1)).toMatchObject({ status: 200, report: { ok: true, created: 1 } });
  });
});
