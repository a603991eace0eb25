/**
 * A grid's code sheet lists the places a scan reports to that grid: inside it, the lowest code on a shared
 * edge (the rule intake binds a report by), paged by address code; key sites by their point on surface.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { seedSmallStreet } from '../drafts/__fixtures__/small-street';
import { locateReport } from './intake';
import { gridQrSheet, QR_SHEET_PAGE_SIZE, qrSvg, reportPath, requestOrigin } from './qr-sheet';

let t: TestDatabase;
const NOW = new Date('2026-05-01T10:00:00+08:00');
const NW = '320102001001001';
const NE = '320102001001002';

beforeAll(async () => {
  t = await openTestDatabase();
  const { communityA } = await seedSmallStreet(t.db);
  const address = (code: string, text: string, lon: number, lat: number) =>
    t.db.execute(
      `INSERT INTO standard_address (code, address, building_type, households, residents, community_id, geom)
       VALUES ($1, $2, 'mid_rise', 10, 20, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326))`,
      [code, text, communityA, lon, lat],
    );
  await address('320102001001000002', '测试路 2 号', 118.005, 32.015);
  await address('320102001001000001', '测试路 1 号', 118.002, 32.018);
  // On the edge NW and NE share: a scan reports it to NW (the lower code).
  await address('320102001001000003', '测试路 3 号（界上）', 118.01, 32.015);
  await address('320102001001000004', '东边路 4 号', 118.015, 32.015);
  await t.db.execute(
    `INSERT INTO key_site (name, category, risk_level, address, geom)
     VALUES ('测试小学', 'school', 3, '测试路 9 号', ST_GeomFromText('POLYGON((118.002 32.012,118.004 32.012,118.004 32.014,118.002 32.014,118.002 32.012))', 4326)),
            ('东边菜场', 'market', 2, '', ST_SetSRID(ST_MakePoint(118.016, 32.016), 4326))`,
  );
});
afterAll(async () => {
  await t?.dispose();
});

describe('a grid code sheet', () => {
  it('lists the addresses and key sites a scan reports to the grid, by code', async () => {
    const sheet = await gridQrSheet(t.db, NW, NOW, 1);
    expect(sheet?.grid).toEqual({ code: NW, name: '一网格', community: '东社区', street: '测试街道', district: '玄武区' });
    expect(sheet?.addresses.map((a) => a.code)).toEqual(['320102001001000001', '320102001001000002', '320102001001000003']);
    expect(sheet?.keySites.map((k) => [k.name, k.address])).toEqual([['测试小学', '测试路 9 号']]);
    expect(sheet).toMatchObject({ page: 1, pages: 1, addressCount: 3, keySiteCount: 1 });
    const east = await gridQrSheet(t.db, NE, NOW, 1);
    expect(east?.addresses.map((a) => a.address)).toEqual(['东边路 4 号']);
    expect(east?.keySites.map((k) => k.name)).toEqual(['东边菜场']);
  });

  it('puts each place on the sheet of the grid its report is bound to', async () => {
    for (const code of [NW, NE]) {
      const sheet = (await gridQrSheet(t.db, code, NOW, 1))!;
      for (const a of sheet.addresses) expect((await locateReport(t.db, { kind: 'address', addressId: a.id }, NOW)).gridCode).toBe(code);
      for (const k of sheet.keySites) expect((await locateReport(t.db, { kind: 'key_site', keySiteId: k.id }, NOW)).gridCode).toBe(code);
    }
  });

  it('answers null for a code not in force, and clamps the page', async () => {
    expect(await gridQrSheet(t.db, '320102001002005', NOW, 1)).toBeNull();
    expect(await gridQrSheet(t.db, '320102001009009', NOW, 1)).toBeNull();
    expect((await gridQrSheet(t.db, NW, NOW, 7))?.page).toBe(1);
    expect((await gridQrSheet(t.db, NW, NOW, 0))?.page).toBe(1);
    expect(QR_SHEET_PAGE_SIZE).toBe(2000);
  });
});

describe('the codes printed', () => {
  it('name the report form of the place', () => {
    expect(reportPath({ kind: 'address', code: '320102001001000001' })).toBe('/r/a/320102001001000001');
    expect(reportPath({ kind: 'key_site', id: 12 })).toBe('/r/k/12');
  });

  it('take the origin from the request, never a made-up host', () => {
    const h = (o: Record<string, string>) => ({ get: (n: string) => o[n] ?? null });
    expect(requestOrigin(h({ host: '10.1.2.3:3000', 'x-forwarded-proto': 'http' }))).toBe('http://10.1.2.3:3000');
    expect(requestOrigin(h({ host: 'grid.nj.gov.cn', 'x-forwarded-proto': 'https, http' }))).toBe('https://grid.nj.gov.cn');
    expect(requestOrigin(h({ host: 'evil.example/<script>' }))).toBe('http://localhost');
    expect(requestOrigin(h({ host: '[::1]:3000' }))).toBe('http://[::1]:3000');
  });

  it('render as SVG', async () => {
    const svg = await qrSvg('http://localhost:3000/r/a/320102001001000001');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('viewBox');
  });
});
