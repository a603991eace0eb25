import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { booleanPointInPolygon, distance, pointToLineDistance, polygon, polygonToLine } from '@turf/turf';
import type { Feature, LineString, MultiLineString, MultiPolygon, Position } from 'geojson';
import { EDITOR_CANVAS as CANVAS, draftVersion, lerp, offset, resetDraft, screenMapper, worldPx, type Draft, type DraftGrid, type Report } from './editor-helpers';
import { canvasImage, mapLocator, signIn, trpcQuery, waitForMapIdle, watchPage } from './helpers';

/**
 * The street editor's journey (issue 3 §6): open a street's draft, make room by deleting a grid, draw a
 * grid that overlaps a neighbour, see the overlap reported and highlighted, fix it by snapping, fill the
 * rest of the community, and end with nothing blocking (in the panel and from the API).
 *
 * The tests sign in as street-hongshan, the editor of 红山街道, the one street drafts.streets lists for
 * them. The e2e data dir persists across runs and the editor tests share that street: each resets its
 * draft first by undoing every edit through the API, so it depends neither on earlier runs nor on order.
 */

interface Plan {
  grid: Feature<MultiPolygon, DraftGrid>;
  /** The quad to draw: two vertices of a shared edge pushed 6 m into the neighbour, two inside the grid. */
  quad: Position[];
  inside: Position;
  center: Position;
  zoom: number;
}

/** About 1 m per pixel in Nanjing: a click lands within a metre of its target, well inside the snap tolerance. */
const ZOOM = 16;

/**
 * Finds a grid and one of its edges, shared with another grid of the draft, where the journey's quad
 * fits: edge ≥ 80 m, its ends ≥ 25 m from any other vertex (so snapping brings them back exactly),
 * the inner corners ≥ 25 m inside the grid (so snapping leaves them alone).
 */
function planJourney(draft: Draft): Plan | null {
  const features = draft.grids.features;
  const vertices: Position[] = features.flatMap((f) => f.geometry.coordinates.flat(2) as unknown as Position[]);
  const uniq = new Map(vertices.map((v) => [`${v[0]},${v[1]}`, v]));
  const allVertices = [...uniq.values()];
  for (const f of features) {
    if (f.geometry.coordinates.length !== 1 || f.geometry.coordinates[0]!.length !== 1) continue;
    const ring = f.geometry.coordinates[0]![0]!;
    const g = polygon([ring]);
    const boundary = polygonToLine(g) as Feature<LineString | MultiLineString>;
    const c: Position = [ring.slice(0, -1).reduce((s, p) => s + p[0]!, 0) / (ring.length - 1), ring.slice(0, -1).reduce((s, p) => s + p[1]!, 0) / (ring.length - 1)];
    for (let i = 0; i < ring.length - 1; i++) {
      const v1 = ring[i]!;
      const v2 = ring[i + 1]!;
      const edge = distance(v1, v2, { units: 'meters' });
      // Long enough to draw precisely, short enough to fit the view at ZOOM with room around it.
      if (edge < 80 || edge > 400) continue;
      const far = (v: Position) => allVertices.every((o) => (o[0] === v[0] && o[1] === v[1]) || distance(v, o, { units: 'meters' }) >= 25);
      if (!far(v1) || !far(v2)) continue;
      // Inner corners up to 80 m in from the edge's ends, towards the grid's centre.
      const inward = (v: Position) => lerp(v, c, Math.min(0.5, 80 / distance(v, c, { units: 'meters' })));
      const p1 = inward(v1);
      const p2 = inward(v2);
      const inner = [p1, p2, lerp(p1, p2, 0.5), lerp(v1, p1, 0.5), lerp(v2, p2, 0.5)];
      if (!inner.every((p) => booleanPointInPolygon(p, g))) continue;
      if ([p1, p2].some((p) => pointToLineDistance(p, boundary as Feature<LineString>, { units: 'meters' }) < 25)) continue;
      // Outward normal of the edge (away from the grid's centre), in metres-ish east/north units.
      const mid = lerp(v1, v2, 0.5);
      const cosLat = Math.cos((mid[1]! * Math.PI) / 180);
      let n: [number, number] = [-(v2[1]! - v1[1]!), (v2[0]! - v1[0]!) * cosLat];
      const len = Math.hypot(n[0], n[1]);
      n = [n[0] / len, n[1] / len];
      const toC = [(c[0]! - mid[0]!) * cosLat, c[1]! - mid[1]!];
      if (n[0] * toC[0]! + n[1] * toC[1]! > 0) n = [-n[0], -n[1]];
      // The edge must be shared with another grid of the draft: just outside it lies a neighbour.
      const outside = offset(mid, n, 3);
      if (!features.some((o) => o !== f && booleanPointInPolygon(outside, o.geometry))) continue;
      const quad = [offset(v1, n, 6), offset(v2, n, 6), p2, p1];
      const center = lerp(lerp(quad[0]!, quad[1]!, 0.5), lerp(p1, p2, 0.5), 0.5);
      const px = quad.map((p) => worldPx(p, ZOOM));
      const cpx = worldPx(center, ZOOM);
      const inView = px.every((p) => Math.abs(p[0] - cpx[0]) < CANVAS.width / 2 - 40 && Math.abs(p[1] - cpx[1]) < CANVAS.height / 2 - 40);
      const spaced = px.every((a, j) => px.every((b, k) => j === k || Math.hypot(a[0] - b[0], a[1] - b[1]) >= 40));
      if (!inView || !spaced) continue;
      return { grid: f, quad, inside: lerp(lerp(p1, p2, 0.5), lerp(v1, v2, 0.5), 0.3), center, zoom: ZOOM };
    }
  }
  return null;
}

