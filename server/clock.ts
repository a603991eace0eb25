/**
 * The app's "now". Every request reads the time here, never from `new Date()` directly, so that the
 * browser tests can move the server's clock forward (a plan filed for tomorrow must take effect with
 * nobody acting) without waiting a day. The offset can be set only when the process was started with
 * GRIDATLAS_TEST_CLOCK=on (the Playwright web server); in production it is always zero.
 */

const offsetKey = Symbol.for('gridatlas.clockOffsetMs');
type GlobalWithClock = typeof globalThis & { [offsetKey]?: number };

/** Whether this process lets a test move its clock (POST /api/test/clock). */
export function testClockEnabled(): boolean {
  return process.env.GRIDATLAS_TEST_CLOCK === 'on';
}

/** The current moment as the app sees it. */
export function now(): Date {
  return new Date(Date.now() + ((globalThis as GlobalWithClock)[offsetKey] ?? 0));
}

/** Moves the app's clock to `offsetMs` from the real time (tests only). */
export function setClockOffset(offsetMs: number): void {
  if (!testClockEnabled()) throw new Error('The clock can be moved only with GRIDATLAS_TEST_CLOCK=on');
  (globalThis as GlobalWithClock)[offsetKey] = offsetMs;
}
