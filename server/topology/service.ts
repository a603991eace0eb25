/**
 * The topology service for outside callers (HTTP route, CLI): untrusted GeoJSON in, a report or clear
 * errors out. Input sanitation is the interchange parser's (geo/interchange); this file only decides
 * what the request means (grids, parent, neighbours) and maps outcomes to HTTP-like statuses.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { INPUT_ERRORS, type InputError } from '@/geo/interchange/input-errors';
import { resolveLimits, type InputLimits } from '@/geo/interchange/input-limits';
import { parseBoundaryFeatureCollection, parseGridFeatureCollection, type BoundaryFeature } from '@/geo/interchange/parse-grid-feature-collection';
import type { GridCandidate } from '@/geo/topology/grid-candidate';
import { localized, type LocalizedText } from '@/geo/text/localized-text';
import type { Executor } from '../db';
import { megabytes } from '../http/body';
import { keyList, type TopologyParent } from './context';
import type { DomainError } from '../errors/domain-error';
import { TopologyInputError } from './errors';
import type { TopologyReport } from './finding-codes';
import { validateGridSet } from './pipeline';

/** Requests above this are refused with 413 before parsing (the engine's work grows with the set). */
export const API_MAX_BYTES = 20 * 1024 * 1024;
/**
 * Grids in one request to the HTTP API: a district's worth is ~1,500. The overlap search is quadratic in
 * the worst case and the embedded engine cannot interrupt a running statement, so the set is bounded.
 */
export const API_MAX_GRIDS = 5_000;

export interface RequestError {
  code: string;
  path?: string;
  message: LocalizedText;
}

export type ValidateOutcome =
  | { status: 200; report: TopologyReport; warnings: RequestError[] }
  | { status: 400 | 413; errors: RequestError[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const toErrors = (errors: readonly InputError[]): RequestError[] => errors.map((e) => ({ code: e.code, path: e.path, message: e.message }));

/** A file of boundaries as the one parent of a check: its polygons together, labelled by their codes or names. */
export function parentFromBoundaries(boundaries: readonly BoundaryFeature[], fallbackName: string): Extract<TopologyParent, { kind: 'geometry' }> {
  const parts = boundaries.flatMap((b) => (b.geometry.type === 'Polygon' ? [b.geometry.coordinates] : b.geometry.coordinates));
  const geometry: Polygon | MultiPolygon = parts.length === 1 ? { type: 'Polygon', coordinates: parts[0]! } : { type: 'MultiPolygon', coordinates: parts };
  const labels = [...new Set(boundaries.map((b) => b.label).filter((l): l is string => l !== null))];
  return { kind: 'geometry', geometry, name: labels.length ? keyList(labels, (l) => l, 3)['zh-CN'] : fallbackName };
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

/** Reads a parent boundary (geometry, Feature or FeatureCollection) with the same geometry sanitation as grids. */
export function parseParent(json: unknown, limits?: Partial<InputLimits>): { ok: true; parent: Extract<TopologyParent, { kind: 'geometry' }> } | { ok: false; errors: RequestError[] } {
  const r = parseBoundaryFeatureCollection(json, limits);
  if (!r.ok) return { ok: false, errors: toErrors(r.errors).map((e) => ({ ...e, path: `parent${e.path ? `.${e.path}` : ''}` })) };
  if (r.grids.length === 0) return { ok: false, errors: [refusal(new TopologyInputError('PARENT_EMPTY'))] };
  return { ok: true, parent: parentFromBoundaries(r.grids, 'the given boundary') };
}

/** A domain error as an entry of the response's `errors`. */
export const refusal = (e: DomainError): RequestError => ({ code: e.code, message: e.text });

/**
 * Validates a request body: a GeoJSON FeatureCollection of grids, or { grids, parent?, neighbours? }.
 * Without a parent the grids are checked against the community boundaries of the database.
 */
export async function validateRequestBody(db: Executor, body: unknown, limits?: Partial<InputLimits>): Promise<ValidateOutcome> {
  const wrapped = isObject(body) && 'grids' in body && body.type === undefined;
  const gridsJson = wrapped ? body.grids : body;
  const parsed = parseGridFeatureCollection(gridsJson, { maxFeatures: API_MAX_GRIDS, ...limits });
  if (!parsed.ok) {
    const tooMany = parsed.errors.some((e) => e.code === INPUT_ERRORS.tooManyFeatures);
    return { status: tooMany ? 413 : 400, errors: toErrors(parsed.errors) };
  }
  if (parsed.grids.length === 0) return { status: 400, errors: [refusal(new TopologyInputError('NO_GRIDS'))] };
  let parent: TopologyParent = { kind: 'communities' };
  if (wrapped && body.parent != null) {
    const p = parseParent(body.parent, limits);
    if (!p.ok) return { status: 400, errors: p.errors };
    parent = p.parent;
  }
  const neighbours = wrapped && body.neighbours === 'in-force' ? 'in-force' : 'none';
  try {
    const report = await validateGridSet(db, { grids: readableKeys(parsed.grids), parent, neighbours });
    return { status: 200, report, warnings: toErrors(parsed.warnings as unknown as InputError[]) };
  } catch (err) {
    if (err instanceof TopologyInputError) return { status: 400, errors: [refusal(err)] };
    throw err;
  }
}

/** The size check done before reading a body: 413 with a bilingual message, or null. */
export function tooLarge(bytes: number, maxBytes = Math.min(API_MAX_BYTES, resolveLimits().maxInputBytes)): { status: 413; errors: RequestError[] } | null {
  if (bytes <= maxBytes) return null;
  return {
    status: 413,
    errors: [{
      code: INPUT_ERRORS.fileTooLarge,
      message: localized(`请求过大：${megabytes(bytes)} MB，上限 ${megabytes(maxBytes)} MB`, `the request is too large: ${megabytes(bytes)} MB, the limit is ${megabytes(maxBytes)} MB`),
    }],
  };
}
