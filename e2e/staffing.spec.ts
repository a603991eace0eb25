import { expect, test, type Browser, type Page } from '@playwright/test';
import { axeViolations, signIn, trpcQuery, watchPage } from './helpers';

/**
 * Staffing in the browser (队伍管理): a full-time worker of 红山街道 leaves; the operator finds the grid
 * without a full-time worker in the table of defects and on the map, recruits a full-time replacement,
 * sends them to training; going on duty is refused until the district's academy records their passes in
 * the required courses; then on duty, they are assigned the grid: it leaves the table and the map counts
 * as before. A department reader finds the page closed.
 *
 * The e2e data dir persists across runs: each run has its own recruit (named with the run's time) and
 * another of the street's workers leaves; the street stays staffed as it was.
 */

async function openStaffing(page: Page) {
  await page.getByRole('button', { name: /当前用户/ }).click();
  await page.getByRole('link', { name: '队伍管理' }).click();
  await expect(page).toHaveURL(/\/staffing$/);
  await expect(page.getByRole('heading', { level: 1, name: '队伍管理' })).toBeVisible();
}

/** The map legend's count of grids with a status, e.g. "无专职 (3)". */
async function legendCount(page: Page, status: string): Promise<number> {
  const item = page.getByRole('list', { name: '图例' }).getByRole('listitem').filter({ hasText: status });
  const text = (await item.textContent()) ?? '';
  return Number(/\((\d+)\)/.exec(text)?.[1] ?? NaN);
}

/**
 * The district reviewer of 玄武区 records, on the academy's API, a passing score in every required course
 * for a worker (the academy page's score form sends the same call).
 */
async function passRequiredCourses(browser: Browser, baseURL: string, workerId: number) {
  const context = await browser.newContext();
  try {
    const reviewer = await context.newPage();
    await signIn(reviewer, 'district-xuanwu');
    const courses = await trpcQuery<{ id: number; required: boolean }[]>(reviewer, 'academy.courses', {});
    const required = courses.filter((c) => c.required);
    expect(required.length).toBeGreaterThan(0);
    for (const c of required) {
      const res = await reviewer.request.post(`${baseURL}/api/trpc/academy.recordScore`, {
        headers: { origin: baseURL, 'content-type': 'application/json' },
        data: { json: { workerId, courseId: c.id, score: 92 } },
      });
      expect(res.status(), await res.text()).toBe(200);
    }
  } finally {
    await context.close();
  }
}

