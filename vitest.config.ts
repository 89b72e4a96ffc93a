import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Store keys of the tests' kiosks live outside their data folders, as in production, but not in the
// user's own config folder.
const env = { KIOSK_KEY_DIR: join(tmpdir(), 'hall-kiosk-test-keys') };

/** Browser tests that print into the CUPS PDF queue or scan from SANE's test device, plus the long idle ones. */
const sharedDeviceBrowserTests = [
  'tests/e2e/journey-guide.test.ts',
  'tests/e2e/journey-materials.test.ts',
  'tests/e2e/journey-printer.test.ts',
  'tests/e2e/technician.test.ts',
  'tests/e2e/journey-session-end.test.ts',
  'tests/e2e/screen-sizes.test.ts',
  'tests/e2e/journey-input.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          env,
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // The browser tests run one file at a time per project (each starts kiosks, Chromium and services),
      // in two projects side by side so the suite stays within its 20 minutes on two cores. The files that
      // share the machine's one CUPS queue and SANE test scanner stay together in one, never side by side.
      {
        test: {
          name: 'e2e',
          env,
          include: ['tests/e2e/**/*.test.ts'],
          exclude: [...sharedDeviceBrowserTests, 'node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e-shared-devices',
          env,
          include: sharedDeviceBrowserTests,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
