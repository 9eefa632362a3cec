// The one fixture-coverage check every area's tests use: each capture in
// ../shared/fixtures that belongs to an area is named (quoted) by a test of
// that area, so a capture added there without a test fails the run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from './fixtures';

export interface FixtureCoverage {
  /** Captures of the area, as `debian/name.txt`. */
  fixtures: string[];
  /** Those that no test of the area names. */
  unread: string[];
}

/** `testDir` relative to the repository (tests/unit/patches); `patterns` pick the area's captures per fixture folder. */
export function fixtureCoverage(testDir: string, patterns: Record<string, RegExp>): FixtureCoverage {
  const here = join(process.cwd(), testDir);
  const sources = readdirSync(here)
    .filter((name) => name.endsWith('.test.ts') && name !== 'fixture-coverage.test.ts')
    .map((name) => readFileSync(join(here, name), 'utf8'))
    .join('\n');
  const fixtures = Object.entries(patterns).flatMap(([dir, pattern]) =>
    readdirSync(join(FIXTURES_DIR, dir))
      .filter((name) => name.endsWith('.txt') && pattern.test(name))
      .map((name) => `${dir}/${name}`),
  );
  return { fixtures, unread: fixtures.filter((path) => !sources.includes(`'${path}'`)) };
}
