// Every patch-related fixture in ../shared/fixtures is exercised by a test
// here: a new capture added there without a test fails this one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { FIXTURES_DIR } from '../../support/fixtures';

const PATCH_FIXTURES = {
  debian: /^(apt-get-s-|apt-list-|debian_version|os-release|uname-r|needrestart-b|reboot-required|unattended-upgrades-log|debsecan|dpkg-query-W|command-not-found)/,
  smartos: /^(uname-[av]|piadm-list|etc-release|pkg_admin-audit|pkgin-|pkg_info-X)/,
};

test('every patch-related fixture is read by a patches test', () => {
  const here = join(process.cwd(), 'tests', 'unit', 'patches');
  const sources = readdirSync(here)
    .filter((name) => name.endsWith('.test.ts') && name !== 'fixture-coverage.test.ts')
    .map((name) => readFileSync(join(here, name), 'utf8'))
    .join('\n');
  const fixtures = Object.entries(PATCH_FIXTURES).flatMap(([dir, pattern]) =>
    readdirSync(join(FIXTURES_DIR, dir))
      .filter((name) => name.endsWith('.txt') && pattern.test(name))
      .map((name) => `${dir}/${name}`),
  );
  expect(fixtures.length).toBeGreaterThanOrEqual(35);
  expect(fixtures.filter((path) => !sources.includes(`'${path}'`))).toEqual([]);
});
