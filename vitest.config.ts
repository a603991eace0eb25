import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import SlowFilesFirst from './server/testing/sequencer';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['geo/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'app/**/*.test.ts'],
    // Every file clones the run's migrated template database (server/testing/global-setup.ts) instead of
    // building its own, and two files run at once: the machine has 2 cores.
    globalSetup: ['server/testing/global-setup.ts'],
    // The slowest files first when Vitest has no timings of its own (server/testing/sequencer.ts).
    sequence: { sequencer: SlowFilesFirst },
    fileParallelism: true,
    maxWorkers: 2,
    minWorkers: 1,
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
