import { expect, test, type Page } from '@playwright/test';
import { axeViolations, signIn, trpcQuery, watchPage } from './helpers';

/**
 * The bulk import of standard addresses (基础数据) in the browser: 红山街道's editor opens the page from the
 * user menu, checks a CSV of three addresses of the street, one with a building type the app does not
 * know; the report lists that row by its line with the reason, and nothing is written. The corrected file
 * is imported: the report says so and the history lists the file. A department reader finds the page
 * closed to it.
 *
 * The e2e data dir persists across runs: each run's file has its own name and its own address texts, with
 * no households or residents, so that the grids' loads the editor and workflow journeys look at stay as
 * they are (a run adds three addresses, which no journey counts).
 */

const HONGSHAN = { code: '320102008', name: '红山街道' };

interface PlaceResult {
  kind: string;
  code: string;
  point: [number, number] | null;
}

/** Points of 红山街道 that lie in its communities: where two of its standard addresses are. */
async function streetPoints(page: Page): Promise<[number, number][]> {
  const results = await trpcQuery<PlaceResult[]>(page, 'search.places', { query: HONGSHAN.code, limit: 50 });
  const points = results.filter((r) => r.kind === 'address' && r.code.startsWith(HONGSHAN.code) && r.point).map((r) => r.point!);
  expect(points.length, `${HONGSHAN.name} has standard addresses`).toBeGreaterThanOrEqual(2);
  return points.slice(0, 2);
}

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');

test('a street editor checks a file of addresses, corrects the rejected row, imports it and finds it in the history', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const stamp = new Date().toISOString().slice(5, 19).replace(/[-:T]/g, '');
  const fileName = `E2E-红山地址-${stamp}.csv`;

  await signIn(page, 'street-hongshan');
  const [[lon1, lat1], [lon2, lat2]] = await streetPoints(page);
  const watch = watchPage(page, new URL(baseURL!).origin);

  // From the user menu, as the editor finds it.
  await page.getByRole('button', { name: /当前用户/ }).click();
  await page.getByRole('link', { name: '基础数据' }).click();
  await expect(page).toHaveURL(/\/base-data$/);
  await expect(page.getByRole('heading', { level: 1, name: '基础数据' })).toBeVisible();
  await expect(page.getByText(`可导入的范围：${HONGSHAN.name}。`)).toBeVisible();
  // The help lists the headings the server reads, in both languages, and the limits.
  const help = page.getByTestId('import-help');
  await expect(help.getByRole('table', { name: /可识别的列/ })).toContainText('标准地址');
  await expect(help.getByRole('table', { name: /可识别的列/ })).toContainText('longitude');
  await expect(help).toContainText('CSV 文件最大 256 MB');

  const form = page.getByTestId('import-form');
  const status = page.getByTestId('import-status').getByRole('status');
  // Sending nothing: the form says so, in its alert.
  await form.getByRole('button', { name: '只检查' }).click();
  await expect(page.getByTestId('import-error')).toHaveText('请选择要导入的文件');

  const heading = '标准地址,建筑类型,户数,人数,经度,纬度,备注';
  const row = (n: number, type: string, lon: number, lat: number, note = '') => `${HONGSHAN.name}E2E测试路${n}号（${stamp}）,${type},0,0,${lon},${lat},${note}`;
  const bad = csv([heading, row(1, '多层住宅', lon1, lat1, 'e2e'), row(2, 'high_rise', lon2, lat2), row(3, '平房', lon1, lat1)]);
  await form.getByLabel('地址文件').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: bad });
  await expect(form.getByRole('radio', { name: /WGS84/ })).toBeChecked();
  await form.getByRole('button', { name: '只检查' }).click();

  await expect(status).toHaveText('1 行被拒绝，未写入任何数据。');
  const report = page.getByTestId('import-report');
  await expect(report.getByRole('heading', { level: 2, name: '检查结果' })).toBeVisible();
  await expect(report).toHaveAttribute('data-written', 'false');
  const rejections = report.getByRole('table', { name: '被拒绝的行' });
  // The bad row is the file's fourth line (the heading is the first).
  await expect(rejections.getByRole('row')).toHaveCount(2);
  await expect(rejections.getByRole('rowheader', { name: '4', exact: true })).toBeVisible();
  await expect(rejections.getByRole('row').nth(1)).toContainText('建筑类型无法识别');
  await expect(rejections.getByRole('row').nth(1)).toContainText('平房');
  await expect(report.locator('[data-count="rowsRead"] dd')).toHaveText('3');
  await expect(report.locator('[data-count="rejected"] dd')).toHaveText('1');
  await expect(report).toContainText('以下列无法识别，未导入：“备注”');
  expect(await axeViolations(page)).toEqual([]);

  // Corrected, the same file is imported.
  const good = csv([heading, row(1, '多层住宅', lon1, lat1, 'e2e'), row(2, 'high_rise', lon2, lat2), row(3, '低层住宅', lon1, lat1)]);
  await form.getByLabel('地址文件').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: good });
  await form.getByRole('button', { name: '导入', exact: true }).click();
  await expect(status).toHaveText('导入完成：新增 3 条，更新 0 条，未变 0 条。');
  await expect(report.getByRole('heading', { level: 2, name: '导入结果' })).toBeVisible();
  await expect(report).toHaveAttribute('data-written', 'true');
  await expect(report.getByRole('table', { name: /被拒绝的行/ })).toHaveCount(0);
  await expect(report.locator('[data-count="created"] dd')).toHaveText('3');

  // The history, read again after the import, lists it first.
  const history = page.getByTestId('import-history').getByRole('table', { name: '最近写入本辖区的导入' });
  const entry = history.getByRole('row').filter({ hasText: fileName });
  await expect(entry).toHaveCount(1);
  await expect(history.getByRole('row').nth(1)).toContainText(fileName);
  await expect(entry).toContainText('红山街道网格编辑');
  // Rows read and created (the time is the row's header).
  await expect(entry.getByRole('cell').nth(3)).toHaveText('3');
  await expect(entry.getByRole('cell').nth(4)).toHaveText('3');

  expect(await axeViolations(page)).toEqual([]);
  expect(watch.errors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

test('a department reader has no base data page, and no link to it', async ({ page }) => {
  await signIn(page, 'dept-police');
  await page.getByRole('button', { name: /当前用户/ }).click();
  await expect(page.getByRole('link', { name: '基础数据' })).toHaveCount(0);
  await page.goto('/base-data');
  await expect(page.getByRole('heading', { level: 1, name: '没有访问权限' })).toBeVisible();
  await expect(page.getByTestId('no-access-reason')).toContainText('您没有执行此操作的权限');
  await expect(page.getByTestId('import-form')).toHaveCount(0);
});
