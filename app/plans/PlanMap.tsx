'use client';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection } from 'geojson';
import { useEffect, useRef } from 'react';
import type { BBox } from '@/app/map/map-fit';
import { MapPane } from '@/app/map/MapPane';
import { useMapBeside } from '@/app/map/use-map-beside';
import type { CommentMode, CommentPlace } from './comment-sketch';
import { PlanMapController, type PlanMapOptions } from './plan-map-controller';

export type CompareMode = 'overlay' | 'side';

export interface PlanMapProps {
  compare: CompareMode;
  boundaries: boolean;
  locale: Record<string, string>;
  /** Labels of the map (overlay, or the plan's side) and of the side-by-side map of the grids in force. */
  label: string;
  oldLabel: string;
  /** Overlay: all diff features; side by side: the plan's side here, `oldDiff` on the other map. */
  diff: FeatureCollection;
  oldDiff: FeatureCollection;
  markers: FeatureCollection;
  arrangements: FeatureCollection;
  comments: FeatureCollection;
  highlight: string | null;
  commentMode: CommentMode;
  pendingPlace: CommentPlace | null;
  /** A new object each time the maps should frame a box. */
  frame: { bbox: BBox; animate: boolean } | null;
  onGridClick: (cid: string) => void;
  onCommentClick: (id: number) => void;
  onPlaced: (place: CommentPlace) => void;
  onSketch: NonNullable<PlanMapOptions['onSketch']>;
}

/**
 * The React face of the plan maps: the main map (always; comments are placed on it) and, side by side,
 * a second map of the grids in force that follows the first. Each is created once; props go to setters.
 */
export default function PlanMap(props: PlanMapProps) {
  const main = useRef<HTMLDivElement>(null);
  const second = useRef<HTMLDivElement>(null);
  const controller = useRef<PlanMapController | null>(null);
  const callbacks = useRef(props);
  callbacks.current = props;
  const side = props.compare === 'side';

  useEffect(() => {
    if (!main.current) return;
    const c = new PlanMapController({
      container: main.current,
      origin: window.location.origin,
      boundaries: props.boundaries,
      locale: { ...props.locale, 'Map.Title': props.label },
      onGridClick: (cid) => callbacks.current.onGridClick(cid),
      onCommentClick: (id) => callbacks.current.onCommentClick(id),
      onPlaced: (p) => callbacks.current.onPlaced(p),
      onSketch: (e) => callbacks.current.onSketch(e),
    });
    controller.current = c;
    return () => {
      controller.current = null;
      c.destroy();
    };
    // Created once; later prop changes go through the setters below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The second map exists only side by side, on the main map's view.
  const oldController = useMapBeside(side, second, controller, (container) => {
    const c = new PlanMapController({
      container,
      origin: window.location.origin,
      boundaries: props.boundaries,
      locale: { ...props.locale, 'Map.Title': props.oldLabel },
      onGridClick: (cid) => callbacks.current.onGridClick(cid),
      onCommentClick: (id) => callbacks.current.onCommentClick(id),
    });
    c.setDiff(callbacks.current.oldDiff);
    c.setMarkers(callbacks.current.markers);
    c.setArrangements(callbacks.current.arrangements);
    c.setComments(callbacks.current.comments);
    c.setHighlight(callbacks.current.highlight);
    return c;
  });

  const both = (f: (c: PlanMapController) => void) => {
    if (controller.current) f(controller.current);
    if (oldController.current) f(oldController.current);
  };
  useEffect(() => controller.current?.setDiff(props.diff), [props.diff]);
  useEffect(() => oldController.current?.setDiff(props.oldDiff), [props.oldDiff]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => both((c) => c.setMarkers(props.markers)), [props.markers]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => both((c) => c.setArrangements(props.arrangements)), [props.arrangements]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => both((c) => c.setComments(props.comments)), [props.comments]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => both((c) => c.setHighlight(props.highlight)), [props.highlight]);
  useEffect(() => controller.current?.setCommentMode(props.commentMode), [props.commentMode]);
  useEffect(() => controller.current?.setPendingPlace(props.pendingPlace), [props.pendingPlace]);
  useEffect(() => {
    // The followed map takes the same view through the link.
    if (props.frame) controller.current?.fitBounds(props.frame.bbox, props.frame.animate);
  }, [props.frame]);

  return (
    <div className={side ? 'pl-maps pl-maps-side' : 'pl-maps'}>
      {side && <MapPane prefix="pl" caption={props.oldLabel} ref={second} testId="map-old" label={props.oldLabel} />}
      <MapPane prefix="pl" caption={side ? props.label : undefined} ref={main} testId="map" data-comment-mode={props.commentMode} label={props.label}>
        {props.commentMode !== 'none' && <span className="pl-crosshair" aria-hidden="true" />}
      </MapPane>
    </div>
  );
}
