import maplibregl from 'maplibre-gl';
import { createAppMap } from '@/app/map/create-map';
import { CITY_MAX_BOUNDS } from '@/app/map/state';
import { pickMapStyle, type Bounds } from './pick-map';

export interface PickMapOptions {
  container: HTMLElement;
  origin: string;
  bounds: Bounds;
  /** MapLibre's own strings, translated (the canvas's label is 'Map.Title'). */
  locale: Record<string, string>;
  onPick: (point: [number, number]) => void;
}

/**
 * Owns the patrol form's maplibregl.Map outside React's render loop (as the other controllers do): a tap
 * sets the point and its marker; on the focused map, Enter or Space sets it at the centre of the view
 * (the page draws a crosshair there). React passes the point back in when the fields or the phone's
 * position change it.
 */
export class PickMapController {
  readonly map: maplibregl.Map;
  private readonly marker: maplibregl.Marker;
  private shown = false;

  constructor(private readonly opts: PickMapOptions) {
    this.map = createAppMap({
      container: opts.container,
      style: pickMapStyle(opts.origin),
      bounds: opts.bounds,
      maxBounds: CITY_MAX_BOUNDS,
      minZoom: 6,
      maxZoom: 19,
      locale: opts.locale,
      // A double tap would set the point twice and zoom; the buttons and pinch zoom instead.
      doubleClickZoom: false,
    });
    this.marker = new maplibregl.Marker({ color: '#c62828' });
    // Made in a hidden tab, the map had no size to frame the bounds in: it frames them once it is shown.
    if (opts.container.clientWidth === 0 || opts.container.clientHeight === 0) {
      const frame = () => {
        if (opts.container.clientWidth === 0 || opts.container.clientHeight === 0) return;
        this.map.off('resize', frame);
        if (!this.shown) this.map.fitBounds(opts.bounds, { animate: false });
      };
      this.map.on('resize', frame);
    }
    this.map.on('click', (e) => this.pick([e.lngLat.lng, e.lngLat.lat]));
    this.map.on('idle', () => {
      opts.container.dataset.mapState = 'idle';
    });
    this.map.on('movestart', () => {
      opts.container.dataset.mapState = 'moving';
    });
    this.map.getCanvas().addEventListener('keydown', this.onKeyDown);
  }

  private readonly onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    const c = this.map.getCenter();
    this.pick([c.lng, c.lat]);
  };

  private pick(point: [number, number]) {
    this.setPoint(point, false);
    this.opts.onPick(point);
  }

  /** Shows the point (null: none); `follow` brings it into view when it lies outside. */
  setPoint(point: [number, number] | null, follow: boolean) {
    if (!point) {
      if (this.shown) this.marker.remove();
      this.shown = false;
      return;
    }
    this.marker.setLngLat(point);
    if (!this.shown) this.marker.addTo(this.map);
    this.shown = true;
    if (follow && !this.map.getBounds().contains(point)) this.map.easeTo({ center: point, zoom: Math.max(this.map.getZoom(), 15) });
  }

  destroy() {
    this.map.getCanvas().removeEventListener('keydown', this.onKeyDown);
    this.marker.remove();
    this.map.remove();
  }
}