test.describe('the street editor', () => {
  test.beforeEach(async ({ context, page }) => {
    await context.clearCookies();
    await signIn(page, 'street-hongshan');
  });

  test('draw an overlapping grid, see it reported, snap it, fill the rest: nothing blocking', async ({ page, baseURL }) => {
    test.setTimeout(180_000);
    const watch = watchPage(page, new URL(baseURL!).origin);
    const streets = await trpcQuery<{ id: number; code: string; name: string }[]>(page, 'drafts.streets', {});
    expect(streets.length).toBeGreaterThan(0);

    // The first street of the account's whose draft, reset, has nothing blocking and a grid where the
    // journey's quad fits.
    let chosen: { streetId: number; draft: Draft; plan: Plan } | null = null;
    for (const s of streets) {
      const draft = await resetDraft(page, s.id);
      if (draft.grids.features.length < 3) continue;
      const report = await trpcQuery<Report>(page, 'drafts.validate', { draftId: draft.draftId });
      if (!report.ok) continue;
      const plan = planJourney(draft);
      if (plan) {
        chosen = { streetId: s.id, draft, plan };
        break;
      }
    }
    expect(chosen, 'a street of the demo city where the journey fits').not.toBeNull();
    const { streetId, draft, plan } = chosen!;

    await page.goto(`/editor?street=${streetId}&c=${plan.center[0]},${plan.center[1]}&z=${plan.zoom}`);
    const panel = page.getByTestId('findings-panel');
    await expect(panel.getByTestId('findings-status')).toHaveText('没有阻断问题，可以提交。');
    await waitForMapIdle(page);
    const toScreen = await screenMapper(page, plan.center, plan.zoom);
    const version = () => draftVersion(page, draft.draftId);
    const v0 = await version();

    // Make room: select the grid on the map and delete it.
    const inside = toScreen(plan.inside);
    await page.mouse.click(inside.x, inside.y);
    await expect(page.getByTestId('grid-code')).toHaveText(plan.grid.properties.code!);
    await page.getByRole('toolbar', { name: '编辑工具' }).getByRole('button', { name: /删除/ }).click();
    await expect.poll(version).toBe(v0 + 1);
    await expect(panel.getByTestId('findings-status')).toHaveText('存在阻断问题，需修正后才能提交。');

    // Draw a grid whose outer edge reaches 6 m into the neighbour; click the first vertex again to close.
    // Snapping while drawing would pull those corners onto the neighbour's edge: off, to make the overlap.
    await page.getByTestId('snap-while-drawing').uncheck();
    await page.getByRole('toolbar', { name: '编辑工具' }).getByRole('button', { name: /绘制网格/ }).click();
    await expect(mapLocator(page)).toHaveAttribute('data-mode', 'draw');
    for (const p of [...plan.quad, plan.quad[0]!]) {
      const s = toScreen(p);
      await page.mouse.click(s.x, s.y);
      await page.waitForTimeout(150);
    }
    await expect.poll(version).toBe(v0 + 2);

    // The overlap is reported (blocking) and highlighted on the map.
    const overlap = panel.locator('li[data-code="GRID_OVERLAP"][data-severity="blocking"]');
    await expect(overlap.first()).toBeVisible();
    await waitForMapIdle(page);
    const red = await countFindingPixels(page);
    expect(red, 'the overlap is painted in the findings colour').toBeGreaterThan(100);

    // Fix by snapping the new grid (selected after drawing) onto its neighbours.
    const snap = page.getByRole('toolbar', { name: '编辑工具' }).getByRole('button', { name: /吸附到相邻网格/ });
    await expect(snap).toBeEnabled();
    await snap.click();
    await expect.poll(version).toBe(v0 + 3);
    await expect(panel.locator('li[data-code="GRID_OVERLAP"][data-severity="blocking"]')).toHaveCount(0);

    // Fill the rest of the community (the new grid's community is preselected).
    await page.getByRole('toolbar', { name: '编辑工具' }).getByRole('button', { name: /补全剩余区域/ }).click();
    await expect.poll(version).toBe(v0 + 4);

    await expect(panel.getByTestId('findings-status')).toHaveText('没有阻断问题，可以提交。');
    await expect(panel.getByTestId('blocking-count')).toHaveText('阻断问题 0 个');
    const report = await trpcQuery<Report>(page, 'drafts.validate', { draftId: draft.draftId });
    expect(report.blocking).toBe(0);
    expect(report.ok).toBe(true);
    const after = await trpcQuery<Draft>(page, 'drafts.get', { draftId: draft.draftId });
    expect(after.grids.features.length).toBe(draft.grids.features.length + 1);

    // Topological vertex move: the filled grid is selected; drag the inner corner it shares with the drawn
    // grid 25 px towards the grid's centre. Both grids must move together, so still nothing is blocking.
    // The drawn grid and the filled one: the grids the journey added.
    const addedKeys = after.grids.features.map((f) => f.properties.key).filter((k) => !draft.grids.features.some((f) => f.properties.key === k));
    expect(addedKeys).toHaveLength(2);
    const corner = toScreen(plan.quad[3]!);
    const towards = toScreen(plan.quad[2]!);
    const d = Math.hypot(towards.x - corner.x, towards.y - corner.y);
    const drop = { x: corner.x + ((towards.x - corner.x) / d) * 25, y: corner.y + ((towards.y - corner.y) / d) * 25 };
    await page.mouse.move(corner.x, corner.y);
    await page.mouse.down();
    await page.mouse.move(drop.x, drop.y, { steps: 8 });
    await page.mouse.up();
    await expect.poll(version).toBe(v0 + 5);
    await expect(panel.getByTestId('findings-status')).toHaveText('没有阻断问题，可以提交。');
    const moved = await trpcQuery<Draft>(page, 'drafts.get', { draftId: draft.draftId });
    const vertexMoved = (key: string) => {
      const f = moved.grids.features.find((g) => g.properties.key === key)!;
      const ring = f.geometry.coordinates.flat(2) as unknown as Position[];
      return ring.some((p) => distance(p, plan.quad[3]!, { units: 'meters' }) < 1.5) === false;
    };
    for (const key of addedKeys) expect(vertexMoved(key), `grid ${key} no longer has the old corner`).toBe(true);
    const report2 = await trpcQuery<Report>(page, 'drafts.validate', { draftId: draft.draftId });
    expect(report2.blocking).toBe(0);

    // Findings still listed (warnings) zoom the map to themselves when clicked.
    const first = panel.locator('li.ed-finding').first();
    if ((await first.count()) > 0 && (await first.getByRole('button').first().isEnabled())) {
      await first.getByRole('button').first().click();
      await expect(first.getByRole('button').first()).toHaveAttribute('aria-pressed', 'true');
    }

    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });

  test('street chooser, English, keyboard shortcuts and accessibility of the editor', async ({ page, baseURL }) => {
    const watch = watchPage(page, new URL(baseURL!).origin);
    const streets = await trpcQuery<{ id: number; code: string; name: string }[]>(page, 'drafts.streets', {});
    // The account's first street in code order (红山街道, its only one).
    const street = streets[0]!;
    await page.goto('/editor');
    await page.getByRole('link', { name: new RegExp(street.code) }).click();
    await expect(page).toHaveURL(new RegExp(`/editor\\?street=${street.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(street.name);
    await expect(page.getByTestId('findings-status')).toBeVisible();
    await waitForMapIdle(page);

    // Shortcuts switch tools (and Escape returns to selecting).
    await page.keyboard.press('p');
    await expect(mapLocator(page)).toHaveAttribute('data-mode', 'draw');
    await page.keyboard.press('Escape');
    await expect(mapLocator(page)).toHaveAttribute('data-mode', 'select');

    type AxePage = ConstructorParameters<typeof AxeBuilder>[0]['page'];
    const check = async () =>
      (await new AxeBuilder({ page: page as unknown as AxePage }).exclude('canvas.maplibregl-canvas').analyze()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(await check()).toEqual([]);

    await page.getByRole('button', { name: '切换到英文界面' }).click();
    await expect(page.getByRole('toolbar', { name: 'Editing tools' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Topology check' })).toBeVisible();
    // The page re-renders in place on a language switch; its <title> is streamed back a moment later.
    await expect(page).toHaveTitle(/GridAtlas/);
    expect(await check()).toEqual([]);

    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });
});

/** Pixels of the map canvas in the findings red (#d62828 over the map, at any of its opacities). */
async function countFindingPixels(page: Page): Promise<number> {
  const image = await canvasImage(page);
  try {
    return await image.evaluate(({ data }) => {
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! > 170 && data[i]! - data[i + 1]! > 70 && data[i]! - data[i + 2]! > 70) n++;
      return n;
    });
  } finally {
    await image.dispose();
  }
}
