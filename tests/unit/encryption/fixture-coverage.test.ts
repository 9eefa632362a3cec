// Every encryption-related capture in ../shared/fixtures is read by some test
// here, so a fixture added there is not silently ignored.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { FIXTURES_DIR } from '../../support/fixtures';

const ENCRYPTION_FIXTURES = { debian: /^(lsblk|cryptsetup|crypttab|dmsetup|blkid|findmnt|proc-swaps)/, smartos: /^(zfs|zpool|sysinfo|vmadm-get)/ };

test('every encryption fixture (.txt) is used by a test in tests/unit/encryption', () => {
  const here = join(process.cwd(), 'tests', 'unit', 'encryption');
  const sources = readdirSync(here)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => readFileSync(join(here, name), 'utf8'))
    .join('\n');
  const fixtures = Object.entries(ENCRYPTION_FIXTURES).flatMap(([dir, pattern]) =>
    readdirSync(join(FIXTURES_DIR, dir))
      .filter((name) => name.endsWith('.txt') && pattern.test(name))
      .map((name) => `${dir}/${name}`),
  );
  expect(fixtures.length).toBeGreaterThanOrEqual(16);
  expect(fixtures.filter((path) => !sources.includes(`'${path}'`))).toEqual([]);
});
