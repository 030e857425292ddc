import { defineConfig } from 'vitest/config';

// Real-browser tests in Firefox: the shipped Firefox build in Debian's firefox-esr, against the stand-in on port 443.
// One file at a time (2 cores, and one port 443).
export default defineConfig({
  test: {
    include: ['e2e/firefox/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    environment: 'node',
  },
});
