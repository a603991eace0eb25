import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { axeViolations, signIn, trpcQuery } from './helpers';

/**
 * The closed loop in the browser (issue 10 §9), in two browser contexts at once: worker-hongshan on a
 * phone-sized viewport opens a standard address's QR code of their grid (what scanning it does) and
 * reports there; command sees the case appear live in the command centre's feed without reloading,
 * accepts and dispatches it to the recommended handler (the grid's worker), the worker handles and
 * finishes it on the phone and verifies it, command closes it and records the evaluation; the whole
 * history is in the panel. district-qinhuai never sees the case: not in its command centre, not by id.
 */

const PHONE = { width: 390, height: 844 };

async function contextFor(browser: Browser, username: string, viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(viewport ? { viewport, isMobile: true, hasTouch: true } : {});
  const page = await context.newPage();
  await signIn(page, username);
  return { context, page };
}

test('a case from a scanned address code to evaluation, live in the command centre', async ({ browser }) => {
  test.setTimeout(240_000);
  const worker = await contextFor(browser, 'worker-hongshan', PHONE);
  const command = await contextFor(browser, 'command');
  const qinhuai = await contextFor(browser, 'district-qinhuai');
  try {
    // The command centre is open and connected before anything is reported.
    await command.page.goto('/command');
    await expect(command.page.getByRole('status', { name: '实时连接' })).toHaveAttribute('data-state', 'connected', { timeout: 60_000 });
    await qinhuai.page.goto('/command');
    await expect(qinhuai.page.getByRole('status', { name: '实时连接' })).toHaveAttribute('data-state', 'connected', { timeout: 60_000 });

    // The worker's grid and its printable code sheet: the first address's code is what a scan opens.
    const me = await trpcQuery<{ workerId: number }>(worker.page, 'field.me', undefined);
    const details = await trpcQuery<{ grids: { code: string; name: string }[] }>(worker.page, 'details.get', { kind: 'worker', id: me.workerId });
    const grid = details.grids[0]!;
    await worker.page.goto(`/qr/grid/${grid.code}`);
    const firstCode = worker.page.getByRole('img', { name: /的上报二维码$/ }).first();
    await expect(firstCode).toBeVisible();
    const sheetText = await worker.page.locator('main').innerText();
    const addressCode = sheetText.match(/\b\d{18}\b/)?.[0];
    expect(addressCode, 'an 18-digit address code is printed on the sheet').toBeTruthy();

    await worker.page.goto(`/r/a/${addressCode}`);
    await expect(worker.page.getByRole('heading', { name: '扫码上报' })).toBeVisible();
    await expect(worker.page.getByTestId('responsible-line')).toContainText(grid.name);
    await worker.page.getByLabel('事件类别').selectOption({ label: '矛盾纠纷' });
    const description = `E2E 邻里纠纷 ${Date.now()}`;
    await worker.page.getByLabel('问题描述').fill(description);
    await worker.page.getByRole('button', { name: '提交上报' }).click();
    await expect(worker.page.getByRole('heading', { name: '上报成功' })).toBeVisible();
    const code = (await worker.page.getByTestId('report-code').innerText()).trim();
    expect(code).toMatch(/^SJ\d{14,}$/);

    // Live: the case appears in the command centre's feed without a reload.
    const row = command.page.getByTestId('feed-row').filter({ hasText: code }).first();
    await expect(row).toBeVisible({ timeout: 20_000 });
    await row.click();
    const panel = command.page.getByTestId('case-panel');
    await expect(panel).toContainText(code);
    await panel.getByRole('button', { name: '立案', exact: true }).click();
    await panel.getByRole('button', { name: '派遣', exact: true }).click();
    const dialog = command.page.getByRole('dialog', { name: '派遣' });
    await expect(dialog).toContainText('推荐');
    await expect(dialog).toContainText(grid.code);
    await dialog.getByRole('button', { name: '按推荐派遣', exact: true }).click();
    await expect(dialog).toBeHidden();

    // The worker handles it from "my cases" and verifies it on site.
    await worker.page.goto('/report');
    await worker.page.getByRole('tab', { name: '我的案件' }).click();
    await worker.page.getByRole('button', { name: new RegExp(`^${code}`) }).first().click();
    await expect(worker.page.getByRole('heading', { name: `案件 ${code}` })).toBeVisible();
    await worker.page.getByRole('button', { name: '开始处置', exact: true }).click();
    await worker.page.getByRole('button', { name: '处置完毕', exact: true }).click();
    await worker.page.getByLabel('处置说明（必填）').fill('已上门调解，双方达成一致');
    await worker.page.getByRole('button', { name: '确认处置完毕' }).click();
    await worker.page.getByRole('button', { name: '核查通过', exact: true }).click();
    await worker.page.getByRole('button', { name: '确认核查通过' }).click();
    await expect(worker.page.getByText(`案件 ${code} 核查通过`)).toBeVisible();

    // Command closes it and records the evaluation; the panel follows the feed.
    await expect(panel.getByRole('button', { name: '结案', exact: true })).toBeVisible({ timeout: 20_000 });
    await panel.getByRole('button', { name: '结案', exact: true }).click();
    await expect(panel.getByRole('button', { name: '评价', exact: true })).toBeVisible({ timeout: 20_000 });
    await panel.getByRole('button', { name: '评价', exact: true }).click();
    await panel.getByRole('radio', { name: '5 分' }).check();
    await panel.getByRole('button', { name: '提交' }).click();
    for (const step of ['上报', '立案', '派遣', '开始处置', '处置完毕', '核查通过', '结案', '评价']) await expect(panel).toContainText(step);
    expect(await axeViolations(command.page)).toEqual([]);

    // district-qinhuai never sees it: not in its feed, and by id it is not found.
    await expect(qinhuai.page.getByTestId('feed-row').filter({ hasText: code })).toHaveCount(0);
    const found = await trpcQuery<{ id: number; code: string }[]>(command.page, 'incidents.list', { limit: 20 });
    const id = found.find((c) => c.code === code)!.id;
    const res = await qinhuai.page.request.get(`/api/trpc/incidents.get?input=${encodeURIComponent(JSON.stringify({ json: { id } }))}`);
    expect(res.status()).toBe(404);
    expect(await axeViolations(worker.page)).toEqual([]);
  } finally {
    await Promise.all([worker.context.close(), command.context.close(), qinhuai.context.close()]);
  }
});
