import { expect, test, type Page } from '@playwright/test';
import { resetDraft } from './editor-helpers';
import { axeViolations, sampleCanvas, signIn, trpcQuery, waitForMapIdle, watchPage } from './helpers';

/**
 * The planner (网格优化测算) in the browser: the planner opens the page from the user menu, runs
 * 新街口街道 at 100–200 households per grid, waits for the figures, looks at a grid and at the two maps
 * side by side, saves the scenario; runs it again at 60–150, compares the two, exports the figures and
 * promotes the second to the street's draft plan. The street's editor then opens that plan: it is being
 * edited (编辑中) and holds the scenario's new grids. A city administrator sees the pricing the scenarios
 * are priced with on the catalogue page.
 *
 * The e2e data dir persists across runs, so the journey cleans up after itself: it names its scenarios
 * with the run's time, deletes them at the end, and undoes the promotion in 新街口街道's draft (the
 * street no other journey edits; 红山街道, which the editor and workflow journeys reset and file, is left
 * alone). A promotion needs the street's draft open for edits: an earlier interrupted run leaves it so.
 */

const XINJIEKOU = { code: '320102003', name: '新街口街道', district: '玄武区' };

interface ScenarioRow {
  id: number;
  name: string;
  mine: boolean;
}

async function streetId(page: Page): Promise<number> {
  const results = await trpcQuery<{ kind: string; key: string; code: string }[]>(page, 'search.places', { query: XINJIEKOU.name, limit: 10 });
  const found = results.find((r) => r.kind === 'street' && r.code === XINJIEKOU.code);
  expect(found, `${XINJIEKOU.name} is found by name`).toBeDefined();
  return Number(found!.key);
}

async function switchUser(page: Page, username: string) {
  // Leave the app first: a page whose session vanished would send itself to the sign-in page meanwhile.
  await page.goto('about:blank');
  await page.context().clearCookies();
  await signIn(page, username);
}

/** Runs the form as it stands with this range and name, and waits for the figures. */
async function run(page: Page, min: number, max: number, name: string) {
  const form = page.getByTestId('planner-form');
  await form.getByLabel('每格户数下限').fill(String(min));
  await form.getByLabel('每格户数上限').fill(String(max));
  await form.getByLabel('方案名称').fill(name);
  await form.getByRole('button', { name: '开始测算' }).click();
  // The live line says when it has finished (a street takes well under a second).
  await expect(page.getByTestId('planner-status').getByRole('status')).toContainText(`“${name}”测算完成`, { timeout: 30_000 });
  await expect(page.getByTestId('planner-scenario').getByRole('heading', { level: 2 })).toContainText(name);
  await expect(page.getByTestId('planner-figures')).toBeVisible();
}

