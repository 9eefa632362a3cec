import { defineConfig } from 'vitest/config';

// Four projects, one command: unit (pure code, fixtures), integration (real
// sshd, nft, keyring…), lab (namespaces with real sshd and firewalls, as
// root), e2e (the built renderer in Debian's Chromium).

// The e2e files run their tests in a random order (describe.shuffle), so that
// no test leans on where another left the page. The seed is chosen here, not
// by vitest, so that the closing line can print it and a failing order can be
// repeated: VITEST_SEED=N npm test.
process.env.VITEST_SEED ??= String(Math.floor(Math.random() * 1_000_000));
const seed = Number(process.env.VITEST_SEED);
if (!Number.isSafeInteger(seed)) throw new Error(`VITEST_SEED must be a whole number, not ${JSON.stringify(process.env.VITEST_SEED)}`);

export default defineConfig({
  test: {
    reporters: ['default', './tests/support/closing-line-reporter.ts'],
    sequence: { seed },
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // The network-namespace lab (tests/lab): as root only; brought up
        // once for the project and taken down (and checked) at the end.
        test: {
          name: 'lab',
          include: ['tests/lab-suite/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/lab-suite/lab-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
