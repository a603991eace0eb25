/**
 * Keyboard vertex moves on the focused map: choose a vertex of the selected grid, move it with the
 * arrow keys (snapped like a drag), apply or put it back. Each change is announced for screen readers.
 */
import type maplibregl from 'maplibre-gl';
import type { Position } from 'geojson';
import { samePosition, type SnapKind } from '@/geo/snap/snap-point';
import type { VertexMove } from './editor-layers';
import type { SnappedPosition } from './editor-snapping';

/** The vertex chosen with the keyboard, as announced to screen readers. */
export interface KeyboardVertex {
  /** 0-based, in the order of the selected grid's vertex handles. */
  index: number;
  count: number;
  /** Where it is now: the previewed position while it is moved. */
  position: [number, number];
  moved: boolean;
  /** What the previewed position snapped to. */
  snap: SnapKind;
}

/**
 * Keys on the focused map in select mode (none clashes with the toolbar shortcuts, and MapLibre's own
 * arrow-key panning ignores Alt): `[` / `]` choose the previous / next vertex of the selected grid,
 * Alt+arrow moves it by 1 px (Shift+Alt+arrow by 10 px), Enter applies the move, Esc puts it back.
 */
export const VERTEX_KEYS = { previous: '[', next: ']', apply: 'Enter', cancel: 'Escape' } as const;
const ARROW_STEPS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
const FAST_STEP_PX = 10;

/** What the keyboard moves act on, provided by the controller. */
export interface VertexKeyboardHost {
  /** Whether keys may choose and move a vertex now: the map is ready, the mode allows it, no drag is under way. */
  canMove: () => boolean;
  /** The selected grid's vertex handles. */
  vertices: () => Position[];
  snap: (p: [number, number], moving: [number, number]) => SnappedPosition;
  clearSnapCue: () => void;
  /** Redraws the vertex handles. */
  render: () => void;
  announce: (v: KeyboardVertex | null) => void;
  onVertexMoved: (from: [number, number], to: [number, number]) => void;
}

export class VertexKeyboard {
  /**
   * The vertex chosen with the keyboard: where it is (`from`), where the arrow keys have taken it (`raw`)
   * and where that snaps to (`to`). `applied` once Enter sent the move, until the new vertices arrive.
   */
  private kbd: { index: number; from: [number, number]; raw: [number, number]; to: [number, number]; snap: SnapKind; applied: boolean } | null = null;

  constructor(
    private readonly map: maplibregl.Map,
    private readonly host: VertexKeyboardHost,
  ) {}

  /** The chosen vertex and where it would go, or null. */
  get move(): VertexMove | null {
    return this.kbd;
  }

  /** Where the chosen vertex is, or null. */
  get chosen(): [number, number] | null {
    return this.kbd?.from ?? null;
  }

  private announce() {
    const k = this.kbd;
    this.host.announce(k ? { index: k.index, count: this.host.vertices().length, position: k.to, moved: !samePosition(k.from, k.to), snap: k.snap } : null);
  }

  private choose(index: number) {
    const p = this.host.vertices()[index]!;
    const from: [number, number] = [p[0]!, p[1]!];
    this.kbd = { index, from, raw: from, to: from, snap: 'none', applied: false };
    this.host.clearSnapCue();
    if (!this.map.getBounds().contains(from)) this.map.easeTo({ center: from });
    this.host.render();
    this.announce();
  }

  /** Lets go of the chosen vertex, dropping a move not yet applied; the caller redraws the handles if it needs to. */
  letGo() {
    if (!this.kbd) return;
    this.kbd = null;
    this.announce();
  }

  readonly onKeyDown = (e: KeyboardEvent) => {
    // Only on the map itself: Enter on a zoom button must still press the button.
    if (e.target !== this.map.getCanvas()) return;
    const n = this.host.vertices().length;
    if (!this.host.canMove() || n === 0 || e.ctrlKey || e.metaKey) return;
    const k = this.kbd;
    const arrow = ARROW_STEPS[e.key];
    if (!e.altKey && (e.key === VERTEX_KEYS.next || e.key === VERTEX_KEYS.previous)) {
      // Choosing another vertex drops a move not yet applied.
      const step = e.key === VERTEX_KEYS.next ? 1 : -1;
      this.choose(k ? (k.index + step + n) % n : step > 0 ? 0 : n - 1);
    } else if (e.altKey && arrow) {
      if (!this.kbd) this.choose(0);
      const cur = this.kbd!;
      const px = e.shiftKey ? FAST_STEP_PX : 1;
      const xy = this.map.project(cur.raw);
      const ll = this.map.unproject([xy.x + arrow[0] * px, xy.y + arrow[1] * px]);
      const raw: [number, number] = [ll.lng, ll.lat];
      const s = this.host.snap(raw, cur.from);
      this.kbd = { ...cur, raw, to: s.position, snap: s.kind, applied: false };
      this.host.render();
      this.announce();
    } else if (e.key === VERTEX_KEYS.apply && k && !e.altKey) {
      if (samePosition(k.from, k.to) || k.applied) return;
      this.kbd = { ...k, applied: true };
      this.host.clearSnapCue();
      this.host.onVertexMoved(k.from, k.to);
    } else if (e.key === VERTEX_KEYS.cancel && k) {
      // First Esc puts a moved vertex back; the next one lets go of the vertex.
      this.kbd = samePosition(k.from, k.to) || k.applied ? null : { ...k, raw: k.from, to: k.from, snap: 'none' };
      this.host.clearSnapCue();
      this.host.render();
      this.announce();
    } else {
      return;
    }
    e.preventDefault();
    // Handled here: the page's own shortcuts (Esc leaves a drawing mode) must not act on it too.
    e.stopPropagation();
  };

  /**
   * New vertices (an edit, an undo, another selection): the keyboard stays on its vertex where it still
   * is, or on the new position of the move it applied; else it lets go.
   */
  follow() {
    const k = this.kbd;
    if (!k) return;
    const vertices = this.host.vertices();
    const indexOf = (p: Position) => vertices.findIndex((v) => samePosition(v, p));
    const movedTo = k.applied ? indexOf(k.to) : -1;
    if (movedTo >= 0) {
      this.kbd = { index: movedTo, from: k.to, raw: k.to, to: k.to, snap: 'none', applied: false };
    } else {
      const at = indexOf(k.from);
      this.kbd = at >= 0 ? { ...k, index: at } : null;
      if (this.kbd && at === k.index) return;
    }
    this.announce();
  }
}