test('a planner runs, saves, compares and promotes re-division scenarios; the street sees the draft', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const stamp = new Date().toISOString().slice(5, 19).replace('T', ' ');
  const first = `E2E 甲 ${stamp}`;
  const second = `E2E 乙 ${stamp}`;

  // The street's draft starts from the grids in force (an earlier run's promotion undone).
  await signIn(page, 'street-xinjiekou');
  const id = await streetId(page);
  await resetDraft(page, id);

  await switchUser(page, 'planner');
  const watch = watchPage(page, new URL(baseURL!).origin);
  // From the user menu, as a planner finds it.
  await page.goto('/');
  await page.getByRole('button', { name: /当前用户/ }).click();
  await page.getByRole('link', { name: '网格优化测算' }).click();
  await expect(page).toHaveURL(/\/planner/);
  await expect(page.getByRole('heading', { level: 1, name: '网格优化测算' })).toBeVisible();

  // The form starts from the settings' norm.
  const form = page.getByTestId('planner-form');
  await expect(form.getByLabel('每格户数下限')).toHaveValue('300');
  await expect(form.getByLabel('保留专属网格')).toBeChecked();

  // No scope: the form says so and keeps the focus on the scope.
  await form.getByLabel('方案名称').fill('');
  await form.getByRole('button', { name: '开始测算' }).click();
  await expect(form.getByRole('alert')).toContainText('请选择测算范围');
  await expect(form.getByLabel('区', { exact: true })).toBeFocused();

  // District, then street, by keyboard-operable selects.
  await form.getByLabel('区', { exact: true }).selectOption({ label: XINJIEKOU.district });
  await form.getByLabel('街道', { exact: true }).selectOption({ label: XINJIEKOU.name });
  await expect(page.getByTestId('planner-scope-summary')).toContainText(XINJIEKOU.name);
  await expect(form.getByRole('group', { name: '社区（可选）' }).getByRole('checkbox').first()).toBeVisible();

  // A range the wrong way round is refused in the form.
  await form.getByLabel('每格户数下限').fill('300');
  await form.getByLabel('每格户数上限').fill('200');
  await form.getByRole('button', { name: '开始测算' }).click();
  await expect(form.getByRole('alert')).toContainText('每格户数下限不能大于上限');
  await expect(form.getByLabel('每格户数下限')).toHaveAttribute('aria-invalid', 'true');

  // A barrier file that holds no lines is refused by the server, in the user's language; nothing is stored.
  await page.getByText('导入障碍线图层').click();
  await page.getByLabel('图层名称').fill(`E2E 障碍线 ${stamp}`);
  await page.getByLabel('GeoJSON 文件').setInputFiles({
    name: 'points.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [118.78, 32.04] } }] })),
  });
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await expect(page.locator('.pn-barrier-import').getByRole('alert')).toContainText('障碍线文件须为含线要素的 GeoJSON');

  await run(page, 100, 200, first);
  const figures = page.getByTestId('planner-figures');
  await expect(figures.getByTestId('figure-grids')).toContainText(/现状 \d+ → 测算 \d+/);
  await expect(figures.getByTestId('figure-subsidy')).toContainText('¥');
  await expect(figures.getByRole('img', { name: /每格户数分布/ })).toBeVisible();
  await expect(figures.getByRole('table', { name: '各项指标：现状、测算及变化' })).toBeVisible();
  await expect(page.getByTestId('planner-pricing-used')).toContainText('专职网格员每格 1 人');
  await expect(page.getByTestId('planner-refusals')).toBeVisible();

  // The map fits the street and draws the scenario over today's grids.
  await waitForMapIdle(page);
  const sample = await sampleCanvas(page);
  expect(sample.distinctColours).toBeGreaterThan(8);

  // A grid chosen in the list (the keyboard's way) shows its figures.
  const gridSelect = page.getByLabel('查看网格');
  const firstGrid = await gridSelect.locator('option').nth(1).getAttribute('value');
  await gridSelect.selectOption(firstGrid!);
  const details = page.getByTestId('planner-grid-details');
  await expect(details).toContainText('户数');
  await expect(details).toContainText('紧凑度（Polsby-Popper）');
  // With the keyboard on the map: Enter picks the grid at its centre (the chosen one, framed there).
  await gridSelect.selectOption('');
  await expect(details).toHaveCount(0);
  await waitForMapIdle(page);
  await page.getByTestId('map').locator('canvas').focus();
  await page.keyboard.press('Enter');
  await expect(details).toContainText('测算网格');
  // And a click there does the same.
  await gridSelect.selectOption('');
  await expect(details).toHaveCount(0);
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(details).toContainText('测算网格');

  // Side by side: two maps, today's on the left, that follow each other.
  await page.getByRole('button', { name: '左右对比' }).click();
  await expect(page.getByRole('button', { name: '左右对比' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('planner-map-today')).toBeVisible();
  await expect(page.getByTestId('planner-map-today')).toHaveAttribute('data-map-state', 'idle', { timeout: 60_000 });
  await page.getByRole('button', { name: '叠加对比' }).click();
  await expect(page.getByTestId('planner-map-today')).toHaveCount(0);

  // Saved under its name.
  await page.getByTestId('planner-scenario').getByRole('button', { name: '保存方案' }).click();
  await expect(page.getByTestId('planner-scenario').getByRole('status')).toContainText(`已保存为“${first}”`);
  const list = page.getByTestId('planner-list');
  await expect(list.getByTestId('planner-list-item').filter({ hasText: first })).toContainText('已保存');

  // A second run with another range; the first stays in the list.
  await run(page, 60, 150, second);
  await expect(list.getByTestId('planner-list-item').filter({ hasText: second })).toContainText('最近一次测算');
  await expect(list.getByTestId('planner-list-item').filter({ hasText: first })).toBeVisible();

  // Compared side by side, with the difference.
  await list.getByRole('checkbox', { name: `对比“${first}”` }).check();
  await list.getByRole('checkbox', { name: `对比“${second}”` }).check();
  const compare = page.getByTestId('planner-compare');
  await expect(compare.getByRole('table', { name: `A：${first}；B：${second}` })).toBeVisible();
  await expect(compare.locator('tr[data-figure="householdsMin"]')).toContainText('−40');
  await expect(compare.locator('tr[data-figure="householdsMax"]')).toContainText('−50');

  // The figures as a CSV file, downloaded in the browser.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出指标（CSV）' }).click();
  expect((await download).suggestedFilename()).toMatch(/^scenario-\d+-figures\.csv$/);

  // Promoted to the street's draft plan, after a confirmation.
  await page.getByRole('button', { name: '转为草稿方案' }).click();
  const dialog = page.getByRole('dialog', { name: '转为草稿方案？' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '确认转为草稿' }).click();
  await expect(dialog).toBeHidden();
  const drafts = page.getByTestId('planner-drafts');
  const link = drafts.getByRole('link', { name: /新街口街道草稿方案/ });
  await expect(link).toBeVisible();
  const draftId = Number(await link.getAttribute('data-draft-id'));
  expect(draftId).toBeGreaterThan(0);
  await expect(page.getByTestId('planner-scenario')).toContainText('已转为草稿方案');

  expect(await axeViolations(page)).toEqual([]);
  // The one failed request is the refused barrier file (the browser logs its 400).
  expect(watch.errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
  expect(watch.errors.filter((e) => e.includes('status of 400'))).toHaveLength(1);
  expect(watch.foreignRequests).toEqual([]);

  // The first scenario deleted, after its question.
  await list.getByTestId('planner-list-item').filter({ hasText: first }).getByRole('button', { name: /删除/ }).click();
  await list.getByRole('group', { name: `删除方案“${first}”？删除后不能恢复。` }).getByRole('button', { name: '删除' }).click();
  await expect(list.getByRole('status')).toContainText(`已删除方案“${first}”`);
  await expect(list.getByTestId('planner-list-item').filter({ hasText: first })).toHaveCount(0);
  // The promoted one stays, the record of where its drafts came from: it offers no delete, and the server refuses one.
  await expect(list.getByTestId('planner-list-item').filter({ hasText: second }).getByRole('button', { name: /删除/ })).toHaveCount(0);
  const mine = await trpcQuery<ScenarioRow[]>(page, 'planner.list', undefined);
  const promoted = mine.find((x) => x.mine && x.name === second)!;
  expect((await page.request.post('/api/trpc/planner.delete', { data: { json: { id: promoted.id } } })).status()).toBe(409);

  // The street's editor opens the plan: being edited, with the scenario's new grids against those in force.
  await switchUser(page, 'street-xinjiekou');
  await page.goto(`/plans/${draftId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(XINJIEKOU.name);
  await expect(page.getByTestId('plan-state')).toContainText('编辑中');
  await expect(page.getByTestId('diff-list-added').getByRole('listitem').first()).toBeVisible();
  await expect(page.getByTestId('impact-table')).toBeVisible();

  // Back to the grids in force, for the next run.
  await resetDraft(page, id);
});

test('a city administrator sets the grid workers’ subsidy on the catalogue page', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/admin/catalogue');
  const panel = page.getByTestId('pricing-panel');
  await expect(panel.getByRole('heading', { name: '网格员补贴标准' })).toBeVisible();
  const monthly = panel.getByLabel('兼职网格员月补贴（元/人）');
  const before = await monthly.inputValue();
  expect(Number(before)).toBeGreaterThanOrEqual(0);

  // A wrong value is refused in the form, with the field marked.
  await monthly.fill('800.125');
  await panel.getByRole('button', { name: '保存补贴标准' }).click();
  await expect(panel.getByRole('alert')).toContainText('有 1 项需要修改');
  await expect(monthly).toHaveAttribute('aria-invalid', 'true');
  await expect(monthly).toBeFocused();

  // Saved, and put back as it was.
  await monthly.fill('850');
  await panel.getByRole('button', { name: '保存补贴标准' }).click();
  await expect(panel.getByRole('status')).toContainText('已保存补贴标准');
  await page.reload();
  await expect(page.getByTestId('pricing-panel').getByLabel('兼职网格员月补贴（元/人）')).toHaveValue('850');
  await page.getByTestId('pricing-panel').getByLabel('兼职网格员月补贴（元/人）').fill(before);
  await page.getByTestId('pricing-panel').getByRole('button', { name: '保存补贴标准' }).click();
  await expect(page.getByTestId('pricing-panel').getByRole('status')).toContainText('已保存补贴标准');
});
