import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseNftJson } from '../../../main/engine/collectors/firewall/nft-json';
import { effectiveExposure, unlistedPortExposure } from '../../../main/engine/collectors/firewall/exposure';
import type { Listener } from '../../../main/engine/collectors/firewall/firewall-model';
test('x', () => {
  const parsed = parseNftJson(readFileSync('tests/unit/firewall/captured/shapes.nft-j.txt', 'utf8'), '', 0);
  console.log(parsed.status, parsed.warnings);
  for (const r of parsed.value!.rules) console.log(r.id, r.text, JSON.stringify(r.match), r.action.kind, r.action.target, r.unmodelledParts);
  const l = (port: number, address = '0.0.0.0', family: Listener['family'] = 'ipv4'): Listener => ({ proto: 'tcp', family, address, port, interface: null, processes: null, line: `x:${port}` });
  for (const e of effectiveExposure(parsed.value!, [l(22), l(8000), l(5432), l(1200), l(1700), l(443, '*', 'dual'), l(25, '*', 'dual'), l(26), l(23, '::', 'ipv6')])) console.log(e.reachability.padEnd(12), e.summary, '| undet', e.undeterminedSources.join(','), '| except', e.exceptSources?.join(','));
  console.log(unlistedPortExposure(parsed.value!, 4).summary);
});
