import { defineConfig } from 'vitest/config';

// Four projects, one command: unit (pure code, fixtures), integration (real
// sshd, nft, keyring…), lab (namespaces with real sshd and firewalls, as
// root), e2e (the built renderer in Debian's Chromium).
export default defineConfig({
  test: {
    reporters: ['default', './tests/support/closing-line-reporter.ts'],
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
