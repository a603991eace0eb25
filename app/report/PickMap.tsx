'use client';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import type { Bounds } from './pick-map';
import { PickMapController } from './pick-map-controller';

export interface PickMapProps {
  bounds: Bounds;
  /** The point shown (from a tap, the fields or the phone's position); null: none yet. */
  point: [number, number] | null;
  /** A new number each time the map should bring the point into view (it came from elsewhere than a tap). */
  followKey: number;
  locale: Record<string, string>;
  describedBy?: string;
  onPick: (point: [number, number]) => void;
}

/**
 * The React face of the patrol form's map: created once, the point passed in through the setter.
 * Loaded only in the browser (next/dynamic, ssr: false): MapLibre needs WebGL and window.
 */
export default function PickMap(props: PickMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<PickMapController | null>(null);
  const onPick = useRef(props.onPick);
  onPick.current = props.onPick;

  useEffect(() => {
    if (!container.current) return;
    const c = new PickMapController({
      container: container.current,
      origin: window.location.origin,
      bounds: props.bounds,
      locale: props.locale,
      onPick: (p) => onPick.current(p),
    });
    if (props.describedBy) c.map.getCanvas().setAttribute('aria-describedby', props.describedBy);
    controller.current = c;
    return () => {
      controller.current = null;
      c.destroy();
    };
    // Created once; the point goes through the setter below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    controller.current?.setPoint(props.point, props.followKey > 0);
    // Follow only when the key changes (a position or typed fields), not on every tap.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.point?.[0], props.point?.[1], props.followKey]);

  return (
    <div className="rp-map">
      <div ref={container} className="rp-map-canvas" data-map-state="loading" data-testid="report-map" />
      <span className="rp-map-crosshair" aria-hidden="true" />
    </div>
  );
}
