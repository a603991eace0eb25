import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** What goes into the production build; tests and fixtures beside the code do not. */
const SOURCES = ['app', 'server', 'geo', 'public', 'migrations', 'next.config.js', 'package.json', 'tsconfig.json'];
const NOT_BUILT = /(\.test\.tsx?$|^__fixtures__$|^node_modules$|^\.)/;

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p)) {
    if (NOT_BUILT.test(entry)) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/** A production build is needed when there is none or a built source is newer than it. */
export function buildIsStale(root: string): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.map((p) => path.join(root, p))
    .filter(existsSync)
    .some((p) => newestMtime(p) > built);
}
