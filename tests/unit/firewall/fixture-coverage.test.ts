// Every firewall-related capture in ../shared/fixtures is read by some test
// here, so a fixture added there is not silently ignored.
import { expect, test } from 'vitest';
import { fixtureCoverage } from '../../support/fixture-coverage';

const FIREWALL_FIXTURES = { debian: /^(nft-|iptables-save|ip6tables-save|ss-)/, smartos: /^(ipfstat|svcs-|fwadm-|vmadm-list)/ };

test('every firewall fixture (.txt) is used by a test in tests/unit/firewall', () => {
  const { fixtures, unread } = fixtureCoverage('tests/unit/firewall', FIREWALL_FIXTURES);
  expect(fixtures.length).toBeGreaterThanOrEqual(33);
  expect(unread).toEqual([]);
});
