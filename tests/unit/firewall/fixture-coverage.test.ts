// Every firewall-related capture in ../shared/fixtures is read by some test
// here, so a fixture added there is not silently ignored.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { FIXTURES_DIR } from '../../support/fixtures';

const FIREWALL_FIXTURES = { debian: /^(nft-|iptables-save|ip6tables-save|ss-)/, smartos: /^(ipfstat|svcs-|fwadm-|vmadm-list)/ };

test('every firewall fixture (.txt) is used by a test in tests/unit/firewall', () => {
  const here = join(process.cwd(), 'tests', 'unit', 'firewall');
  const sources = readdirSync(here)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => readFileSync(join(here, name), 'utf8'))
    .join('\n');
  const fixtures = Object.entries(FIREWALL_FIXTURES).flatMap(([dir, pattern]) =>
    readdirSync(join(FIXTURES_DIR, dir))
      .filter((name) => name.endsWith('.txt') && pattern.test(name))
      .map((name) => `${dir}/${name}`),
  );
  expect(fixtures.length).toBeGreaterThanOrEqual(33);
  expect(fixtures.filter((path) => !sources.includes(`'${path}'`))).toEqual([]);
});