test('a worker leaves, the grid shows up without a full-time worker, and the operator staffs it again with one who passed the academy', async ({ page, baseURL, browser }) => {
  test.setTimeout(240_000);
  const stamp = new Date().toISOString().slice(5, 19).replace(/[-:T]/g, '');
  const name = `测试网格员${stamp}`;

  await signIn(page, 'street-hongshan');
  const watch = watchPage(page, new URL(baseURL!).origin);
  await openStaffing(page);

  // The street's grids with a defect: level 网格, only the defects (there may be none yet).
  await page.getByLabel('统计层级').selectOption({ label: '网格' });
  await page.getByLabel('只看有问题的').check();
  const compliance = page.getByTestId('staffing-compliance');
  await expect(compliance.getByText(/没有符合条件的记录|按网格统计/).first()).toBeVisible();
  await expect(page.getByRole('list', { name: '图例' })).toBeVisible();

  // A full-time worker on duty with one grid leaves (not the demo account's own worker, 网格员甲).
  const register = page.getByTestId('staffing-workers');
  const leaver = register
    .locator('tbody tr')
    .filter({ hasText: '专职' })
    .filter({ hasText: '在岗' })
    .filter({ hasNotText: '兼职' })
    .filter({ hasNotText: '网格员甲' })
    // One grid only, so that leaving leaves it without a full-time worker.
    .filter({ hasNotText: '、' })
    .filter({ hasNot: page.locator('td > span.ga-muted', { hasText: /^无$/ }) })
    // Nor an earlier run's recruit.
    .filter({ hasNotText: '测试网格员' })
    .filter({ has: page.getByRole('button', { name: '分配网格' }) })
    .first();
  await expect(leaver).toBeVisible();
  // Pinned by its record: the filters above stop matching once the stage changes.
  const leaverRow = register.locator(`tr[data-worker="${await leaver.getAttribute('data-worker')}"]`);
  const leaverName = ((await leaverRow.getByRole('rowheader').textContent()) ?? '').trim();
  const gridName = ((await leaverRow.locator('td').nth(4).textContent()) ?? '').trim();
  expect(gridName).not.toBe('无');
  const leaving = page.getByRole('form', { name: `变更 ${leaverName} 的阶段` });
  for (const to of ['退出中', '已退出'] as const) {
    // The form stays open after a change, showing it; a second click would close it.
    if (!(await leaving.isVisible())) await leaverRow.getByRole('button', { name: '变更阶段' }).click();
    await leaving.getByLabel('变更为').selectOption({ label: to });
    await leaving.getByLabel('退出原因').selectOption({ label: '本人辞职' });
    await leaving.getByRole('button', { name: '确认变更' }).click();
    if (to === '退出中') await expect(leaving.getByRole('status')).toContainText(`已变更为“${to}”。`);
  }
  await expect(leaverRow).toContainText('已退出');
  await expect(leaverRow).toContainText('无');

  // The grid now has no full-time worker: in the table, and one more on the map.
  const table = compliance.getByRole('table', { name: /按网格统计/ });
  const named = new RegExp(`^${gridName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+\\d{15}$`);
  const defect = table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: named }) }).filter({ hasText: /无专职|空岗/ });
  await expect(defect).toBeVisible();
  const gridCode = await defect.getAttribute('data-code');
  expect(gridCode).toMatch(/^\d{15}$/);
  // The map's legend counts the same grids as the table lists.
  const defects = table.locator('tbody tr').filter({ hasText: /无专职|空岗/ });
  const unstaffed = async () => (await legendCount(page, '无专职')) + (await legendCount(page, '空岗'));
  const during = await defects.count();
  await expect.poll(unstaffed).toBe(during);

  // Recruit a full-time replacement in the street.
  const recruit = page.getByRole('region', { name: '录用网格员' });
  await recruit.getByLabel('姓名').fill(name);
  await recruit.getByRole('combobox', { name: /^社区/ }).selectOption({ index: 1 });
  await recruit.getByLabel('用工形式').selectOption({ label: '专职' });
  await recruit.getByLabel('来源').selectOption({ label: '公开招录' });
  await recruit.getByRole('button', { name: '录用' }).click();
  await expect(recruit.getByRole('status')).toContainText(`已录用 ${name}`);
  const row = register.locator('tbody tr').filter({ hasText: name });
  await expect(row).toContainText('已录用');

  // recruited → in training; on duty only once the academy's required courses are passed.
  const stage = page.getByRole('form', { name: `变更 ${name} 的阶段` });
  const changeTo = async (to: string) => {
    if (!(await stage.isVisible())) await row.getByRole('button', { name: '变更阶段' }).click();
    await stage.getByLabel('变更为').selectOption({ label: to });
    await stage.getByRole('button', { name: '确认变更' }).click();
  };
  await changeTo('培训中');
  await expect(stage.getByRole('status')).toContainText('已变更为“培训中”。');
  await changeTo('在岗');
  await expect(stage.getByRole('alert')).toContainText('必修课程尚未全部通过');
  await expect(row).toContainText('培训中');

  // The district's academy records the recruit's passes in every required course.
  const workerId = Number(await row.getAttribute('data-worker'));
  await passRequiredCourses(browser, baseURL!, workerId);

  await changeTo('在岗');
  await expect(stage.getByRole('status')).toContainText('已变更为“在岗”。');
  await expect(row).toContainText('在岗');

  // Assign the grid; the form names it when done.
  await row.getByRole('button', { name: '分配网格' }).click();
  const assign = page.getByRole('form', { name: `为 ${name} 分配网格` });
  await assign.getByRole('combobox', { name: /^网格/ }).selectOption({ value: gridCode! });
  await assign.getByRole('button', { name: '确认分配' }).click();
  await expect(assign.getByRole('status')).toContainText(`已分配网格 ${gridName}。`);
  await expect(row).toContainText(gridName);

  // Staffed again: out of the defects table, and the map counts as before.
  await expect(table.locator(`tr[data-code="${gridCode}"]`)).toHaveCount(0);
  await expect(defects).toHaveCount(during - 1);
  await expect.poll(unstaffed).toBe(during - 1);
  expect(leaverName).not.toBe('');

  expect(await axeViolations(page)).toEqual([]);
  // The one refused change (on duty before the courses) is the only failed request the console shows.
  expect(watch.errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  expect(watch.foreignRequests).toEqual([]);
});

test('a department reader finds the staffing page closed', async ({ page }) => {
  await signIn(page, 'dept-police');
  await page.getByRole('button', { name: /当前用户/ }).click();
  await expect(page.getByRole('link', { name: '队伍管理' })).toHaveCount(0);
  await page.goto('/staffing');
  await expect(page.getByRole('heading', { level: 1, name: '没有访问权限' })).toBeVisible();
  await expect(page.getByTestId('staffing-workers')).toHaveCount(0);
});
