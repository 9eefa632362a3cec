// Reading the shared fixtures for the firewall tests (whole files and the
// `### heading` sections some hold), captures made for these tests
// (tests/unit/firewall/captured), expectations kept beside the tests as JSON,
// command outputs as a scan records them, host contexts with a baseline, and
// a small builder for nft -j documents in the shape nft 1.0.6 prints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIREWALL_COMMANDS } from '../../../../main/engine/collectors/firewall/firewall-commands';
import type { CommandOutput } from '../../../../main/engine/collectors/host-command';
import type { HostContext, PortAllowance } from '../../../../main/engine/posture/host-context';
import { expectedJsonMatcher } from '../../../support/expected-json';
import { fixture, fixtureSections, type FixtureSection } from '../../../support/fixtures';

export { fixture, fixtureSections, type FixtureSection };

export const expectMatchesExpected = expectedJsonMatcher('firewall');

export function captured(name: string): string {
  return readFileSync(join(process.cwd(), 'tests', 'unit', 'firewall', 'captured', name), 'utf8');
}

/** The output of FIREWALL_COMMANDS' command `id`, as the scan records it. */
export function output(id: string, stdout: string, options: { stderr?: string; exitCode?: number | null; error?: string | null } = {}): CommandOutput {
  const command = [...FIREWALL_COMMANDS.debian, ...FIREWALL_COMMANDS.smartos].find((each) => each.id === id);
  return {
    id,
    command: `sudo -n env LC_ALL=C ${command?.command ?? id}`,
    stdout,
    stderr: options.stderr ?? '',
    exitCode: options.exitCode === undefined ? 0 : options.exitCode,
    durationMs: 1,
    error: options.error ?? null,
  };
}

export function allow(proto: 'tcp' | 'udp', port: number | [number, number], sources: string[]): PortAllowance {
  const [from, to] = typeof port === 'number' ? [port, port] : port;
  return { proto, from, to, sources };
}

/** A db-role host by default: 5432 from the application networks, SSH from the site networks. */
export function hostContext(host = 'db1.nj', allowedPorts: PortAllowance[] = [allow('tcp', 5432, ['10.10.8.0/22', '10.20.8.0/22']), allow('tcp', 22, ['10.0.0.0/8'])], roles = ['db']): HostContext {
  return {
    host,
    dc: host.endsWith('.sea') ? 'sea' : 'nj',
    siteRole: host.endsWith('.sea') ? 'secondary' : 'primary',
    os: 'debian',
    policy: { roles, allowedPorts, patchSlaHours: 72, backupRpoHours: 24, restoreTestMaxAgeDays: 30, platformImageMaxAgeDays: 180 },
    now: new Date('2025-06-01T12:00:00Z'),
  };
}

/** One `ss -H -tulpn` line for a TCP listener (`0.0.0.0:5432`, `[::]:22`, `*:9100`). */
export function ssTcp(local: string, process = 'daemon', pid = 100): string {
  const peer = local.startsWith('[') ? '[::]:*' : local.startsWith('*') ? '*:*' : '0.0.0.0:*';
  return `tcp LISTEN 0      128      ${local} ${peer} users:(("${process}",pid=${pid},fd=3))`;
}

// --- nft -j documents, built in the shape `nft -j list ruleset` prints ---

export type NftExpr = Record<string, unknown>;

export const nft = {
  payload: (protocol: string, field: string) => ({ payload: { protocol, field } }),
  match: (left: unknown, right: unknown, op = '=='): NftExpr => ({ match: { op, left, right } }),
  prefix: (addr: string, len: number) => ({ prefix: { addr, len } }),
  set: (...items: unknown[]) => ({ set: items }),
  range: (from: unknown, to: unknown) => ({ range: [from, to] }),
  dport: (value: unknown, op = '==', protocol = 'tcp'): NftExpr => nft.match(nft.payload(protocol, 'dport'), value, op),
  saddr4: (value: unknown, op = '=='): NftExpr => nft.match(nft.payload('ip', 'saddr'), value, op),
  saddr6: (value: unknown, op = '=='): NftExpr => nft.match(nft.payload('ip6', 'saddr'), value, op),
  daddr4: (value: unknown, op = '=='): NftExpr => nft.match(nft.payload('ip', 'daddr'), value, op),
  ctState: (value: unknown, op = 'in'): NftExpr => nft.match({ ct: { key: 'state' } }, value, op),
  iifname: (value: unknown, op = '=='): NftExpr => nft.match({ meta: { key: 'iifname' } }, value, op),
  nfproto: (value: string): NftExpr => nft.match({ meta: { key: 'nfproto' } }, value),
  mark: (value: number): NftExpr => nft.match({ meta: { key: 'mark' } }, value),
  accept: { accept: null } as NftExpr,
  drop: { drop: null } as NftExpr,
  ret: { return: null } as NftExpr,
  counter: { counter: { packets: 0, bytes: 0 } } as NftExpr,
  reject: { reject: null } as NftExpr,
  jump: (target: string): NftExpr => ({ jump: { target } }),
  goto: (target: string): NftExpr => ({ goto: { target } }),
};

export interface NftChainSpec {
  family?: string;
  table?: string;
  name: string;
  hook?: string;
  prio?: number | string;
  policy?: 'accept' | 'drop';
  rules?: NftExpr[][];
}

export interface NftSetSpec {
  family?: string;
  table?: string;
  name: string;
  type: string | string[];
  flags?: string[];
  elem: unknown[];
}

/** A whole `nft -j list ruleset` document; tables are created for every family/table the chains and sets name. */
export function nftDocument(chains: NftChainSpec[], sets: NftSetSpec[] = []): string {
  const elements: unknown[] = [{ metainfo: { version: '1.0.6', release_name: 'Lester Gooch #5', json_schema_version: 1 } }];
  const tables = new Set<string>();
  let handle = 1;
  const tableOf = (family = 'inet', table = 'filter') => {
    const key = `${family} ${table}`;
    if (!tables.has(key)) {
      tables.add(key);
      elements.push({ table: { family, name: table, handle: handle++ } });
    }
    return { family, table };
  };
  for (const set of sets) elements.push({ set: { ...tableOf(set.family, set.table), name: set.name, type: set.type, handle: handle++, ...(set.flags ? { flags: set.flags } : {}), elem: set.elem } });
  for (const chain of chains) {
    const where = tableOf(chain.family, chain.table);
    elements.push({ chain: { ...where, name: chain.name, handle: handle++, ...(chain.hook ? { type: 'filter', hook: chain.hook, prio: chain.prio ?? 0, policy: chain.policy ?? 'accept' } : {}) } });
  }
  for (const chain of chains) {
    const where = tableOf(chain.family, chain.table);
    for (const expr of chain.rules ?? []) elements.push({ rule: { ...where, chain: chain.name, handle: handle++, expr } });
  }
  return `${JSON.stringify({ nftables: elements })}\n`;
}
