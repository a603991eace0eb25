import { describe, expect, it } from 'vitest';
import { cancelSketch, IDLE, SKETCH_HANDLERS, sketchFeatures, startSketch, type Sketch } from './comment-sketch';

const add = (s: Sketch, ...ps: [number, number][]) => ps.reduce((acc, p) => SKETCH_HANDLERS[acc.mode].add(acc, p).sketch, s);

describe('comment sketch', () => {
  it('pins a point with one click, rounded to 7 places', () => {
    const step = SKETCH_HANDLERS.point.add(startSketch('point'), [118.123456789, 32.000000049]);
    expect(step).toEqual({ kind: 'placed', sketch: IDLE, place: { type: 'Point', coordinates: [118.1234568, 32] } });
  });

  it('draws an area: repeated clicks are one vertex, the ring is closed on finish', () => {
    const s = add(startSketch('area'), [1, 1], [2, 1], [2, 1], [2, 2]);
    expect(s.ring).toHaveLength(3);
    const step = SKETCH_HANDLERS.area.finish(s, null);
    expect(step.kind).toBe('placed');
    if (step.kind === 'placed') expect(step.place).toEqual({ type: 'Polygon', coordinates: [[[1, 1], [2, 1], [2, 2], [1, 1]]] });
  });

  it('refuses to finish an area of fewer than three vertices', () => {
    const s = add(startSketch('area'), [1, 1], [2, 1]);
    expect(SKETCH_HANDLERS.area.finish(s, null)).toEqual({ kind: 'too_few', sketch: s });
  });

  it('cancels to idle', () => {
    expect(cancelSketch(add(startSketch('area'), [1, 1]))).toEqual({ kind: 'cancelled', sketch: IDLE });
    expect(cancelSketch(IDLE).kind).toBe('continue');
  });

  it('shows a line from two vertices and a polygon from three', () => {
    expect(sketchFeatures(add(startSketch('area'), [1, 1], [2, 1])).features.map((f) => f.geometry.type)).toEqual(['Point', 'Point', 'LineString']);
    expect(sketchFeatures(add(startSketch('area'), [1, 1], [2, 1], [2, 2])).features.at(-1)?.geometry.type).toBe('Polygon');
  });
});
