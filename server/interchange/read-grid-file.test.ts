import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { INPUT_ERRORS, INPUT_WARNINGS } from '@/geo/interchange/input-errors';
import { parseGridFeatureCollection } from '@/geo/interchange/parse-grid-feature-collection';
import type { GridCandidate } from '@/geo/topology/grid-candidate';
import { readGridFile } from './read-grid-file';
import { writeGridFile } from './write-grid-file';
import { listZipEntries, writeZipArchive } from './zip-archive';

const fixtureBytes = (name: string) =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../../geo/interchange/__fixtures__/${name}`, import.meta.url))));
const enc = (s: string) => new TextEncoder().encode(s);

function fixtureGrids(): GridCandidate[] {
  const r = parseGridFeatureCollection(new TextDecoder().decode(fixtureBytes('nanjing-two-grids.geojson')));
  if (!r.ok) throw new Error('fixture does not parse');
  return r.grids;
}

/** Odd grids for round trips: a hole, a multipolygon, no code, a long Chinese name, dedicated kinds. */
const oddGrids: GridCandidate[] = [
  {
    key: 'a', code: '320102002001003', name: '玄武湖"风景区"<专属>网格&', kind: 'dedicated', dedicatedType: 'park', communityCode: '320102002001',
    geometry: { type: 'Polygon', coordinates: [
      [[118.78, 32.06], [118.79, 32.06], [118.79, 32.07], [118.78, 32.07], [118.78, 32.06]],
      [[118.782, 32.062], [118.782, 32.064], [118.784, 32.064], [118.784, 32.062], [118.782, 32.062]],
    ] },
  },
  {
    key: 'b', code: null, name: null, kind: 'comprehensive', dedicatedType: null, communityCode: null,
    geometry: { type: 'MultiPolygon', coordinates: [
      [[[118.8, 32.0], [118.81, 32.0], [118.81, 32.01], [118.8, 32.0]]],
      [[[118.82, 32.0], [118.83, 32.0], [118.83, 32.01], [118.82, 32.0]]],
    ] },
  },
  {
    key: 'c', code: '320102002001004', name: '网'.repeat(80), kind: 'dedicated', dedicatedType: 'government', communityCode: '320102002001',
    geometry: { type: 'Polygon', coordinates: [[[118.123456789, 32.987654321], [118.2, 32.98], [118.2, 33.0], [118.123456789, 32.987654321]]] },
  },
];

/** Polygon parts as sets of rings, each rotated to start at its smallest vertex and wound one way. */
function normalizedParts(g: GridCandidate): Position[][][] {
  const parts = g.geometry.type === 'Polygon' ? [g.geometry.coordinates] : g.geometry.coordinates;
  const norm = (ring: Position[]) => {
    let open = ring.slice(0, -1);
    let area = 0;
    for (let i = 0, j = open.length - 1; i < open.length; j = i++) area += (open[j]![0]! - open[i]![0]!) * (open[j]![1]! + open[i]![1]!);
    if (area > 0) open = open.reverse();
    // Smallest vertex compared at 1e-6°, so a GCJ-02 round trip (~1e-8° off) picks the same start.
    const key = (p: Position) => [Math.round(p[0]! * 1e6), Math.round(p[1]! * 1e6)] as const;
    let min = 0;
    open.forEach((p, i) => {
      const [x, y] = key(p);
      const [mx, my] = key(open[min]!);
      if (x < mx || (x === mx && y < my)) min = i;
    });
    return [...open.slice(min), ...open.slice(0, min)];
  };
  return parts.map((rings) => rings.map(norm));
}

function expectSameGrids(got: GridCandidate[], want: GridCandidate[], tolerance = 1e-7) {
  expect(got.map((g) => [g.code, g.name, g.kind, g.dedicatedType, g.communityCode])).toEqual(
    want.map((g) => [g.code, g.name, g.kind, g.dedicatedType, g.communityCode]),
  );
  got.forEach((g, i) => {
    const a = normalizedParts(g);
    const b = normalizedParts(want[i]!);
    expect(a.length).toBe(b.length);
    a.forEach((rings, p) => rings.forEach((ring, r) => {
      expect(ring.length).toBe(b[p]![r]!.length);
      ring.forEach((pos, k) => {
        expect(Math.abs(pos[0]! - b[p]![r]![k]![0]!)).toBeLessThan(tolerance);
        expect(Math.abs(pos[1]! - b[p]![r]![k]![1]!)).toBeLessThan(tolerance);
      });
    }));
  });
}

describe('writeGridFile then readGridFile gives the same grids', () => {
  for (const format of ['geojson', 'shapefile', 'kml'] as const) {
    for (const crs of ['wgs84', 'gcj02'] as const) {
      it(`${format}, ${crs}`, async () => {
        for (const grids of [fixtureGrids(), oddGrids]) {
          const file = writeGridFile(grids, format, { crs });
          const read = await readGridFile(file.bytes, file.fileName, { crs });
          if (!read.ok) throw new Error(JSON.stringify(read.errors));
          expectSameGrids(read.grids, grids);
        }
      });
    }
  }

  it('names the file and its type', () => {
    expect(writeGridFile(oddGrids, 'geojson')).toMatchObject({ fileName: 'grids.geojson', mimeType: 'application/geo+json' });
    expect(writeGridFile(oddGrids, 'kml', { baseName: '梅园' })).toMatchObject({ fileName: '梅园.kml', mimeType: 'application/vnd.google-earth.kml+xml' });
    expect(writeGridFile(oddGrids, 'shapefile')).toMatchObject({ fileName: 'grids.zip', mimeType: 'application/zip' });
  });

  it('writes a shapefile with a WGS84 .prj and a UTF-8 .cpg', () => {
    const zip = writeGridFile(oddGrids, 'shapefile').bytes;
    const listing = listZipEntries(zip, 10, 1e9);
    expect(listing.ok && listing.entries.map((e) => e.name)).toEqual(['grids.shp', 'grids.shx', 'grids.dbf', 'grids.prj', 'grids.cpg']);
  });

  it('exports GCJ-02 coordinates when asked (offset ~500 m in Nanjing)', () => {
    const fc = JSON.parse(new TextDecoder().decode(writeGridFile(fixtureGrids(), 'geojson', { crs: 'gcj02' }).bytes));
    expect(fc.features[0].geometry.coordinates[0][0][0]).toBeCloseTo(118.7952, 3);
  });
});

describe('readGridFile: the fixtures', () => {
  it('reads the KML with Chinese property names, dropping its zero heights', async () => {
    const r = await readGridFile(fixtureBytes('nanjing-chinese-properties.kml'), 'nanjing-chinese-properties.kml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expectSameGrids(r.grids, fixtureGrids());
    expect(r.warnings.map((w) => w.code)).toEqual([INPUT_WARNINGS.zDropped]);
  });

  it('reads the committed zipped shapefile', async () => {
    const r = await readGridFile(fixtureBytes('nanjing-two-grids.shp.zip'), 'nanjing-two-grids.shp.zip');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expectSameGrids(r.grids, fixtureGrids());
  });

  it('reads the GCJ-02 GeoJSON when GCJ-02 is declared', async () => {
    const r = await readGridFile(fixtureBytes('nanjing-two-grids.gcj02.geojson'), 'x.geojson', { crs: 'gcj02' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expectSameGrids(r.grids, fixtureGrids());
  });
});

/** A shapefile zip as our writer makes it, with extra entries added. */
function shapefileZipWith(extra: { name: string; bytes: Uint8Array }[], drop: string[] = []) {
  const base = writeGridFile(fixtureGrids(), 'shapefile');
  const listing = listZipEntries(base.bytes, 100, 1e9);
  if (!listing.ok) throw new Error('bad zip');
  // Re-read the parts through a fresh write: simpler than copying raw entries.
  const parts = ['shp', 'shx', 'dbf', 'prj', 'cpg'].filter((e) => !drop.includes(e));
  const files = parts.map((ext) => ({ name: `grids.${ext}`, bytes: extractByName(base.bytes, `grids.${ext}`) }));
  return writeZipArchive([...files, ...extra]);
}
import { extractZipEntry } from './zip-archive';
function extractByName(zip: Uint8Array, name: string): Uint8Array {
  const listing = listZipEntries(zip, 100, 1e9);
  if (!listing.ok) throw new Error('bad zip');
  const entry = listing.entries.find((e) => e.name === name)!;
  const r = extractZipEntry(zip, entry);
  if (!r.ok) throw new Error('bad entry');
  return r.bytes;
}

describe('readGridFile: refused files', () => {
  const codesOf = async (bytes: Uint8Array, name: string, opts = {}) => {
    const r = await readGridFile(bytes, name, opts);
    return r.ok ? [] : r.errors.map((e) => e.code);
  };
  const some = enc('x');

  it('refuses files over the size limit with FILE_TOO_LARGE (413)', async () => {
    expect(await codesOf(fixtureBytes('nanjing-two-grids.geojson'), 'a.geojson', { limits: { maxInputBytes: 100 } })).toEqual([INPUT_ERRORS.fileTooLarge]);
  });
  it('refuses unknown extensions and non-UTF-8 text', async () => {
    expect(await codesOf(some, 'grids.shp')).toEqual([INPUT_ERRORS.fileFormatUnsupported]);
    expect(await codesOf(new Uint8Array([0x7b, 0xc4, 0xcf, 0x7d]), 'gbk.geojson')).toEqual([INPUT_ERRORS.fileEncodingNotUtf8]);
  });
  it('refuses archives with unsafe paths', async () => {
    for (const name of ['../evil.shp', '/etc/passwd.prj', 'C:/x.dbf', 'a/../../b.cpg', 'a\\..\\b.prj']) {
      expect(await codesOf(shapefileZipWith([{ name, bytes: some }]), 'g.zip')).toContain(INPUT_ERRORS.archiveUnsafePath);
    }
  });
  it('refuses executables, nested archives and other entries', async () => {
    expect(await codesOf(shapefileZipWith([{ name: 'setup.exe', bytes: some }]), 'g.zip')).toEqual([INPUT_ERRORS.archiveExecutable]);
    expect(await codesOf(shapefileZipWith([{ name: 'more.zip', bytes: some }]), 'g.zip')).toEqual([INPUT_ERRORS.archiveNestedArchive]);
    expect(await codesOf(shapefileZipWith([{ name: 'notes.docx', bytes: some }]), 'g.zip')).toEqual([INPUT_ERRORS.archiveUnexpectedEntry]);
  });
  it('ignores __MACOSX clutter with a warning', async () => {
    const r = await readGridFile(shapefileZipWith([{ name: '__MACOSX/._grids.shp', bytes: some }]), 'g.zip');
    expect(r.ok && r.warnings.map((w) => w.code)).toContain(INPUT_WARNINGS.archiveEntryIgnored);
  });
  it('refuses several layers unless all are asked for', async () => {
    const twoLayers = shapefileZipWith([
      { name: 'more.shp', bytes: extractByName(writeGridFile(oddGrids, 'shapefile').bytes, 'grids.shp') },
      { name: 'more.dbf', bytes: extractByName(writeGridFile(oddGrids, 'shapefile').bytes, 'grids.dbf') },
    ]);
    expect(await codesOf(twoLayers, 'g.zip')).toEqual([INPUT_ERRORS.archiveMultipleShapefiles]);
    const all = await readGridFile(twoLayers, 'g.zip', { allLayers: true });
    expect(all.ok && all.grids.length).toBe(fixtureGrids().length + oddGrids.length);
  });
  it('refuses an archive without a .shp, and a zip bomb', async () => {
    expect(await codesOf(writeZipArchive([{ name: 'a.prj', bytes: some }]), 'g.zip')).toEqual([INPUT_ERRORS.archiveNoShapefile]);
    const bomb = writeZipArchive([{ name: 'a.shp', bytes: new Uint8Array(5_000_000) }]);
    expect(bomb.length).toBeLessThan(10_000);
    expect(await codesOf(bomb, 'g.zip', { limits: { maxUncompressedBytes: 1_000_000 } })).toEqual([INPUT_ERRORS.archiveTooLargeUncompressed]);
  });
  it('refuses a zip whose directory lies about an entry size (inflation is capped)', async () => {
    const zip = writeZipArchive([{ name: 'a.shp', bytes: new Uint8Array(100_000) }]);
    const view = new DataView(zip.buffer);
    // Find the central directory entry and claim 100 bytes uncompressed.
    for (let i = zip.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 100, true);
        break;
      }
    }
    expect(await codesOf(zip, 'g.zip')).toEqual([INPUT_ERRORS.archiveCorrupt]);
  });
  it('refuses garbage zips and garbage shapefiles', async () => {
    expect(await codesOf(enc('PK not really'), 'g.zip')).toEqual([INPUT_ERRORS.archiveCorrupt]);
    expect(await codesOf(writeZipArchive([{ name: 'a.shp', bytes: enc('garbage garbage') }]), 'g.zip')).toEqual([INPUT_ERRORS.shapefileUnreadable]);
  });
  it('refuses a .prj it cannot understand', async () => {
    const zip = shapefileZipWith([{ name: 'grids.prj', bytes: enc('PROJCS["nonsense",UNKNOWN[') }], ['prj']);
    expect(await codesOf(zip, 'g.zip')).toEqual([INPUT_ERRORS.shapefilePrjUnsupported]);
  });
  it('warns when the .prj is missing and reads as WGS84', async () => {
    const r = await readGridFile(shapefileZipWith([], ['prj']), 'g.zip');
    expect(r.ok && r.warnings.map((w) => w.code)).toContain(INPUT_WARNINGS.shapefilePrjMissing);
  });
  it('reprojects a projected shapefile (UTM 50N) from its .prj', async () => {
    const utm = 'PROJCS["WGS_1984_UTM_Zone_50N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    // A square in metres near Nanjing (easting ~668 km, northing ~3548 km).
    const square = [[668000, 3548000], [668000, 3548500], [668500, 3548500], [668500, 3548000], [668000, 3548000]];
    const grids: GridCandidate[] = [{ key: 'u', code: null, name: 'utm', kind: 'comprehensive', dedicatedType: null, communityCode: null, geometry: { type: 'Polygon', coordinates: [square] } }];
    const zip = writeGridFile(grids, 'shapefile').bytes;
    const files = ['shp', 'shx', 'dbf', 'cpg'].map((e) => ({ name: `g.${e}`, bytes: extractByName(zip, `grids.${e}`) }));
    const r = await readGridFile(writeZipArchive([...files, { name: 'g.prj', bytes: enc(utm) }]), 'g.zip');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const [lon, lat] = (r.grids[0]!.geometry.coordinates[0] as Position[])[0]!;
    expect(lon).toBeGreaterThan(118.7);
    expect(lon).toBeLessThan(118.9);
    expect(lat).toBeGreaterThan(32.0);
    expect(lat).toBeLessThan(32.1);
  });
  it('refuses KML with a DOCTYPE (entity expansion) and malformed KML', async () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><kml><Placemark><name>&lol2;</name></Placemark></kml>';
    expect(await codesOf(enc(bomb), 'a.kml')).toEqual([INPUT_ERRORS.kmlDoctypeRefused]);
    expect(await codesOf(enc('<kml><Placemark></kml>'), 'a.kml')).toEqual([INPUT_ERRORS.kmlMalformed]);
    expect(await codesOf(enc('<html></html>'), 'a.kml')).toEqual([INPUT_ERRORS.kmlMalformed]);
  });
  it('puts KML placemarks through the same checks (an unclosed ring)', async () => {
    const kml = '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>118.79,32.04 118.80,32.04 118.80,32.05 118.79,32.05</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>';
    expect(await codesOf(enc(kml), 'a.kml')).toEqual([INPUT_ERRORS.ringNotClosed]);
  });
});
