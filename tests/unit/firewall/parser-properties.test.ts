// No input — garbage, mangled real output, random JSON, adversarial shapes
// (deep nesting, long lines, huge documents, jump loops) — makes a firewall
// parser, the facts step, the exposure analysis or the findings throw or
// hang, and every result is plain JSON. And the exposure analysis agrees
// with a plain packet-by-packet evaluation of random rulesets.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseNftJson } from '../../../main/engine/collectors/firewall/nft-json';
import { parseIp6tablesSave, parseIptablesSave } from '../../../main/engine/collectors/firewall/iptables-save';
import { parseSsListeners } from '../../../main/engine/collectors/firewall/ss-listeners';
import { parseIpfstat, parseIpfstat6 } from '../../../main/engine/collectors/firewall/ipfstat';
import { parseSvcsIpfilter } from '../../../main/engine/collectors/firewall/svcs-ipfilter';
import { parseFwadmList } from '../../../main/engine/collectors/firewall/fwadm-json';
import { parseVmadmList } from '../../../main/engine/collectors/firewall/vmadm-list';
import { parseSmartosNetstat } from '../../../main/engine/collectors/firewall/smartos-netstat';
import { FIREWALL_CLI_FORMATS, parseFirewallForCli } from '../../../main/engine/collectors/firewall/firewall-cli';
import { FIREWALL_COMMANDS } from '../../../main/engine/collectors/firewall/firewall-commands';
import { firewallFacts } from '../../../main/engine/collectors/firewall/firewall-facts';
import { effectiveExposure, unlistedPortExposure } from '../../../main/engine/collectors/firewall/exposure';
import type { FirewallRule, FirewallRuleset, Listener } from '../../../main/engine/collectors/firewall/firewall-model';
import { parseNetwork } from '../../../main/engine/collectors/firewall/ip-address';
import { firewallFindings } from '../../../main/engine/posture/firewall-findings';
import { firewallDrift } from '../../../main/engine/posture/firewall-drift';
import { reachedSources } from '../../../main/engine/posture/firewall-baseline';
import { generateFirewallRuleset } from '../../support/firewall-ruleset-generator';
import type { OutputParser } from '../../support/all-parsers';
import {
  commandExitCode,
  commandStderr,
  expectWellFormedParse,
  pickedLines,
  randomCommandOutputs,
  splicedWithNoise,
  testCliFormatsNeverThrow,
  testParsersNeverThrow,
  timed,
} from '../../support/parser-properties';
import { captured, fixture, hostContext, nft, nftDocument, output, type NftChainSpec } from './support/firewall-fixtures';
import { NETSTAT_INET, NETSTAT_INET6, VMADM_FIREWALL } from './support/smartos-outputs';

/**
 * For the megabyte-sized adversarial inputs: linear work takes well under a second on an idle machine (several on a
 * loaded one), anything quadratic takes minutes. A hang detector, not a performance target (see bench:firewall).
 */
const HANG_LIMIT_MS = 20_000;

const PARSERS: Record<string, OutputParser> = {
  nftJson: parseNftJson,
  iptablesSave: parseIptablesSave,
  ip6tablesSave: parseIp6tablesSave,
  ss: parseSsListeners,
  ipfstat: parseIpfstat,
  ipfstat6: parseIpfstat6,
  svcs: parseSvcsIpfilter,
  fwadm: parseFwadmList,
  vmadm: parseVmadmList,
  netstat: parseSmartosNetstat,
};

const REAL_OUTPUTS = [
  fixture('debian/nft-j-list-ruleset.txt'),
  fixture('debian/nft-j-list-ruleset-iptables-nft.txt'),
  fixture('debian/nft-j-list-ruleset-empty.txt'),
  fixture('debian/nft-list-ruleset.txt'),
  fixture('debian/iptables-save.txt'),
  fixture('debian/ip6tables-save.txt'),
  fixture('debian/ss-H-tulpn.txt'),
  fixture('debian/ss-tulpn.txt'),
  fixture('smartos/ipfstat-io.txt'),
  fixture('smartos/svcs-H-ipfilter.txt'),
  fixture('smartos/fwadm-list-j.txt'),
  fixture('smartos/fwadm-list.txt'),
  fixture('smartos/vmadm-list-p.txt'),
  captured('shapes.nft-j.txt'),
  NETSTAT_INET,
  NETSTAT_INET6,
  VMADM_FIREWALL,
];

