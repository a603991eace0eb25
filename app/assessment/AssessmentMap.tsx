'use client';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { ExpressionSpecification } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { MapRegion } from '@/app/map/MapPane';
import type { MapGroup } from './choropleth';
import { ChoroplethController } from './choropleth-controller';

export interface AssessmentMapProps {
  group: MapGroup;
  fill: ExpressionSpecification | string;
  selected: string | null;
  /** A new object each time the map should frame these areas (new rows, or an area chosen in the table). */
  frame: { codes: string[]; animate: boolean } | null;
  /** MapLibre's strings, the canvas's label ('Map.Title') among them. */
  locale: Record<string, string>;
  label: string;
  /** The id of the text that says the table is the map's text alternative. */
  describedBy: string;
  onAreaClick: (code: string, name: string | null) => void;
}

/**
 * The React face of the assessment map: created once (loaded in the browser only, next/dynamic with
 * ssr: false), the grouping, fill, selection and framing passed to the controller's setters.
 */
export default function AssessmentMap(props: AssessmentMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<ChoroplethController | null>(null);
  const onAreaClick = useRef(props.onAreaClick);
  onAreaClick.current = props.onAreaClick;

  useEffect(() => {
    if (!container.current) return;
    const c = new ChoroplethController({
      container: container.current,
      origin: window.location.origin,
      group: props.group,
      locale: { ...props.locale, 'Map.Title': props.label },
      onAreaClick: (code, name) => onAreaClick.current(code, name),
    });
    c.map.getCanvas().setAttribute('aria-describedby', props.describedBy);
    c.setFill(props.fill);
    c.setSelected(props.selected);
    controller.current = c;
    return () => {
      controller.current = null;
      c.destroy();
    };
    // Created once; later prop changes go through the setters below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // In this order: the grouping's layers first, then their colours, then the framing on them.
  useEffect(() => controller.current?.setGroup(props.group), [props.group]);
  useEffect(() => controller.current?.setFill(props.fill), [props.fill]);
  useEffect(() => controller.current?.setSelected(props.selected), [props.selected]);
  useEffect(() => {
    if (props.frame) controller.current?.frame(props.frame.codes, props.frame.animate);
  }, [props.frame]);

  return (
    <div className="as-map-frame">
      <MapRegion ref={container} className="as-map-canvas" testId="assessment-map" data-group={props.group} label={props.label} describedBy={props.describedBy} />
    </div>
  );
}
