/**
 * The topology service for outside callers (HTTP route, CLI): untrusted GeoJSON in, a report or clear
 * errors out. Input sanitation is the interchange parser's (geo/interchange); this file only decides
 * what the request means (grids, parent, neighbours) and maps outcomes to HTTP-like statuses.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { INPUT_ERRORS, type InputError, type LocalizedMessage } from '@/geo/interchange/input-errors';
import { resolveLimits, type InputLimits } from '@/geo/interchange/input-limits';
import { parseGridFeatureCollection, type GridFileResult } from '@/geo/interchange/parse-grid-feature-collection';
import type { GridCandidate } from '@/geo/topology/grid-candidate';
import type { Db } from '../db';
import { validateGridSet, TopologyInputError, type TopologyParent } from './engine';
import type { TopologyReport } from './finding-codes';

/** Requests above this are refused with 413 before parsing (the engine's work grows with the set). */
export const API_MAX_BYTES = 20 * 1024 * 1024;

export interface RequestError {
  code: string;
  path?: string;
  message: LocalizedMessage;
}

export type ValidateOutcome =
  | { status: 200; report: TopologyReport; warnings: RequestError[] }
  | { status: 400 | 413; errors: RequestError[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const toErrors = (errors: InputError[]): RequestError[] => errors.map((e) => ({ code: e.code, path: e.path, message: e.message }));

/** Several parent polygons (one file of community boundaries) become one MultiPolygon. */
export function parentFromCandidates(grids: readonly GridCandidate[]): Polygon | MultiPolygon {
  const parts = grids.flatMap((g) => (g.geometry.type === 'Polygon' ? [g.geometry.coordinates] : g.geometry.coordinates));
  return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0]! } : { type: 'MultiPolygon', coordinates: parts };
}

/**
 * Findings name grids by key; for files the grid code is what people recognise, so a code that is
 * present and unique in the file becomes the key (the parser's positional key is kept otherwise).
 */
export function readableKeys(grids: readonly GridCandidate[]): GridCandidate[] {
  const seen = new Map<string, number>();
  for (const g of grids) if (g.code) seen.set(g.code, (seen.get(g.code) ?? 0) + 1);
  const keys = new Set(grids.map((g) => g.key));
  return grids.map((g) => (g.code && seen.get(g.code) === 1 && !keys.has(g.code) ? { ...g, key: g.code } : g));
}

/** Reads a parent boundary (geometry, Feature or FeatureCollection) with the same sanitation as grids. */
export function parseParent(json: unknown, limits?: Partial<InputLimits>): { ok: true; parent: Polygon | MultiPolygon } | { ok: false; errors: RequestError[] } {
  const r: GridFileResult = parseGridFeatureCollection(json, limits);
  if (!r.ok) return { ok: false, errors: toErrors(r.errors).map((e) => ({ ...e, path: `parent${e.path ? `.${e.path}` : ''}` })) };
  if (r.grids.length === 0) return { ok: false, errors: [{ code: 'PARENT_EMPTY', message: { 'zh-CN': '上级边界为空', en: 'the parent boundary is empty' } }] };
  return { ok: true, parent: parentFromCandidates(r.grids) };
}

/**
 * Validates a request body: a GeoJSON FeatureCollection of grids, or { grids, parent?, neighbours? }.
 * Without a parent the grids are checked against the community boundaries of the database.
 */
export async function validateRequestBody(db: Db, body: unknown, limits?: Partial<InputLimits>): Promise<ValidateOutcome> {
  const wrapped = isObject(body) && 'grids' in body && body.type === undefined;
  const gridsJson = wrapped ? body.grids : body;
  const parsed = parseGridFeatureCollection(gridsJson, limits);
  if (!parsed.ok) return { status: 400, errors: toErrors(parsed.errors) };
  if (parsed.grids.length === 0) {
    return { status: 400, errors: [{ code: 'NO_GRIDS', message: { 'zh-CN': '没有可检查的网格', en: 'there are no grids to check' } }] };
  }
  let parent: TopologyParent = { kind: 'communities' };
  if (wrapped && body.parent != null) {
    const p = parseParent(body.parent, limits);
    if (!p.ok) return { status: 400, errors: p.errors };
    parent = { kind: 'geometry', geometry: p.parent };
  }
  const neighbours = wrapped && body.neighbours === 'in-force' ? 'in-force' : 'none';
  try {
    const report = await validateGridSet(db, { grids: readableKeys(parsed.grids), parent, neighbours });
    return { status: 200, report, warnings: toErrors(parsed.warnings as unknown as InputError[]) };
  } catch (err) {
    if (err instanceof TopologyInputError) return { status: 400, errors: [{ code: err.code, message: err.text }] };
    throw err;
  }
}

/** The size check done before reading a body: 413 with a bilingual message, or null. */
export function tooLarge(bytes: number, maxBytes = Math.min(API_MAX_BYTES, resolveLimits().maxInputBytes)): ValidateOutcome | null {
  if (bytes <= maxBytes) return null;
  const mb = (n: number) => (n / 1048576).toFixed(1);
  return {
    status: 413,
    errors: [{
      code: INPUT_ERRORS.fileTooLarge,
      message: { 'zh-CN': `请求过大：${mb(bytes)} MB，上限 ${mb(maxBytes)} MB`, en: `the request is too large: ${mb(bytes)} MB, the limit is ${mb(maxBytes)} MB` },
    }],
  };
}
