import { expect, test, type Page } from '@playwright/test';
import { booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import { draftVersion, resetDraft } from './editor-helpers';
import { axeViolations, mapLocator, signIn, trpcQuery, waitForMapIdle, watchPage } from './helpers';

/**
 * Users, roles and jurisdictions in the browser: each account sees what its grants give and nothing
 * else, the pages say why when they refuse, and an administrator's new user goes from the first
 * password to the map. The demo accounts (password gridatlas-demo) exist in every e2e run.
 */

const HONGSHAN = { code: '320102008', name: '红山街道' };

/** The user menu of the top bar: opens it and signs out, landing on the sign-in page. */
async function signOutFromMenu(page: Page, displayName: string) {
  await page.getByRole('button', { name: new RegExp(displayName) }).click();
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
}

/** 红山街道's id, looked up by name through the shared map's search (every account may search). */
async function hongshanId(page: Page): Promise<number> {
  const results = await trpcQuery<{ kind: string; key: string; code: string }[]>(page, 'search.places', { query: HONGSHAN.name, limit: 10 });
  const street = results.find((r) => r.kind === 'street' && r.code === HONGSHAN.code);
  expect(street, '红山街道 is found by name').toBeDefined();
  return Number(street!.key);
}

test.describe('signing in, roles and jurisdictions', () => {
  test.beforeEach(async ({ context }) => {
    await context.clearCookies();
  });

  test('the street editor of 红山街道 is offered only that street, and its editor opens and edits', async ({ page, baseURL }) => {
    await signIn(page, 'street-hongshan');
    const watch = watchPage(page, new URL(baseURL!).origin);
    await page.goto('/editor');
    await expect(page.getByText('仅列出您有权编辑的街道。')).toBeVisible();
    const links = page.locator('.ed-street-list').getByRole('link');
    await expect(links).toHaveCount(1);
    await expect(links.first()).toContainText(HONGSHAN.name);
    await expect(links.first()).toContainText(HONGSHAN.code);

    // A grid of the reset draft with a point inside it and inside no other grid, at the view's centre.
    const streetId = await hongshanId(page);
    const draft = await resetDraft(page, streetId);
    const target = draft.grids.features
      .map((f) => ({ f, p: pointOnFeature(f).geometry.coordinates }))
      .find(({ f, p }) => draft.grids.features.every((o) => o === f || !booleanPointInPolygon(p, o.geometry)));
    expect(target, 'a grid to select').toBeDefined();
    const { f: grid, p } = target!;

    await links.first().click();
    await expect(page).toHaveURL(new RegExp(`/editor\\?street=${streetId}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(HONGSHAN.name);
    await page.goto(`/editor?street=${streetId}&c=${p[0]},${p[1]}&z=16`);
    await waitForMapIdle(page);
    const box = (await mapLocator(page).boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByTestId('grid-code')).toHaveText(grid.properties.code!);

    // Delete the grid and undo it, from the toolbar: two edits of this account, both taken.
    const v0 = await draftVersion(page, draft.draftId);
    const toolbar = page.getByRole('toolbar', { name: '编辑工具' });
    await toolbar.getByRole('button', { name: /删除/ }).click();
    await expect.poll(() => draftVersion(page, draft.draftId)).toBe(v0 + 1);
    await toolbar.getByRole('button', { name: /撤销/ }).click();
    await expect.poll(() => draftVersion(page, draft.draftId)).toBe(v0 + 2);
    await expect(page.getByTestId('findings-status')).toHaveText('没有阻断问题，可以提交。');

    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });

  test("another district's reviewer and another street's editor see no access on 红山街道's editor", async ({ page }) => {
    await signIn(page, 'district-qinhuai');
    const streetId = await hongshanId(page);
    await page.goto(`/editor?street=${streetId}`);
    await expect(page.getByRole('heading', { level: 1, name: '没有访问权限' })).toBeVisible();
    await expect(page.getByTestId('no-access-reason')).toContainText('您没有执行此操作的权限');
    await expect(page.getByText('当前登录：秦淮区审核员（district-qinhuai）')).toBeVisible();
    await expect(page.getByRole('toolbar', { name: '编辑工具' })).toHaveCount(0);

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signIn(page, 'street-xinjiekou');
    await page.goto(`/editor?street=${streetId}`);
    await expect(page.getByRole('heading', { level: 1, name: '没有访问权限' })).toBeVisible();
    await expect(page.getByTestId('no-access-reason')).toHaveText(`该对象不在您的辖区内：${HONGSHAN.name}`);
    await expect(page.getByRole('toolbar', { name: '编辑工具' })).toHaveCount(0);
    // The way on: the map.
    await page.getByRole('link', { name: '返回地图' }).click();
    await expect(page.getByRole('region', { name: '网格地图' })).toBeVisible();
  });

  test('a wrong password is refused in the user’s language; the sign-in page passes axe', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible();
    // The demo accounts are listed, with their password and the note to change it.
    await expect(page.getByRole('rowheader', { name: /street-hongshan/ })).toBeVisible();
    await expect(page.getByText(/密码均为 gridatlas-demo/)).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('textbox', { name: '用户名' }).fill('street-hongshan');
    await page.getByLabel('密码', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const form = page.getByRole('region', { name: '登录' });
    await expect(form.getByRole('alert')).toHaveText('用户名或密码错误');
    await expect(page).toHaveURL(/\/sign-in/);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: '切换到英文界面' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Username' }).fill('street-hongshan');
    await page.getByLabel('Password', { exact: true }).fill('still-not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Sign in' }).getByRole('alert')).toHaveText('Wrong username or password');
    expect(await axeViolations(page)).toEqual([]);

    // The right password still works (and clears the failures, so reruns never lock the account).
    await page.getByLabel('Password', { exact: true }).fill('gridatlas-demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Grid map' })).toBeVisible();
  });

  test('an administrator creates a user, who signs in, must change the password, and reaches the map', async ({ page }) => {
    const username = `e2e-${Date.now().toString(36)}`;
    const first = 'first-password-1';
    const chosen = 'chosen-password-2';
    await signIn(page, 'admin');
    await page.goto('/admin');
    await expect(page.getByRole('heading', { level: 1, name: '用户与权限管理' })).toBeVisible();
    await expect(page.locator('tr[data-username="street-hongshan"]')).toContainText('红山街道');

    const form = page.getByRole('form', { name: '新建用户' });
    await form.getByRole('textbox', { name: '用户名' }).fill(username);
    await form.getByRole('textbox', { name: '显示名称' }).fill('端到端测试规划员');
    await form.getByRole('textbox', { name: '初始密码' }).fill(first);
    const grant = form.getByRole('group', { name: '角色 1' });
    await grant.getByLabel('角色', { exact: true }).selectOption({ label: '规划' });
    await grant.getByLabel('辖区级别').selectOption({ label: '市' });
    await grant.getByLabel('辖区', { exact: true }).selectOption({ label: '南京市 (320100)' });
    await form.getByRole('button', { name: '创建用户' }).click();
    await expect(form.getByRole('status')).toHaveText(`已创建用户 ${username}，首次登录时须修改密码。`);
    const row = page.locator(`tr[data-username="${username}"]`);
    await expect(row).toContainText('规划 · 南京市');
    await expect(row).toContainText('须修改密码');
    await expect(page.locator('tr[data-action="user_created"]').first()).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    await signOutFromMenu(page, '系统管理员');
    await signIn(page, username, first);
    await expect(page).toHaveURL(/\/account\/password$/);
    await expect(page.getByText('管理员已重置您的密码')).toBeVisible();
    await page.getByLabel('当前密码').fill(first);
    await page.getByLabel('新密码', { exact: true }).fill(chosen);
    await page.getByLabel('再次输入新密码').fill(`${chosen}x`);
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect(page.getByRole('region', { name: '修改密码' }).getByRole('alert')).toHaveText('两次输入的新密码不一致');
    await page.getByLabel('再次输入新密码').fill(chosen);
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect(page.getByRole('region', { name: '网格地图' })).toBeVisible();
    await expect(page).toHaveURL(/\/($|\?)/);

    // The new password is the one that works now.
    await signOutFromMenu(page, '端到端测试规划员');
    await signIn(page, username, chosen);
    await expect(page.getByRole('region', { name: '网格地图' })).toBeVisible();
  });

  test('signed out, the map sends to the sign-in page, and signing in comes back to the same view', async ({ page }) => {
    await signIn(page, 'command');
    await expect(page.getByRole('region', { name: '网格地图' })).toBeVisible();
    await signOutFromMenu(page, '指挥中心值班员');

    await page.goto('/?z=12&c=118.78,32.05');
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await page.getByRole('textbox', { name: '用户名' }).fill('command');
    await page.getByLabel('密码', { exact: true }).fill('gridatlas-demo');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(new URL(page.url()).searchParams.get('z')).toBe('12');
    await expect(page.getByRole('region', { name: '网格地图' })).toBeVisible();
  });

  test('a department reader is offered only its layers, and the admin page is closed to it', async ({ page }) => {
    await signIn(page, 'dept-police');
    const layers = page.getByRole('complementary', { name: '图层' });
    await expect(layers.getByRole('checkbox', { name: /标准地址/ })).toBeEnabled();
    await expect(layers.getByRole('checkbox', { name: /网格员位置/ })).toBeDisabled();
    await expect(layers.getByRole('checkbox', { name: /事件点位/ })).toBeDisabled();
    await page.getByRole('button', { name: /公安部门/ }).click();
    await expect(page.getByRole('link', { name: '用户与权限管理' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: '网格编辑' })).toHaveCount(0);

    await page.goto('/admin');
    await expect(page.getByRole('heading', { level: 1, name: '没有访问权限' })).toBeVisible();
  });

  test('outside their street a street editor sees how many grid workers a grid has, not who; another street’s worker is refused', async ({ page, context }) => {
    // The grid workers of 红山街道 and of another street, from the administrator's page data.
    await signIn(page, 'admin');
    const streetId = await hongshanId(page);
    const streets = (await trpcQuery<{ level: string; id: number; code: string }[]>(page, 'admin.jurisdictions', undefined)).filter((j) => j.level === 'street');
    const other = streets.find((j) => !j.code.startsWith('320102'))!;
    const [inside] = await trpcQuery<{ id: number; name: string }[]>(page, 'admin.workers', { streetId });
    const [outside] = await trpcQuery<{ id: number; name: string }[]>(page, 'admin.workers', { streetId: other.id });
    expect(inside && outside, 'both streets have grid workers').toBeTruthy();
    await context.clearCookies();

    await signIn(page, 'street-hongshan');
    // A grid of another street that has grid workers: counted, not named.
    const grids = (await trpcQuery<{ kind: string; key: string }[]>(page, 'search.places', { query: other.code, limit: 20 })).filter((r) => r.kind === 'grid');
    let counted: { code: string; fullTime: number; partTime: number } | null = null;
    for (const g of grids) {
      const d = await trpcQuery<{ workers: unknown[]; workerCounts: { fullTime: number; partTime: number } }>(page, 'details.get', { kind: 'grid', code: g.key });
      expect(d.workers, 'no names outside the personal-data scope').toEqual([]);
      if (d.workerCounts.fullTime + d.workerCounts.partTime > 0) {
        counted = { code: g.key, ...d.workerCounts };
        break;
      }
    }
    expect(counted, 'a grid of the other street with grid workers').not.toBeNull();
    await page.goto(`/?z=15&l=grids&sel=grid:${counted!.code}`);
    await expect(page.getByTestId('worker-counts')).toContainText(`专职 ${counted!.fullTime} 名，兼职 ${counted!.partTime} 名`);

    // A worker of 红山街道: named, with a phone number. One of the other street: refused, with the reason.
    await page.goto(`/?z=15&l=grids&sel=worker:${inside!.id}`);
    const details = page.getByTestId('details-panel');
    await expect(details.getByRole('heading', { name: inside!.name })).toBeVisible();
    await expect(details.getByText('联系电话')).toBeVisible();
    await page.goto(`/?z=15&l=grids&sel=worker:${outside!.id}`);
    await expect(details.getByRole('alert')).toContainText('该对象不在您的辖区内');
  });
});
