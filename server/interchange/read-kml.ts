import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { INPUT_ERRORS, type InputError, issue, located, msg } from '@/geo/interchange/input-errors';

export type KmlRead = { ok: true; collection: FeatureCollection<Geometry | null> } | { ok: false; errors: InputError[] };

/**
 * KML text -> GeoJSON with @tmcw/togeojson over @xmldom/xmldom. A document type declaration is refused
 * outright: KML never needs one, and entity declarations are how XML bombs and external entities get in.
 * KML has no MultiPolygon: a MultiGeometry of polygons (what tokml writes for one) becomes one again.
 */
export function readKml(text: string): KmlRead {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    return { ok: false, errors: [issue(INPUT_ERRORS.kmlDoctypeRefused, null, '', msg(
      'KML 文件含有 DOCTYPE/ENTITY 声明，出于安全原因拒绝导入', 'the KML declares a DOCTYPE/ENTITY, which is refused for security'))] };
  }
  const malformed = (detail: string): KmlRead => ({ ok: false, errors: [issue(INPUT_ERRORS.kmlMalformed, null, '', msg(
    `KML 文件格式错误：${detail}`, `the KML is malformed: ${detail}`))] });
  let problem: string | null = null;
  let collection: FeatureCollection<Geometry | null>;
  try {
    const doc = new DOMParser({
      onError: (level: string, message: string) => {
        if (level !== 'warning' && problem === null) problem = String(message).slice(0, 200);
      },
    }).parseFromString(text, 'text/xml');
    if (problem !== null) return malformed(problem);
    if (!doc.documentElement || doc.documentElement.localName !== 'kml') return malformed('no <kml> root element');
    const unclosed = unclosedRings(doc as unknown as Document);
    if (unclosed.length > 0) return { ok: false, errors: unclosed };
    collection = kml(doc as unknown as Document);
  } catch (e) {
    return malformed(problem ?? (e instanceof Error ? e.message.slice(0, 200) : 'unreadable'));
  }
  return {
    ok: true,
    collection: {
      type: 'FeatureCollection',
      features: collection.features.map((f) => ({ ...f, geometry: f.geometry ? polygonsAsMultiPolygon(f.geometry) : null })),
    },
  };
}

function polygonsAsMultiPolygon(geometry: Geometry): Geometry {
  if (geometry.type !== 'GeometryCollection' || geometry.geometries.length === 0) return geometry;
  const parts: Position[][][] = [];
  for (const g of geometry.geometries) {
    if (g.type === 'Polygon') parts.push(g.coordinates);
    else if (g.type === 'MultiPolygon') parts.push(...g.coordinates);
    else return geometry; // mixed: left as is for the parser to report
  }
  return { type: 'MultiPolygon', coordinates: parts };
}

/**
 * togeojson closes open rings silently; KML requires them closed (OGC 07-147r2, 10.5), and a ring that
 * is not is reported here, the same as in GeoJSON, rather than repaired behind the user's back.
 * Placemarks are numbered in document order, as togeojson emits them.
 */
function unclosedRings(doc: Document): InputError[] {
  const errors: InputError[] = [];
  const placemarks = doc.getElementsByTagName('Placemark');
  for (let i = 0; i < placemarks.length; i++) {
    const rings = placemarks[i]!.getElementsByTagName('LinearRing');
    for (let r = 0; r < rings.length; r++) {
      const coordinates = rings[r]!.getElementsByTagName('coordinates')[0];
      const tuples = (coordinates?.textContent ?? '').trim().split(/\s+/).filter((t) => t.length > 0);
      if (tuples.length < 2) continue; // too short: the parser reports it by its own code
      const first = tuples[0]!.split(',').slice(0, 2).map(Number);
      const last = tuples[tuples.length - 1]!.split(',').slice(0, 2).map(Number);
      if (first[0] !== last[0] || first[1] !== last[1]) {
        errors.push(issue(INPUT_ERRORS.ringNotClosed, i, `Placemark[${i}].LinearRing[${r}]`, located(i, msg(
          '环未闭合：最后一个点应与第一个点相同', 'a ring is not closed: its last position must equal its first'))));
      }
    }
  }
  return errors;
}
