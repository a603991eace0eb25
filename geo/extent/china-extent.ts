/**
 * China's extent in WGS84 degrees, generously (Mohe to Zengmu Ansha, the Pamirs to Fuyuan). Grids lie
 * inside it; a position outside it is garbage or lon/lat given the wrong way round. The latitude and
 * longitude ranges do not overlap, which is what makes a swapped pair recognisable.
 */
export const CHINA_EXTENT = { minLon: 73.4, maxLon: 135.1, minLat: 3.8, maxLat: 53.6 } as const;

export const inChinaLon = (v: number): boolean => v >= CHINA_EXTENT.minLon && v <= CHINA_EXTENT.maxLon;
export const inChinaLat = (v: number): boolean => v >= CHINA_EXTENT.minLat && v <= CHINA_EXTENT.maxLat;
