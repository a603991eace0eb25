import { setClockOffset, testClockEnabled } from '@/server/clock';

export const dynamic = 'force-dynamic';

/**
 * POST /api/test/clock {"offsetMs": n}: moves the server's clock n ms from the real time, so a browser
 * test can see a plan filed for tomorrow take effect. Exists only when the process was started with
 * GRIDATLAS_TEST_CLOCK=on (the Playwright web server); a 404 otherwise, like any unknown path.
 */
export async function POST(request: Request) {
  if (!testClockEnabled()) return new Response('Not Found', { status: 404 });
  const body = (await request.json().catch(() => null)) as { offsetMs?: unknown } | null;
  const offset = body?.offsetMs;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || Math.abs(offset) > 400 * 86_400_000) {
    return Response.json({ error: { code: 'BAD_OFFSET', message: { 'zh-CN': 'offsetMs 须为整数毫秒', en: 'offsetMs must be whole milliseconds' } } }, { status: 400 });
  }
  setClockOffset(offset);
  return Response.json({ offsetMs: offset, now: new Date(Date.now() + offset).toISOString() });
}
