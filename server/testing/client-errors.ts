/** Assertions of tests that call as an outsider would (vitest only; the bench imports http-calls without it). */
import { expect } from 'vitest';
import type { TrpcAnswer } from './http-calls';

/** An answer an outsider's bad call must get: a 4xx with a Chinese message, no database text or GEOS error. */
export function expectClientError(r: TrpcAnswer, status?: number): void {
  expect(r.error, JSON.stringify(r.result)).toBeDefined();
  if (status) expect(r.status).toBe(status);
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  expect(r.error!.data.text['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  expect(JSON.stringify(r.error)).not.toMatch(/syntax error|violates|relation "|SQLSTATE|at character|GEOS/i);
}
