import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { changedShare, findGrid, mapLocator, sampleCanvas, signIn, viewFromUrl, waitForMapIdle, watchPage } from './helpers';

test.describe('the map page', () => {
  test.beforeEach(async ({ context, page }) => {
    // Every test starts in the default language (zh-CN), signed in as the command centre, which sees
    // every layer of the whole city.
    await context.clearCookies();
    await signIn(page, 'command');
  });

  test('loads with no console errors, no foreign request, and the canvas draws the city', async ({ page, baseURL }) => {
    const watch = watchPage(page, new URL(baseURL!).origin);
    await page.goto('/');
    await expect(page.getByRole('region', { name: '网格地图' })).toBeVisible();
    await waitForMapIdle(page);

    const sample = await sampleCanvas(page);
    // A drawn map has boundaries, fills and labels: many colours, and far from one flat background.
    expect(sample.distinctColours).toBeGreaterThan(20);
    expect(sample.nonDominantShare).toBeGreaterThan(0.05);

    // Zoom in to where grids, incidents and addresses are drawn, then check again.
    await page.goto('/?z=13&c=118.78,32.05&l=districts,streets,communities,grids,addresses,workers,keySites,incidents');
    await waitForMapIdle(page);
    const zoomed = await sampleCanvas(page);
    expect(zoomed.distinctColours).toBeGreaterThan(20);

    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });

  test('layers toggle on and off, and the URL keeps them', async ({ page }) => {
    await page.goto('/?z=12&c=118.78,32.05');
    await waitForMapIdle(page);
    const panel = page.getByRole('complementary', { name: '图层' });
    const grids = panel.getByRole('checkbox', { name: '网格', exact: true });
    await expect(grids).toBeChecked();
    const before = await sampleCanvas(page);

    await grids.uncheck();
    await expect(grids).not.toBeChecked();
    await expect.poll(() => viewFromUrl(page).layers).not.toContain('grids');
    await waitForMapIdle(page);
    const without = await sampleCanvas(page);
    expect(changedShare(before, without)).toBeGreaterThan(0.02);

    const density = panel.getByRole('checkbox', { name: '事件热力' });
    await density.check();
    await expect.poll(() => viewFromUrl(page).layers).toContain('incidentDensity');

    // The link reproduces the layers.
    await page.reload();
    await waitForMapIdle(page);
    await expect(page.getByRole('complementary', { name: '图层' }).getByRole('checkbox', { name: '网格', exact: true })).not.toBeChecked();
    await expect(page.getByRole('complementary', { name: '图层' }).getByRole('checkbox', { name: '事件热力' })).toBeChecked();

    await page.getByRole('complementary', { name: '图层' }).getByRole('checkbox', { name: '网格', exact: true }).check();
    await waitForMapIdle(page);
    const back = await sampleCanvas(page);
    expect(changedShare(without, back)).toBeGreaterThan(0.02);
  });

  test('a click on a grid opens its details', async ({ page }) => {
    const grid = await findGrid(page);
    // Only the grid layer, so nothing drawn above it (a worker, a key site) can take the click.
    await page.goto(`/?c=${grid.point[0]},${grid.point[1]}&z=16&l=grids`);
    await waitForMapIdle(page);
    const box = (await mapLocator(page).boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);

    const details = page.getByRole('complementary', { name: grid.name });
    await expect(details).toBeVisible();
    await expect(details.getByText(grid.code, { exact: true })).toBeVisible();
    // The figures first; the versions list below repeats the labels for each version.
    await expect(details.getByText('户数', { exact: true }).first()).toBeVisible();
    await expect(details.getByRole('heading', { name: '网格员' })).toBeVisible();
    await expect(details.getByTestId('grid-timeline').getByTestId('grid-version').first()).toBeVisible();
    expect(viewFromUrl(page).sel).toBe(`grid:${grid.code}`);

    await details.getByRole('button', { name: '关闭详情' }).click();
    await expect(page.getByTestId('details-panel')).toHaveCount(0);
  });

  test('search by grid code flies to the grid and opens its details', async ({ page }) => {
    const grid = await findGrid(page);
    await page.goto('/');
    await waitForMapIdle(page);
    const start = viewFromUrl(page);

    const search = page.getByRole('combobox', { name: '搜索网格、社区或地址' });
    await search.fill(grid.code);
    const option = page.getByRole('option').filter({ hasText: grid.name }).first();
    await expect(option).toBeVisible();
    await search.press('ArrowDown');
    await search.press('Enter');

    const details = page.getByRole('complementary', { name: grid.name });
    await expect(details).toBeVisible();
    await expect(details.getByText(grid.code, { exact: true })).toBeVisible();
    // The map flew: the view now centres near the grid, much closer in.
    await expect.poll(() => viewFromUrl(page).zoom, { timeout: 20_000 }).toBeGreaterThan(start.zoom + 3);
    await waitForMapIdle(page);
    const end = viewFromUrl(page);
    expect(Math.abs(end.center[0] - grid.point[0])).toBeLessThan(0.05);
    expect(Math.abs(end.center[1] - grid.point[1])).toBeLessThan(0.05);
  });

  test('search finds a community by name', async ({ page }) => {
    await page.goto('/');
    await waitForMapIdle(page);
    const search = page.getByRole('combobox', { name: '搜索网格、社区或地址' });
    await search.fill('社区');
    const option = page.getByRole('option').filter({ hasText: '社区/村' }).first();
    await expect(option).toBeVisible();
    const name = (await option.locator('.ga-search-result-name').textContent())!;
    await option.click();
    await expect(page.getByRole('complementary', { name })).toBeVisible();
    await expect.poll(() => viewFromUrl(page).sel ?? '').toMatch(/^community:\d+$/);
  });

  test('the language switch turns the interface to English and back', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('网格一张图');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

    await page.getByRole('button', { name: '切换到英文界面' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('GridAtlas');
    await expect(page.getByRole('complementary', { name: 'Layers' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Grids', exact: true })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Search grids, communities or addresses' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    // The choice survives a reload (cookie), and the map itself stays (no page navigation).
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('GridAtlas');
    await expect(page.getByRole('region', { name: 'Grid map' })).toBeVisible();

    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('网格一张图');
  });

  test('axe finds no serious or critical violation outside the map canvas', async ({ page }) => {
    const grid = await findGrid(page);
    await page.goto(`/?c=${grid.point[0]},${grid.point[1]}&z=15&sel=grid:${grid.code}`);
    await waitForMapIdle(page);
    await expect(page.getByRole('complementary', { name: grid.name })).toBeVisible();
    const check = async () => {
      // @axe-core/playwright is typed against a newer playwright-core than @playwright/test 1.57; the
      // page object it uses (evaluate, frames) is the same at run time.
      type AxePage = ConstructorParameters<typeof AxeBuilder>[0]['page'];
      const result = await new AxeBuilder({ page: page as unknown as AxePage }).exclude('canvas.maplibregl-canvas').analyze();
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    expect(await check()).toEqual([]);

    // The open search list, in English too.
    await page.getByRole('combobox').fill('社区');
    await expect(page.getByRole('option').first()).toBeVisible();
    expect(await check()).toEqual([]);
    await page.getByRole('button', { name: '切换到英文界面' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('GridAtlas');
    // The new <title> arrives with the refreshed server render, a moment after the heading.
    await expect(page).toHaveTitle(/GridAtlas/);
    expect(await check()).toEqual([]);
  });

  test('the map can be used from the keyboard', async ({ page }) => {
    await page.goto('/?z=12&c=118.78,32.05');
    await waitForMapIdle(page);
    const canvas = page.locator('canvas.maplibregl-canvas');
    await canvas.focus();
    const before = viewFromUrl(page);
    await page.keyboard.press('Equal');
    await expect.poll(() => viewFromUrl(page).zoom).toBeGreaterThan(before.zoom);
    // Enter opens whatever lies at the centre of the view.
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('details-panel')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('details-panel')).toHaveCount(0);
  });
});
