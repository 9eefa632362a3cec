// Prints one plain closing line, "N passed, N failed[, N skipped]", after
// vitest's own summary, so that any reader of the log sees the totals; a file
// that failed outside its tests (a hook, an import) counts as one failure.
// On a failure it also names the seed of the shuffled e2e order.
import type { Reporter, TestModule } from 'vitest/node';

export default class ClosingLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      const failedBefore = failed;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (module.state() === 'failed' && failed === failedBefore) failed++;
    }
    const order = failed > 0 && process.env.VITEST_SEED ? ` (test order: VITEST_SEED=${process.env.VITEST_SEED} repeats it)` : '';
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${order}\n`);
  }
}
