import AxeBuilder from '@axe-core/playwright';
import { expect, type JSHandle, type Page } from '@playwright/test';

/** Console errors, uncaught page errors and requests to any host but the app's, seen during a test. */
export interface PageWatch {
  errors: string[];
  foreignRequests: string[];
}

export function watchPage(page: Page, appOrigin: string): PageWatch {
  const watch: PageWatch = { errors: [], foreignRequests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') watch.errors.push(msg.text());
  });
  page.on('pageerror', (err) => watch.errors.push(`pageerror: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    // data: and blob: URLs never leave the browser (deck.gl font atlases, MapLibre workers).
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== appOrigin) watch.foreignRequests.push(url);
  });
  return watch;
}

export const mapLocator = (page: Page) => page.getByTestId('map');

/** Waits until MapLibre reports idle: style loaded, tiles in view loaded, no transition running. */
export async function waitForMapIdle(page: Page) {
  await expect(mapLocator(page)).toHaveAttribute('data-map-state', 'idle', { timeout: 60_000 });
}

/** The view the URL holds (kept in sync by the app on every move). */
export function viewFromUrl(page: Page): { center: [number, number]; zoom: number; layers: string[]; sel: string | null } {
  const url = new URL(page.url());
  const [lon, lat] = (url.searchParams.get('c') ?? '').split(',').map(Number);
  return {
    center: [lon, lat],
    zoom: Number(url.searchParams.get('z')),
    layers: (url.searchParams.get('l') ?? '').split(',').filter(Boolean),
    sel: url.searchParams.get('sel'),
  };
}

export interface CanvasSample {
  /** Number of distinct colours (quantised to 4 bits per channel) among the sampled pixels. */
  distinctColours: number;
  /** Share of sampled pixels that differ from the most common colour. */
  nonDominantShare: number;
  /** Quantised colour of every sampled pixel, for before/after comparisons. */
  pixels: number[];
}

/**
 * A real screenshot of the map canvas, decoded in the page (so no PNG library is needed): a handle to
 * its ImageData there, for an analysis that runs in the page too (`handle.evaluate`).
 */
export async function canvasImage(page: Page): Promise<JSHandle<ImageData>> {
  const png = await page.locator('canvas.maplibregl-canvas').screenshot();
  return page.evaluateHandle(async (b64) => {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const c = document.createElement('canvas');
    c.width = bitmap.width;
    c.height = bitmap.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    return ctx.getImageData(0, 0, c.width, c.height);
  }, png.toString('base64'));
}

/** Samples the map canvas's pixels: a blank or single-colour canvas cannot pass for a drawn map. */
export async function sampleCanvas(page: Page): Promise<CanvasSample> {
  const image = await canvasImage(page);
  try {
    return await image.evaluate(({ data, width, height }) => {
      const pixels: number[] = [];
      const step = 6;
      for (let y = 0; y < height; y += step) {
        for (let x = 0; x < width; x += step) {
          const i = (y * width + x) * 4;
          pixels.push(((data[i]! >> 4) << 8) | ((data[i + 1]! >> 4) << 4) | (data[i + 2]! >> 4));
        }
      }
      const counts = new Map<number, number>();
      for (const p of pixels) counts.set(p, (counts.get(p) ?? 0) + 1);
      const dominant = Math.max(...counts.values());
      return { distinctColours: counts.size, nonDominantShare: 1 - dominant / pixels.length, pixels };
    });
  } finally {
    await image.dispose();
  }
}

/** Share of sampled pixels that differ between two samples of the same canvas. */
export function changedShare(a: CanvasSample, b: CanvasSample): number {
  const n = Math.min(a.pixels.length, b.pixels.length);
  let changed = 0;
  for (let i = 0; i < n; i++) if (a.pixels[i] !== b.pixels[i]) changed++;
  return changed / n;
}

/** Calls a tRPC query of the app the way its client does (superjson envelope over GET). */
export async function trpcQuery<T>(page: Page, path: string, input: unknown): Promise<T> {
  const res = await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(res.ok(), `${path} answered ${res.status()}`).toBeTruthy();
  const body = (await res.json()) as { result: { data: { json: T } } };
  return body.result.data.json;
}

export interface GridTarget {
  code: string;
  name: string;
  /** A point inside the grid (its label point, ST_PointOnSurface). */
  point: [number, number];
}

/** Finds a grid in force of the demo city and a point inside it, through the app's own API. */
export async function findGrid(page: Page): Promise<GridTarget> {
  // Every Nanjing code starts with 3201; a code query ranks grids first.
  const results = await trpcQuery<{ kind: string; code: string; name: string; bbox: [number, number, number, number] }[]>(
    page,
    'search.places',
    { query: '3201', limit: 10 },
  );
  const grids = results.filter((r) => r.kind === 'grid');
  expect(grids.length, 'the demo city has grids in force').toBeGreaterThan(0);
  for (const grid of grids) {
    const labels = await trpcQuery<{ level: string; code: string; lon: number; lat: number }[]>(page, 'map.labels', {
      bbox: grid.bbox,
      zoom: 16,
    });
    const label = labels.find((l) => l.level === 'grid' && l.code === grid.code);
    if (label) return { code: grid.code, name: grid.name, point: [label.lon, label.lat] };
  }
  throw new Error('no grid with a label point found');
}

/** The demo city's accounts' password (server/seed/demo-accounts.ts). */
export const DEMO_PASSWORD = 'gridatlas-demo';

/**
 * Signs in through the sign-in page's form, as a user does (in zh-CN, the default language), and waits
 * until the page has moved on. The session cookie then also serves `page.request` (trpcQuery).
 */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: '用户名' }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** Serious and critical axe violations outside the map canvas. */
export async function axeViolations(page: Page): Promise<string[]> {
  // @axe-core/playwright is typed against a newer playwright-core than @playwright/test 1.57 (see map.spec.ts).
  type AxePage = ConstructorParameters<typeof AxeBuilder>[0]['page'];
  const result = await new AxeBuilder({ page: page as unknown as AxePage }).exclude('canvas.maplibregl-canvas').analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
