'use client';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection } from 'geojson';
import { useEffect, useRef } from 'react';
import type { BBox } from '@/app/map/map-fit';
import { MapPane } from '@/app/map/MapPane';
import { useMapBeside } from '@/app/map/use-map-beside';
import { PlannerMapController, type MapPick } from './planner-map-controller';
import type { Norm } from './planner-map-style';
import type { ScopeLevel } from './scope';

export type CompareMode = 'over' | 'beside';

/** A new object each time the maps should frame: the scenario's grids' box, or the chosen areas. */
export type MapFrame = { kind: 'bbox'; bbox: BBox } | { kind: 'areas'; level: ScopeLevel; codes: string[] };

export interface PlannerMapProps {
  mode: CompareMode;
  scopeCodes: string[];
  norm: Norm | null;
  scenario: FeatureCollection;
  selected: MapPick | null;
  frame: MapFrame | null;
  /** MapLibre's strings (zoom buttons). */
  locale: Record<string, string>;
  /** Labels of the map over today's grids, and of the two maps side by side. */
  overLabel: string;
  todayLabel: string;
  scenarioLabel: string;
  /** The id of the text that says how to pick a grid with the keyboard and where the list is. */
  describedBy: string;
  onPick: (pick: MapPick | null) => void;
}

/**
 * The React face of the planner maps: the main map (the scenario over today's grids, or the scenario
 * alone side by side) and, side by side, a second map of today's grids that follows the first. Each is
 * created once (in the browser only, next/dynamic with ssr: false); props go to the setters.
 */
export default function PlannerMap(props: PlannerMapProps) {
  const main = useRef<HTMLDivElement>(null);
  const second = useRef<HTMLDivElement>(null);
  const controller = useRef<PlannerMapController | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const beside = props.mode === 'beside';

  useEffect(() => {
    if (!main.current) return;
    const p = latest.current;
    const c = new PlannerMapController({
      container: main.current,
      origin: window.location.origin,
      side: p.mode === 'beside' ? 'scenario' : 'over',
      locale: { ...p.locale, 'Map.Title': p.mode === 'beside' ? p.scenarioLabel : p.overLabel },
      onPick: (pick) => latest.current.onPick(pick),
    });
    c.map.getCanvas().setAttribute('aria-describedby', p.describedBy);
    c.setScope(p.scopeCodes);
    c.setNorm(p.norm);
    c.setScenario(p.scenario);
    c.setSelected(p.selected);
    controller.current = c;
    return () => {
      controller.current = null;
      c.destroy();
    };
  }, []);

  // The second map exists only side by side, on the main map's view; the main map then shows the scenario alone.
  const todayController = useMapBeside(
    beside,
    second,
    controller,
    (container, first) => {
      const p = latest.current;
      first.setSide('scenario');
      first.map.getCanvas().setAttribute('aria-label', p.scenarioLabel);
      const c = new PlannerMapController({
        container,
        origin: window.location.origin,
        side: 'today',
        locale: { ...p.locale, 'Map.Title': p.todayLabel },
        onPick: (pick) => latest.current.onPick(pick),
      });
      c.map.getCanvas().setAttribute('aria-describedby', p.describedBy);
      c.setScope(p.scopeCodes);
      c.setNorm(p.norm);
      c.setSelected(p.selected);
      return c;
    },
    (first) => {
      first.setSide('over');
      first.map.getCanvas().setAttribute('aria-label', latest.current.overLabel);
    },
  );

  const both = (f: (c: PlannerMapController) => void) => {
    if (controller.current) f(controller.current);
    if (todayController.current) f(todayController.current);
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => both((c) => c.setScope(props.scopeCodes)), [props.scopeCodes]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => both((c) => c.setNorm(props.norm)), [props.norm]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => both((c) => c.setSelected(props.selected)), [props.selected]);
  useEffect(() => controller.current?.setScenario(props.scenario), [props.scenario]);
  useEffect(() => {
    // The followed map takes the same view through the link.
    const f = props.frame;
    if (!f) return;
    if (f.kind === 'bbox') controller.current?.fitBounds(f.bbox, true);
    else controller.current?.frameCodes(f.level, f.codes);
  }, [props.frame]);

  return (
    <div className={beside ? 'pn-maps pn-maps-beside' : 'pn-maps'}>
      {beside && <MapPane prefix="pn" caption={props.todayLabel} ref={second} testId="planner-map-today" label={props.todayLabel} />}
      <MapPane
        prefix="pn"
        caption={beside ? props.scenarioLabel : undefined}
        ref={main}
        testId="map"
        data-mode={props.mode}
        label={beside ? props.scenarioLabel : props.overLabel}
      />
    </div>
  );
}
