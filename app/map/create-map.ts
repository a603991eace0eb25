import maplibregl, { type MapOptions } from 'maplibre-gl';

/**
 * A MapLibre map set up the way every map of the app is: no attribution control (the basemap is the
 * app's own), Chinese labels from local fonts (MapLibre must never ask a server for glyphs), no rotation
 * or pitch, a drawing buffer kept for the browser tests' canvas samples, and zoom buttons and a metric
 * scale. Callers add what is theirs: container, style, view, zoom range and interaction switches.
 */
export function createAppMap(options: MapOptions): maplibregl.Map {
  const map = new maplibregl.Map({
    attributionControl: false,
    localIdeographFontFamily: '"Noto Sans CJK SC", "Source Han Sans SC", sans-serif',
    dragRotate: false,
    pitchWithRotate: false,
    canvasContextAttributes: { preserveDrawingBuffer: true },
    ...options,
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'bottom-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  return map;
}
