// Every encryption-related capture in ../shared/fixtures is read by some test
// here, so a fixture added there is not silently ignored.
import { expect, test } from 'vitest';
import { fixtureCoverage } from '../../support/fixture-coverage';

const ENCRYPTION_FIXTURES = { debian: /^(lsblk|cryptsetup|crypttab|dmsetup|blkid|findmnt|proc-swaps)/, smartos: /^(zfs|zpool|sysinfo|vmadm-get)/ };

test('every encryption fixture (.txt) is used by a test in tests/unit/encryption', () => {
  const { fixtures, unread } = fixtureCoverage('tests/unit/encryption', ENCRYPTION_FIXTURES);
  expect(fixtures.length).toBeGreaterThanOrEqual(16);
  expect(unread).toEqual([]);
});
