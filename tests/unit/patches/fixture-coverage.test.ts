// Every patch-related fixture in ../shared/fixtures is exercised by a test
// here: a new capture added there without a test fails this one.
import { expect, test } from 'vitest';
import { fixtureCoverage } from '../../support/fixture-coverage';

const PATCH_FIXTURES = {
  debian: /^(apt-get-s-|apt-list-|debian_version|os-release|uname-r|needrestart-b|reboot-required|unattended-upgrades-log|debsecan|dpkg-query-W|command-not-found)/,
  smartos: /^(uname-[av]|piadm-list|etc-release|pkg_admin-audit|pkgin-|pkg_info-X)/,
};

test('every patch-related fixture is read by a patches test', () => {
  const { fixtures, unread } = fixtureCoverage('tests/unit/patches', PATCH_FIXTURES);
  expect(fixtures.length).toBeGreaterThanOrEqual(35);
  expect(unread).toEqual([]);
});
