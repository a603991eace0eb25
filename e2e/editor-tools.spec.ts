import { expect, test } from '@playwright/test';
import { booleanPointInPolygon, distance, featureCollection, pointToLineDistance, polygon, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { EDITOR_CANVAS, draftVersion, lerp, offset, resetDraft, screenMapper, worldPx, type Draft, type DraftGrid, type Report } from './editor-helpers';
import { mapLocator, signIn, trpcQuery, waitForMapIdle, watchPage } from './helpers';

/**
 * The editor's other tools in a real browser (issue 3 §1–2): split a grid, move the whole common boundary of the two parts
 * by drawing its new course (the ends snap onto the junctions in the browser), move the new vertex with
 * the keyboard alone and undo it, then delete a grid and give the gap it leaves to the neighbour with the
 * finding's own fix button. Each step is one edit, and the draft ends with nothing blocking.
 */

const ZOOM = 16;
type GridFeature = Feature<MultiPolygon, DraftGrid>;

const key = (p: Position) => `${p[0]},${p[1]}`;
const ringOf = (f: GridFeature) => f.geometry.coordinates[0]![0]!;
/** Metres from p to the nearest ring of a polygon or multipolygon. */
const boundaryDistance = (p: Position, g: Polygon | MultiPolygon) => {
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  return Math.min(...rings.map((ring) => pointToLineDistance(p, { type: 'LineString', coordinates: ring }, { units: 'meters' })));
};

/** The selected grid's vertex handles in the editor's order: ring by ring, closing vertex dropped, each once. */
function handleOrder(f: GridFeature): Position[] {
  const seen = new Set<string>();
  const out: Position[] = [];
  for (const poly of f.geometry.coordinates) for (const ring of poly) for (const p of ring.slice(0, -1)) if (!seen.has(key(p)) && seen.add(key(p))) out.push(p);
  return out;
}

interface SplitPlan {
  grid: GridFeature;
  /** The split line's ends, 30 m outside the grid, through its centre from west to east. */
  from: Position;
  to: Position;
  center: Position;
}

const inView = (points: Position[], center: Position, margin: number) => {
  const c = worldPx(center, ZOOM);
  return points.every((q) => {
    const w = worldPx(q, ZOOM);
    return Math.abs(w[0] - c[0]) < EDITOR_CANVAS.width / 2 - margin && Math.abs(w[1] - c[1]) < EDITOR_CANVAS.height / 2 - margin;
  });
};

/**
 * A single-polygon grid 150–500 m across, and a west–east line through its centre that cuts it in two
 * (checked: the line's middle 90% runs through the grid's inside at the centre, its ends lie outside).
 */
function planSplit(draft: Draft): SplitPlan | null {
  for (const grid of draft.grids.features) {
    if (grid.geometry.coordinates.length !== 1 || grid.geometry.coordinates[0]!.length !== 1) continue;
    const ring = ringOf(grid);
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    const [w, e, s, n] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const center: Position = [(w + e) / 2, (s + n) / 2];
    const width = distance([w, center[1]!], [e, center[1]!], { units: 'meters' });
    const height = distance([center[0]!, s], [center[0]!, n], { units: 'meters' });
    if (width < 150 || width > 500 || height < 150 || height > 500) continue;
    if (!booleanPointInPolygon(center, grid.geometry) || boundaryDistance(center, grid.geometry) < 50) continue;
    const from = offset([w, center[1]!], [-1, 0], 30);
    const to = offset([e, center[1]!], [1, 0], 30);
    if (booleanPointInPolygon(from, grid.geometry) || booleanPointInPolygon(to, grid.geometry)) continue;
    if (inView([from, to, [center[0]!, s], [center[0]!, n]], center, 60)) return { grid, from, to, center };
  }
  return null;
}

interface BoundaryPlan {
  /** The ends of the common boundary (vertices of both grids) and the new boundary's middle point. */
  j1: Position;
  j2: Position;
  p: Position;
}

/**
 * The common boundary of a and b as one run of shared vertices, and a point p 25–40 m off the chord
 * between its ends such that the line j1 → p → j2 runs inside the pair, clear of every other edge and
 * vertex (so the browser's 10 px snapping leaves p alone).
 */
function planBoundary(a: GridFeature, b: GridFeature, all: GridFeature[], center: Position): BoundaryPlan | null {
  const ring = ringOf(a).slice(0, -1);
  const inB = new Set(ringOf(b).map(key));
  const shared = ring.map((q) => inB.has(key(q)));
  if (shared.filter(Boolean).length < 2 || shared.every(Boolean)) return null;
  // One cyclic run of shared vertices: start right after a vertex that is not shared.
  const start = shared.findIndex((x, i) => x && !shared[(i - 1 + ring.length) % ring.length]);
  const run: Position[] = [];
  for (let i = 0; i < ring.length && shared[(start + i) % ring.length]; i++) run.push(ring[(start + i) % ring.length]!);
  if (run.length !== shared.filter(Boolean).length) return null;
  const j1 = run[0]!;
  const j2 = run[run.length - 1]!;
  const pair = union(featureCollection([polygon([ringOf(a)]), polygon([ringOf(b)])]));
  if (!pair || pair.geometry.type !== 'Polygon') return null;
  const allVertices = all.flatMap((f) => f.geometry.coordinates.flat(2) as unknown as Position[]);
  const mid = lerp(j1, j2, 0.5);
  const cosLat = Math.cos((mid[1]! * Math.PI) / 180);
  const len = Math.hypot((j2[0]! - j1[0]!) * cosLat, j2[1]! - j1[1]!);
  const n: [number, number] = [-(j2[1]! - j1[1]!) / len, ((j2[0]! - j1[0]!) * cosLat) / len];
  for (const d of [25, -25, 40, -40]) {
    const p = offset(mid, n, d);
    if (!booleanPointInPolygon(p, pair.geometry)) continue;
    if (boundaryDistance(p, a.geometry) < 15 || boundaryDistance(p, b.geometry) < 15) continue;
    if (allVertices.some((v) => distance(v, p, { units: 'meters' }) < 15)) continue;
    const along = [0.15, 0.3, 0.5, 0.7, 0.85].flatMap((t) => [lerp(j1, p, t), lerp(p, j2, t)]);
    if (!along.every((q) => booleanPointInPolygon(q, pair.geometry) && boundaryDistance(q, pair.geometry) > 2)) continue;
    if (inView([j1, j2, p], center, 60)) return { j1, j2, p };
  }
  return null;
}

/** A point of grid f on screen, at least 12 m inside it and away from every other grid. */
function pointInside(f: GridFeature, others: GridFeature[], center: Position): Position {
  const c = worldPx(center, ZOOM);
  for (let i = 0; i < 400; i++) {
    // A spiral of candidates from the view's centre outwards.
    const r = 6 * i;
    const q = offset(center, [Math.cos(i * 0.7), Math.sin(i * 0.7)], r * 0.9);
    const w = worldPx(q, ZOOM);
    if (Math.abs(w[0] - c[0]) > EDITOR_CANVAS.width / 2 - 30 || Math.abs(w[1] - c[1]) > EDITOR_CANVAS.height / 2 - 30) continue;
    if (!booleanPointInPolygon(q, f.geometry) || boundaryDistance(q, f.geometry) < 12) continue;
    if (others.some((o) => o !== f && booleanPointInPolygon(q, o.geometry))) continue;
    return q;
  }
  throw new Error(`no point inside ${f.properties.key} in view`);
}

test('split a grid, move the new shared boundary, move its vertex by keyboard, undo, give a gap to the neighbour', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  // The editor of 红山街道, the one street drafts.streets lists for this account. The other editor tests
  // edit it too; each starts from its draft reset (resetDraft), so order does not matter.
  await signIn(page, 'street-hongshan');
  const watch = watchPage(page, new URL(baseURL!).origin);
  const streets = await trpcQuery<{ id: number }[]>(page, 'drafts.streets', {});
  let chosen: { streetId: number; draft: Draft; plan: SplitPlan } | null = null;
  for (const s of streets) {
    const draft = await resetDraft(page, s.id);
    const plan = planSplit(draft);
    if (!plan) continue;
    const report = await trpcQuery<Report>(page, 'drafts.validate', { draftId: draft.draftId });
    if (report.ok) {
      chosen = { streetId: s.id, draft, plan };
      break;
    }
  }
  expect(chosen, 'a street of the demo city with a grid to split').not.toBeNull();
  const { streetId, draft, plan: split } = chosen!;
  const center = split.center;
  const version = () => draftVersion(page, draft.draftId);
  const grids = async () => (await trpcQuery<Draft>(page, 'drafts.get', { draftId: draft.draftId })).grids.features;
  const gridOf = (features: GridFeature[], k: string) => features.find((f) => f.properties.key === k)!;
  const hasVertex = (f: GridFeature, p: Position) => (f.geometry.coordinates.flat(2) as unknown as Position[]).some((q) => q[0] === p[0] && q[1] === p[1]);

  await page.goto(`/editor?street=${streetId}&c=${center[0]},${center[1]}&z=${ZOOM}`);
  const panel = page.getByTestId('findings-panel');
  const toolbar = page.getByRole('toolbar', { name: '编辑工具' });
  await expect(panel.getByTestId('findings-status')).toHaveText('没有阻断问题，可以提交。');
  await waitForMapIdle(page);
  const toScreen = await screenMapper(page, center, ZOOM);
  const click = async (p: Position, withShift = false) => {
    const s = toScreen(p);
    if (withShift) await page.keyboard.down('Shift');
    await page.mouse.click(s.x, s.y);
    if (withShift) await page.keyboard.up('Shift');
    await page.waitForTimeout(150);
  };
  const v0 = await version();
  /** Waits for the n-th edit of the test: on the server, in the page's draft, and drawn on the map. */
  const edited = async (n: number) => {
    await expect.poll(version).toBe(v0 + n);
    await expect(page.getByTestId('draft-version')).toHaveText(`草稿第 ${v0 + n} 版`);
    await waitForMapIdle(page);
  };
  const features0 = draft.grids.features;

  // Split the grid west to east through its centre: the larger part keeps the code, the other is new.
  await click(pointInside(split.grid, features0, center));
  await expect(page.getByTestId('grid-code')).toHaveText(split.grid.properties.code!);
  await toolbar.getByRole('button', { name: /分割/ }).click();
  await expect(mapLocator(page)).toHaveAttribute('data-mode', 'split');
  for (const q of [split.from, split.to]) await click(q);
  await page.keyboard.press('Enter');
  await edited(1);
  const features1 = await grids();
  expect(features1.length).toBe(features0.length + 1);
  const a = gridOf(features1, split.grid.properties.key);
  const b = features1.find((f) => !features0.some((g) => g.properties.key === f.properties.key))!;
  expect(a.properties.code).toBe(split.grid.properties.code);
  const plan = planBoundary(a, b, features1, center);
  expect(plan, 'a course for the new boundary inside the two parts').not.toBeNull();

  // Select both parts (shift-click adds), then draw the boundary's new course from one end to the other.
  await click(pointInside(a, features1, center));
  await expect(page.getByTestId('grid-code')).toHaveText(a.properties.code!);
  await click(pointInside(b, features1, center), true);
  await expect(page.getByText('已选中 2 个网格')).toBeVisible();
  await toolbar.getByRole('button', { name: /调整公共边界/ }).click();
  await expect(mapLocator(page)).toHaveAttribute('data-mode', 'reshape');
  for (const q of [plan!.j1, plan!.p, plan!.j2]) await click(q);
  await page.keyboard.press('Enter');
  await edited(2);
  await expect(mapLocator(page)).toHaveAttribute('data-mode', 'select');
  await expect(panel.getByTestId('findings-status')).toHaveText('没有阻断问题，可以提交。');

  // Both grids changed together: the new middle vertex is one exact vertex of both, near where it was drawn.
  const features2 = await grids();
  const a1 = gridOf(features2, a.properties.key);
  const b1 = gridOf(features2, b.properties.key);
  const pNew = (a1.geometry.coordinates.flat(2) as unknown as Position[]).reduce((best, q) =>
    distance(q, plan!.p, { units: 'meters' }) < distance(best, plan!.p, { units: 'meters' }) ? q : best,
  );
  expect(distance(pNew, plan!.p, { units: 'meters' })).toBeLessThan(2);
  expect(hasVertex(b1, pNew), 'the new vertex is shared exactly').toBe(true);
  // The ends were snapped onto the junctions in the browser: both grids still have them.
  for (const j of [plan!.j1, plan!.j2]) for (const f of [a1, b1]) expect(hasVertex(f, j)).toBe(true);

  // Keyboard only: select a, focus the map, step to the new vertex with ], move it 10 px north, apply.
  await click(pointInside(a1, features2, center));
  await expect(page.getByTestId('grid-code')).toHaveText(a.properties.code!);
  const index = handleOrder(a1).findIndex((q) => key(q) === key(pNew));
  expect(index).toBeGreaterThanOrEqual(0);
  await page.locator('canvas.maplibregl-canvas').focus();
  for (let i = 0; i <= index; i++) await page.keyboard.press(']');
  await expect(page.getByTestId('keyboard-vertex')).toContainText(`第 ${index + 1}/`);
  await page.keyboard.press('Shift+Alt+ArrowUp');
  await expect(page.getByTestId('keyboard-vertex')).toContainText('移到');
  await page.keyboard.press('Enter');
  await edited(3);
  const features3 = await grids();
  for (const k of [a.properties.key, b.properties.key]) expect(hasVertex(gridOf(features3, k), pNew), `${k} let go of the old vertex`).toBe(false);
  const moved = handleOrder(gridOf(features3, a.properties.key)).find((q) => !handleOrder(a1).some((r) => key(r) === key(q)))!;
  expect(distance(moved, pNew, { units: 'meters' })).toBeGreaterThan(5);
  expect(hasVertex(gridOf(features3, b.properties.key), moved), 'the moved vertex is still shared').toBe(true);
  await expect(panel.getByTestId('findings-status')).toHaveText('没有阻断问题，可以提交。');

  // Ctrl+Z undoes exactly that move.
  await page.keyboard.press('Control+z');
  await edited(4);
  const features4 = await grids();
  for (const k of [a.properties.key, b.properties.key]) expect(hasVertex(gridOf(features4, k), pNew)).toBe(true);

  // Delete b: its area becomes a gap; the finding's own fix gives it to a neighbour of the same community.
  await click(pointInside(gridOf(features4, b.properties.key), features4, center));
  await expect(page.getByTestId('grid-code')).toHaveText(b.properties.code!);
  await toolbar.getByRole('button', { name: /删除/ }).click();
  await edited(5);
  // A gap in the community, or a hole when the deleted grid lay inside another (a dedicated grid usually does).
  const gap = panel.locator('li[data-severity="blocking"]').filter({ has: page.locator('button[data-fix="give-to-neighbour"]') });
  await expect(gap).toHaveCount(1);
  expect(['COVERAGE_GAP', 'GRID_HOLE']).toContain(await gap.getAttribute('data-code'));
  await gap.getByRole('button', { name: '划给相邻网格' }).click();
  await edited(6);
  await expect(panel.getByTestId('findings-status')).toHaveText('没有阻断问题，可以提交。');
  const report = await trpcQuery<Report>(page, 'drafts.validate', { draftId: draft.draftId });
  expect(report.blocking).toBe(0);
  expect((await grids()).length).toBe(features0.length);

  expect(watch.errors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});
