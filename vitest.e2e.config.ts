import { defineConfig } from 'vitest/config';

// Real-browser tests: the built extension in Debian Chromium (Firefox: vitest.e2e-firefox.config.ts) against the stand-in. One file at a time (2 cores).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    exclude: ['e2e/firefox/**'], // vitest.e2e-firefox.config.ts
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    environment: 'node',
  },
});
