import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Store keys of the tests' kiosks live outside their data folders, as in production, but not in the
// user's own config folder.
const env = { KIOSK_KEY_DIR: join(tmpdir(), 'hall-kiosk-test-keys') };

/**
 * Tests that use the machine's one CUPS scheduler (cups-pdf queue) or SANE's test scanner: they run one at
 * a time, after everything else, never beside each other.
 */
const sharedDeviceTests = [
  'tests/drivers/printer/cups-print.test.ts',
  'tests/drivers/scanner/sane-scan.test.ts',
  'tests/e2e/journey-guide.test.ts',
  'tests/e2e/journey-materials.test.ts',
  'tests/e2e/journey-printer.test.ts',
  'tests/e2e/technician.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      // Unit and browser tests run two files at a time (two cores; vitest's default would be one): each
      // file starts its own kiosks, central, PostgreSQL, socat and Chromium on free ports and temporary folders.
      {
        test: {
          name: 'unit',
          env,
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/e2e/**', 'node_modules/**', ...sharedDeviceTests],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          env,
          include: ['tests/e2e/**/*.test.ts'],
          exclude: [...sharedDeviceTests, 'node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
      // vitest runs the projects without file parallelism one file at a time, after the others: those
      // sharing the machine's CUPS scheduler and SANE test scanner.
      {
        test: {
          name: 'shared-devices',
          env,
          include: sharedDeviceTests,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
