import { defineConfig } from '@playwright/test';

const PORT = 3100;
// Point the tests at an already running app (e.g. `next dev`) by setting E2E_BASE_URL; otherwise they
// start the app the way a user does, `npm start`, on a small demo city in its own data directory.
const externalBaseUrl = process.env.E2E_BASE_URL;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // One browser at a time: the machine has 2 cores and the app shares them.
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: externalBaseUrl ?? `http://127.0.0.1:${PORT}`,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium (Playwright cannot download browsers here).
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        // Without it headless Chromium has no WebGL and a map test would pass on a blank canvas.
        '--enable-unsafe-swiftshader',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: externalBaseUrl
    ? undefined
    : {
        command: 'npm start',
        url: `http://127.0.0.1:${PORT}/api/health`,
        // First run builds the app and seeds the demo city.
        timeout: 15 * 60_000,
        reuseExistingServer: !process.env.CI,
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          PORT: String(PORT),
          HOST: '127.0.0.1',
          GRIDATLAS_DATA_DIR: '.data/e2e',
          GRIDATLAS_DEMO_SCALE: '0.05',
          NEXT_TELEMETRY_DISABLED: '1',
          // Lets the workflow journey move the server's clock a day on (POST /api/test/clock).
          GRIDATLAS_TEST_CLOCK: 'on',
          // The journeys follow their own cases; the demo's simulated patrols would only add noise.
          GRIDATLAS_SIMULATOR: 'off',
        },
      },
});