/** Real output cut and spliced with noise, lines dropped or repeated, or random text and JSON. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.json({ maxDepth: 6 }),
  splicedWithNoise(REAL_OUTPUTS),
  pickedLines(REAL_OUTPUTS),
  // Valid JSON in nft's shape with random bodies: every key nft uses, random values.
  fc
    .array(
      fc.record({
        kind: fc.constantFrom('table', 'chain', 'set', 'map', 'rule', 'flowtable', 'metainfo'),
        body: fc.oneof(
          fc.object({ maxDepth: 4 }),
          fc.json({ maxDepth: 4 }).map((json) => JSON.parse(json) as unknown),
        ),
      }),
      { maxLength: 12 },
    )
    .map((elements) => JSON.stringify({ nftables: elements.map(({ kind, body }) => ({ [kind]: body })) })),
);
const stderr = commandStderr('empty list for ipfilter(in)\n', '# Warning: iptables-legacy tables present\n');
const inputs = { stdout: text, stderr, exitCode: commandExitCode };

describe('every firewall parser', () => {
  testParsersNeverThrow(PARSERS, inputs);

  test('adversarial shapes stay fast: deep JSON (whole document and inside a rule), long lines, many lines, separators', () => {
    const nested = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const deepDocument = `{"nftables": ${nested}}`;
    const deepExpr = JSON.stringify({
      nftables: [
        { metainfo: { version: '1.0.6', json_schema_version: 1 } },
        { rule: { family: 'inet', table: 't', chain: 'c', expr: [{ match: { op: '==', left: { payload: { protocol: 'tcp', field: 'dport' } }, right: 22 } }] } },
      ],
    }).replace('22', `${'{"set": ['.repeat(20_000)}22${']}'.repeat(20_000)}`);
    const deepAnd = JSON.stringify({ nftables: [{ rule: { family: 'inet', table: 't', chain: 'c', expr: [{ match: { op: '==', left: 'LEFT', right: 1 } }] } }] }).replace(
      '"LEFT"',
      `${'{"&": ['.repeat(20_000)}{"payload": {"protocol": "tcp", "field": "flags"}}${', 1]}'.repeat(20_000)}`,
    );
    const longLine = `${'-A INPUT '.repeat(5000)}\n`.repeat(50);
    const manyLines = 'tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\n'.repeat(150_000);
    const colons = `${'a:'.repeat(20_000)}\n`.repeat(20);
    const quotes = `-A INPUT -m comment --comment "${'\\"'.repeat(20_000)}\n`;
    const fwadmParens = JSON.stringify([{ enabled: true, rule: `FROM ${'('.repeat(10_000)}any TO all vms ALLOW tcp PORT 22` }]);
    const ipfWords = `pass in quick ${'from any port = 22 to any port '.repeat(3000)}\n`;
    for (const input of [nested, deepDocument, deepExpr, deepAnd, longLine, manyLines, colons, quotes, fwadmParens, ipfWords]) {
      for (const parse of Object.values(PARSERS)) expectWellFormedParse(timed(() => parse(input, '', 0), HANG_LIMIT_MS));
    }
    expect(parseNftJson(deepExpr, '', 0).value!.unmodelledObjects).toHaveLength(1);
  }, 300_000);

  test('a huge real-shaped document (100k rules, 37 MB) is read in full, every rule and set', () => {
    const generated = generateFirewallRuleset(100_000);
    const parsed = timed(() => parseNftJson(generated.nftJson, '', 0), HANG_LIMIT_MS);
    expect(parsed.status).toBe('ok');
    expect(parsed.value!.rules).toHaveLength(generated.rules);
    expect(parsed.value!.sets.map((set) => set.name)).toEqual(['mgmt_v4', 'blocklist_v4']);
  }, 120_000);
});

describe('the facts, findings and drift steps', () => {
  test('random outputs for every command, on both OSes: facts, findings and drift never throw; facts are plain JSON', () => {
    const outputsFor = (os: 'debian' | 'smartos') => randomCommandOutputs(FIREWALL_COMMANDS[os], output, inputs);
    for (const os of ['debian', 'smartos'] as const) {
      fc.assert(
        fc.property(outputsFor(os), outputsFor(os), (a, b) => {
          const facts = timed(() => firewallFacts(os, a));
          const other = firewallFacts(os, b);
          const findings = firewallFindings(facts, { ...hostContext('db1.nj'), os });
          expect(new Set(findings.map((finding) => finding.id)).size).toBe(findings.length);
          firewallDrift([
            { host: 'db1.nj', dc: 'nj', siteRole: 'primary', roles: ['db'], facts },
            { host: 'db2.nj', dc: 'nj', siteRole: 'primary', roles: ['db'], facts: other },
            { host: 'db1.sea', dc: 'sea', siteRole: 'secondary', roles: ['db'], facts: other },
          ]);
          expect(JSON.parse(JSON.stringify(facts))).toEqual(facts);
        }),
        { numRuns: 150 },
      );
    }
  });

  testCliFormatsNeverThrow(FIREWALL_CLI_FORMATS, parseFirewallForCli, text);
});

// --- The exposure analysis against a plain, packet-by-packet evaluation ---

const NETWORKS = ['10.0.0.0/8', '10.10.0.0/16', '10.10.8.0/22', '192.0.2.0/24', '192.0.2.128/25', '198.51.100.7', '203.0.113.0/24', '0.0.0.0/1'];
const PORTS = [22, 80, 443, 5432];
const CHAINS = ['a', 'b', 'c'];

type Step = { dport?: number; saddr?: { network: string; negate: boolean }; verdict: 'accept' | 'drop' | 'return' | 'jump' | 'goto'; target: string };

const step: fc.Arbitrary<Step> = fc.record(
  {
    dport: fc.constantFrom(...PORTS),
    saddr: fc.record({ network: fc.constantFrom(...NETWORKS), negate: fc.boolean() }),
    verdict: fc.constantFrom('accept', 'drop', 'return', 'jump', 'goto'),
    target: fc.constantFrom(...CHAINS),
  },
  { requiredKeys: ['verdict', 'target'] },
);

const randomRuleset = fc.record({
  policy: fc.constantFrom('accept' as const, 'drop' as const),
  input: fc.array(step, { maxLength: 8 }),
  chains: fc.tuple(...CHAINS.map(() => fc.array(step, { maxLength: 5 }))),
  second: fc.option(fc.record({ policy: fc.constantFrom('accept' as const, 'drop' as const), rules: fc.array(step, { maxLength: 4 }), prio: fc.integer({ min: -20, max: 20 }) }), { nil: undefined }),
});

function expr(each: Step): Record<string, unknown>[] {
  const parts: Record<string, unknown>[] = [];
  if (each.dport !== undefined) parts.push(nft.dport(each.dport));
  if (each.saddr) {
    const [addr = '', len] = each.saddr.network.split('/');
    parts.push(nft.saddr4(len === undefined ? addr : nft.prefix(addr, Number(len)), each.saddr.negate ? '!=' : '=='));
  }
  parts.push(each.verdict === 'jump' ? nft.jump(each.target) : each.verdict === 'goto' ? nft.goto(each.target) : { [each.verdict]: null });
  return parts;
}

/** A plain evaluator: one packet (source address, TCP port), walked rule by rule like the kernel does. */
function accepts(ruleset: FirewallRuleset, source: bigint, port: number): boolean | 'loop' {
  const rulesOf = (family: string, table: string, chain: string) =>
    ruleset.rules.filter((rule) => rule.family === family && rule.table === table && rule.chain === chain).sort((a, b) => a.position - b.position);
  const matches = (rule: FirewallRule) => {
    if (rule.match.ipVersion === 6) return false;
    if (rule.match.destinationPorts?.some((each) => each.ranges.some((range) => range.from <= port && port <= range.to) === each.negate)) return false;
    for (const each of rule.match.sources ?? []) {
      const inside = each.networks.some((network) => {
        const range = parseNetwork(network)!;
        return range.version === 4 && range.start <= source && source <= range.end;
      });
      if (inside === each.negate) return false;
    }
    return true;
  };
  const base = ruleset.chains.filter((chain) => chain.hook === 'input').sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
  for (const chain of base) {
    // Returns 'accept' | 'drop' | 'return' (fell off / returned) for one chain and what it calls.
    const run = (family: string, table: string, name: string, depth: number): 'accept' | 'drop' | 'return' | 'loop' => {
      if (depth > 16) return 'loop';
      for (const rule of rulesOf(family, table, name)) {
        if (!matches(rule)) continue;
        const kind = rule.action.kind;
        if (kind === 'accept' || kind === 'drop') return kind;
        if (kind === 'return') return 'return';
        if (kind === 'jump' || kind === 'goto') {
          const inner = run(family, table, rule.action.target!, depth + 1);
          if (inner === 'loop' || inner === 'accept' || inner === 'drop') return inner;
          if (kind === 'goto') return 'return';
        }
      }
      return 'return';
    };
    const verdict = run(chain.family, chain.table, chain.name, 0);
    if (verdict === 'loop') return 'loop';
    const final = verdict === 'return' ? (chain.policy ?? 'accept') : verdict;
    if (final === 'drop') return false;
  }
  return true;
}

