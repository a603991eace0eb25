import { describe, expect, it } from 'vitest';
import { checkLineInput, checkPolygonInput, checkPositionInput } from './check-geometry-input';
import { GEOMETRY_INPUT_MESSAGES, GEOMETRY_INPUT_REASONS as R } from './validation-reasons';
import { deepFreeze } from './__fixtures__/freeze';
import twoSquares from './__fixtures__/two-squares.json';

const square = deepFreeze({
  type: 'Polygon',
  coordinates: [[[118, 32], [118.01, 32], [118.01, 32.01], [118, 32.01], [118, 32]]],
});

describe('checkPolygonInput', () => {
  it('accepts a Polygon and returns it as a MultiPolygon', () => {
    const r = checkPolygonInput(square);
    expect(r).toEqual({ valid: true, geometry: { type: 'MultiPolygon', coordinates: [square.coordinates] } });
  });
  it('accepts a MultiPolygon without mutating it, dropping heights', () => {
    const fixture = deepFreeze(structuredClone(twoSquares));
    expect(checkPolygonInput(fixture).valid).toBe(true);
    const withZ = { type: 'Polygon', coordinates: [[[118, 32, 5], [118.01, 32, 5], [118.01, 32.01, 5], [118, 32, 5]]] };
    const r = checkPolygonInput(withZ);
    expect(r.valid && r.geometry.coordinates[0]![0]![0]).toEqual([118, 32]);
  });
  it.each([
    ['null', null, R.notAnObject],
    ['array', [], R.notAnObject],
    ['point', { type: 'Point', coordinates: [118, 32] }, R.wrongType],
    ['no rings', { type: 'Polygon', coordinates: [] }, R.empty],
    ['empty multipolygon', { type: 'MultiPolygon', coordinates: [] }, R.empty],
    ['ring not an array', { type: 'Polygon', coordinates: [5] }, R.badStructure],
    ['NaN', { type: 'Polygon', coordinates: [[[118, 32], [NaN, 32], [118.01, 32.01], [118, 32]]] }, R.notFinite],
    ['Infinity', { type: 'Polygon', coordinates: [[[118, 32], [Infinity, 32], [118.01, 32.01], [118, 32]]] }, R.notFinite],
    ['string number', { type: 'Polygon', coordinates: [[[118, 32], ['118.01', 32], [118.01, 32.01], [118, 32]]] }, R.notFinite],
    ['lat/lon swapped', { type: 'Polygon', coordinates: [[[32, 118], [32, 118.01], [32.01, 118.01], [32, 118]]] }, R.outsideChina],
    ['latitude beyond 90', { type: 'Polygon', coordinates: [[[118, 95], [118.01, 95], [118.01, 96], [118, 95]]] }, R.outsideChina],
    ['unclosed', { type: 'Polygon', coordinates: [[[118, 32], [118.01, 32], [118.01, 32.01], [118, 32.01]]] }, R.ringNotClosed],
    ['too short', { type: 'Polygon', coordinates: [[[118, 32], [118.01, 32], [118, 32]]] }, R.ringTooShort],
    ['position of 1', { type: 'Polygon', coordinates: [[[118], [118.01, 32], [118.01, 32.01], [118], [118]]] }, R.badStructure],
  ])('refuses %s', (_name, value, reason) => {
    expect(checkPolygonInput(value)).toEqual({ valid: false, reason });
  });
  it('enforces the vertex limit across all rings', () => {
    expect(checkPolygonInput(twoSquares, { maxVertices: 10 })).toEqual({ valid: true, geometry: twoSquares });
    expect(checkPolygonInput(twoSquares, { maxVertices: 9 })).toEqual({ valid: false, reason: R.tooManyVertices });
  });
  it('has a zh-CN and an English message for every reason', () => {
    for (const reason of Object.values(R)) {
      expect(GEOMETRY_INPUT_MESSAGES[reason]['zh-CN'].length).toBeGreaterThan(0);
      expect(GEOMETRY_INPUT_MESSAGES[reason].en.length).toBeGreaterThan(0);
    }
  });
});

describe('checkLineInput and checkPositionInput', () => {
  it('accepts a line of two positions and refuses one of one', () => {
    expect(checkLineInput({ type: 'LineString', coordinates: [[118, 32], [118.1, 32]] }).valid).toBe(true);
    expect(checkLineInput({ type: 'LineString', coordinates: [[118, 32]] })).toEqual({ valid: false, reason: R.lineTooShort });
    expect(checkLineInput({ type: 'LineString', coordinates: [[118, 32], [200, 32]] })).toEqual({ valid: false, reason: R.outsideChina });
  });
  it('checks a single position', () => {
    expect(checkPositionInput([118.5, 32.1])).toEqual({ valid: true, geometry: [118.5, 32.1] });
    expect(checkPositionInput([118.5])).toEqual({ valid: false, reason: R.badStructure });
    expect(checkPositionInput([118.5, NaN])).toEqual({ valid: false, reason: R.notFinite });
  });
});
