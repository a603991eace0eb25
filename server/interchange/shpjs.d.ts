// shpjs 6 ships no types; only the two low-level functions we call are declared.
declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** Parses .shp bytes; with a .prj WKT string, reprojects to WGS84 lon/lat via proj4. Throws on bad data. */
  export function parseShp(shp: ArrayBuffer | ArrayBufferView | DataView, prj?: string | false): (Geometry | null)[];
  /** Parses .dbf bytes with the encoding named by the .cpg text (UTF-8 when absent). */
  export function parseDbf(dbf: ArrayBuffer | ArrayBufferView | DataView, cpg?: string): Record<string, unknown>[];
}
