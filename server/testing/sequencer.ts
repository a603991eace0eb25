/**
 * The order test files start in. Vitest runs the files it has timings for longest first, but a clean
 * checkout (CI after `npm ci`, which empties node_modules/.vite) has none, and then it starts the largest
 * files first: a small file that starts real processes (the CLIs' tests) would start last and leave one
 * worker running alone at the end. Without timings, the files known to take longest start first; with
 * timings, Vitest's own order.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Longest first, as measured on the embedded engine (seconds alone on 2 cores, December 2026). */
export const SLOW_FILES = [
  'scripts/db.test.ts', // ~29 s: db:reset processes on embedded data dirs
  'server/topology/cli.test.ts', // ~25 s: one validate process per case
  'server/planner/cli.test.ts', // ~25 s: a demo district, then rebalance processes
  'server/auth/access-matrix.test.ts', // ~22 s: every procedure as every account
];

export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const key = (f: TestSpecification) => relative(this.ctx.config.root, f.moduleId);
    if (sorted.every((f) => this.ctx.cache.getFileTestResults(`${f.project.name}:${key(f)}`))) return sorted;
    const rank = (f: TestSpecification) => {
      const i = SLOW_FILES.indexOf(key(f).split('\\').join('/'));
      return i < 0 ? SLOW_FILES.length : i;
    };
    // Array.prototype.sort is stable: the other files keep Vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
