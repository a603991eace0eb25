import { expect, type Page } from '@playwright/test';
import type { FeatureCollection, MultiPolygon, Position } from 'geojson';
import { mapLocator, trpcQuery } from './helpers';

/** What the editor's tests read of a draft and of its topology report, through the app's own API. */
export interface DraftGrid {
  key: string;
  code: string | null;
  communityId: number;
}
export interface Draft {
  draftId: number;
  version: number;
  canUndo: boolean;
  grids: FeatureCollection<MultiPolygon, DraftGrid>;
}
export interface Report {
  ok: boolean;
  blocking: number;
  findings: { code: string; severity: string; gridKeys: string[]; fix?: { kind: string } }[];
}

/** Calls a tRPC mutation of the app the way its client does (superjson envelope over POST). */
export async function trpcMutation<T>(page: Page, path: string, input: unknown): Promise<T> {
  const res = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(res.ok(), `${path} answered ${res.status()}: ${await res.text()}`).toBeTruthy();
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

/**
 * Undoes every edit of the street's draft: back to the copy of the grids in force. The e2e data dir
 * persists across runs, so each test starts from here instead of from what an earlier run left.
 */
export async function resetDraft(page: Page, streetId: number): Promise<Draft> {
  const opened = await trpcMutation<Draft>(page, 'drafts.open', { streetId });
  let draft = await trpcQuery<Draft>(page, 'drafts.get', { draftId: opened.draftId });
  for (let i = 0; draft.canUndo && i < 500; i++) {
    await trpcMutation(page, 'drafts.undo', { draftId: draft.draftId, expectedVersion: draft.version });
    draft = await trpcQuery<Draft>(page, 'drafts.get', { draftId: draft.draftId });
  }
  expect(draft.canUndo).toBe(false);
  return draft;
}

/** Web Mercator as MapLibre draws it (512-pixel world at zoom 0). */
export function worldPx([lon, lat]: Position, zoom: number): [number, number] {
  const size = 512 * 2 ** zoom;
  const s = Math.sin((lat! * Math.PI) / 180);
  return [((lon! + 180) / 360) * size, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * size];
}

export const lerp = (a: Position, b: Position, t: number): Position => [a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t];

/** Moves p by `metres` along the unit direction (east, north), in degrees at p's latitude. */
export function offset(p: Position, dir: [number, number], metres: number): Position {
  const mLat = 111_320;
  const mLon = 111_320 * Math.cos((p[1]! * Math.PI) / 180);
  return [p[0]! + (dir[0] * metres) / mLon, p[1]! + (dir[1] * metres) / mLat];
}

/** The editor's map canvas at 1440×900: the page minus the toolbar, the side panel and the header. */
export const EDITOR_CANVAS = { width: 1440 - 210 - 360, height: 900 - 56 };

/** Screen position of a lon/lat on the editor's map opened at `center` and `zoom` (no animation since). */
export async function screenMapper(page: Page, center: Position, zoom: number): Promise<(p: Position) => { x: number; y: number }> {
  const box = (await mapLocator(page).boundingBox())!;
  expect(Math.round(box.width)).toBe(EDITOR_CANVAS.width);
  const centrePx = worldPx(center, zoom);
  return (p: Position) => {
    const w = worldPx(p, zoom);
    return { x: box.x + box.width / 2 + (w[0] - centrePx[0]), y: box.y + box.height / 2 + (w[1] - centrePx[1]) };
  };
}

export const draftVersion = async (page: Page, draftId: number) => (await trpcQuery<Draft>(page, 'drafts.get', { draftId })).version;