function probes(): bigint[] {
  const out = new Set<bigint>([0x01020304n, 0x7f000001n + 0x01000000n, 0xc0a80001n]);
  for (const network of NETWORKS) {
    const range = parseNetwork(network)!;
    for (const value of [range.start - 1n, range.start, range.start + 1n, range.end - 1n, range.end, range.end + 1n])
      if (value >= 0x01000000n && value < 0xe0000000n && value >> 24n !== 127n) out.add(value);
  }
  return [...out];
}

describe('the exposure analysis', () => {
  test('random rulesets (jumps, gotos, returns, loops, two base chains): the reachable sources are exactly the packets a plain evaluation accepts', () => {
    const sources = probes();
    fc.assert(
      fc.property(randomRuleset, fc.constantFrom(...PORTS), (random, port) => {
        const chains: NftChainSpec[] = [
          { name: 'input', hook: 'input', policy: random.policy, rules: random.input.map(expr) },
          ...CHAINS.map((name, index) => ({ name, rules: random.chains[index]!.map(expr) })),
          ...(random.second
            ? [
                {
                  family: 'ip',
                  table: 'second',
                  name: 'in2',
                  hook: 'input',
                  prio: random.second.prio,
                  policy: random.second.policy,
                  rules: random.second.rules.map((each) => expr({ ...each, verdict: each.verdict === 'jump' || each.verdict === 'goto' ? 'drop' : each.verdict })),
                },
              ]
            : []),
        ];
        const ruleset = parseNftJson(nftDocument(chains), '', 0).value!;
        const socket: Listener = { proto: 'tcp', family: 'ipv4', address: '0.0.0.0', port, interface: null, processes: null, line: `tcp/${port}` };
        const [entry] = timed(() => effectiveExposure(ruleset, [socket]));
        const verdicts = sources.map((source) => accepts(ruleset, source, port));
        if (verdicts.includes('loop')) {
          expect(['undetermined', 'some', 'any', 'none']).toContain(entry!.reachability);
          return;
        }
        expect(entry!.reachability).not.toBe('undetermined');
        const reached = reachedSources(entry!);
        const inSet = (value: bigint) => {
          for (let index = 0; index < reached.length; index += 2) if (reached[index]! <= value && value <= reached[index + 1]!) return true;
          return false;
        };
        for (const [index, source] of sources.entries()) expect(inSet(source), `source ${source} port ${port}`).toBe(verdicts[index]);
      }),
      { numRuns: 400 },
    );
  });

  test('random listeners on the fixtures and generated rulesets: every entry is well formed', () => {
    const rulesets = [fixture('debian/nft-j-list-ruleset.txt'), captured('shapes.nft-j.txt'), generateFirewallRuleset(1000).nftJson].map((each) => parseNftJson(each, '', 0).value!);
    const listener = fc.record({
      proto: fc.constantFrom('tcp' as const, 'udp' as const),
      family: fc.constantFrom('ipv4' as const, 'ipv6' as const, 'dual' as const),
      address: fc.constantFrom('0.0.0.0', '::', '*', '127.0.0.1', '::1', '192.0.2.10', 'fe80::1', '10.31.4.1', 'garbage'),
      port: fc.integer({ min: 0, max: 65535 }),
      interface: fc.constantFrom(null, 'lo', 'eth0', 'eth1'),
      processes: fc.constant(null),
      line: fc.constant('x'),
    });
    fc.assert(
      fc.property(fc.constantFrom(...rulesets), fc.array(listener, { maxLength: 6 }), (ruleset, listeners) => {
        const entries = timed(() => effectiveExposure(ruleset, listeners));
        for (const entry of entries) {
          if (entry.reachability === 'any') expect(entry.sources).toEqual([entry.family === 'ipv4' ? '0.0.0.0/0' : '::/0']);
          if (entry.reachability === 'none' || entry.reachability === 'local-only') expect(entry.sources).toEqual([]);
          expect(entry.summary.length).toBeGreaterThan(0);
        }
        unlistedPortExposure(ruleset, 4);
        unlistedPortExposure(ruleset, 6);
      }),
      { numRuns: 100 },
    );
  });
});
