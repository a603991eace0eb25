import { describe, expect, it } from 'vitest';
import type { LineString, Position } from 'geojson';
import { snapLineEnds } from './snap-line-ends';
import { deepFreeze } from './__fixtures__/freeze';

/** The outline of two quadrants side by side: [118.00, 118.02] x [32.01, 32.02], with the old junction vertices. */
const rectangle: Position[][] = deepFreeze([
  [[118.0, 32.01], [118.01, 32.01], [118.02, 32.01], [118.02, 32.02], [118.01, 32.02], [118.0, 32.02], [118.0, 32.01]],
]);
/** A triangle with an oblique edge from (118, 32) to (118.01, 32.003). */
const triangle: Position[][] = deepFreeze([[[118.0, 32.0], [118.01, 32.003], [118.01, 32.0], [118.0, 32.0]]]);
const options = { toleranceMetres: 0.5, precision: 1e-8 };
const line = (...coordinates: Position[]): LineString => deepFreeze({ type: 'LineString', coordinates });

describe('snapLineEnds', () => {
  it('keeps ends that are outline vertices and the vertices between as they are', () => {
    const drawn = line([118.01, 32.02], [118.013, 32.015], [118.01, 32.01]);
    expect(snapLineEnds(drawn, rectangle, options)).toEqual({ valid: true, line: drawn });
  });

  it('puts an end within the tolerance on the vertex, even when an edge is nearer', () => {
    // 0.3 m east of the junction (118.01, 32.02) and 0.1 m south of the north edge.
    const east = 0.3 / (111_195 * Math.cos((32.02 * Math.PI) / 180));
    const res = snapLineEnds(line([118.01 + east, 32.02 - 0.1 / 111_195], [118.01, 32.01]), rectangle, options);
    expect(res).toEqual({ valid: true, line: line([118.01, 32.02], [118.01, 32.01]) });
  });

  it('projects an end that is near no vertex onto the nearest edge, on the precision grid', () => {
    const res = snapLineEnds(line([118.01, 32.02], [118.013000003, 32.0100000004]), rectangle, options);
    expect(res).toEqual({ valid: true, line: line([118.01, 32.02], [118.013, 32.01]) });
  });

  it('puts a projected end on an oblique edge onto the grid too, within one grid step of the edge', () => {
    const res = snapLineEnds(line([118.00500000337, 32.0015012], [118.005, 32.0]), triangle, options);
    if (!res.valid) throw new Error('refused');
    const [x, y] = res.line.coordinates[0]!;
    // On the 1e-8 grid, and off the edge y = 32 + 0.3 (x - 118) by less than a step: the database
    // inserts it into that edge with a tolerance of one step.
    expect(Math.round(x! * 1e8) / 1e8).toBe(x);
    expect(Math.round(y! * 1e8) / 1e8).toBe(y);
    expect(Math.abs(y! - (32 + 0.3 * (x! - 118)))).toBeLessThan(1e-8);
  });

  it('refuses an end further than the tolerance, saying which and how far', () => {
    const res = snapLineEnds(line([118.01, 32.02], [118.01, 32.011]), rectangle, options);
    expect(res).toMatchObject({ valid: false, reason: 'endOffOutline', end: 'end' });
    if (res.valid || res.reason !== 'endOffOutline') throw new Error('accepted');
    expect(res.distanceMetres).toBeGreaterThan(100);
    expect(snapLineEnds(line([118.01, 32.03], [118.01, 32.01]), rectangle, options)).toMatchObject({ valid: false, end: 'start' });
  });

  it('rounds the vertices between the ends to the grid and drops repeats', () => {
    const res = snapLineEnds(line([118.01, 32.02], [118.0130000000004, 32.015], [118.013, 32.0150000000002], [118.01, 32.01]), rectangle, options);
    expect(res).toEqual({ valid: true, line: line([118.01, 32.02], [118.013, 32.015], [118.01, 32.01]) });
  });

  it('refuses a line that collapses to one point', () => {
    expect(snapLineEnds(line([118.01, 32.02], [118.01 + 1e-7, 32.02]), rectangle, options)).toEqual({ valid: false, reason: 'collapsed' });
  });
});
