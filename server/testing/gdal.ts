/**
 * Debian's gdal-bin for the tests that check what other departments' GIS tools read (the OGC API, the
 * tiles, the exports). CI installs it (.ci/run); elsewhere those tests are skipped when it is missing,
 * and in CI they run whatever: `needsGdal` is false only off CI without GDAL.
 */
import { execFile, execFileSync } from 'node:child_process';

const hasGdal = (() => {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Whether to skip the GDAL tests here. */
export const skipWithoutGdal = !hasGdal && !process.env.CI;

/** A GDAL command, asynchronously (a route it reads may be answering from this very process), its stdout. */
export function gdal(cmd: 'ogrinfo' | 'ogr2ogr', args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(cmd, [...args], { timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CPL_DEBUG: 'OFF', GDAL_HTTP_TIMEOUT: '30' } }, (error, stdout, stderr) =>
      error ? reject(new Error(`${cmd} ${args.join(' ')}: ${error.message}\n${stderr}`)) : resolve(stdout),
    ),
  );
}
