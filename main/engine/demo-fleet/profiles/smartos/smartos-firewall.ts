// Firewall outputs of a SmartOS demo node: `svcs -H ipfilter`, the global
// zone's own ipf rules (`ipfstat -io` / `-6io`, outbound list first, ports
// as service names), the zones' fwadm rules (`fwadm list -j`), `vmadm list
// -p -o uuid,alias,firewall_enabled` and illumos `netstat -an -f inet|inet6`.
import type { DemoDatacentreSpec, DemoHostSpec } from '../../demo-fleet-spec';
import { hashInt, hashUuid } from '../../seeded-hash';
import { svcsStime } from '../time-format';
import type { ComputeNode } from './compute-node';

export function svcsIpfilter(node: ComputeNode, now: Date): string {
  return `${'online'.padEnd(14)} ${svcsStime(node.bootTime, now).padEnd(8)} svc:/network/ipfilter:default\n`;
}

const OUTBOUND = [
  'pass out quick proto tcp from any to any flags S/SA keep state',
  'pass out proto tcp from any to any',
  'pass out proto udp from any to any keep state',
  'pass out quick proto icmp from any to any keep state',
  'pass out proto icmp from any to any',
];

export function ipfstatV4(dc: DemoDatacentreSpec): string {
  const inbound = [
    `pass in quick proto tcp from ${dc.managementNetwork} to any port = ssh keep state`,
    'pass in quick proto icmp from any to any icmp-type echo code 0 keep state',
    `pass in quick proto udp from ${dc.managementNetwork} to any port = ntp keep state`,
    'block in all',
  ];
  return [...OUTBOUND, ...inbound].map((line) => `${line}\n`).join('');
}

export function ipfstatV6(): string {
  const outbound = OUTBOUND.map((line) => line.replaceAll('proto icmp', 'proto ipv6-icmp'));
  const inbound = ['pass in quick proto ipv6-icmp from any to any keep state', 'block in all'];
  return [...outbound, ...inbound].map((line) => `${line}\n`).join('');
}

export function fwadmListJson(host: DemoHostSpec, dc: DemoDatacentreSpec, node: ComputeNode, now: Date): string {
  const owner = hashUuid('owner', 'mail-platform');
  const version = (index: number) => `${now.getTime() - hashInt(86_400_000, 30 * 86_400_000, host.name, 'fw', index)}.${String(hashInt(10_000, 99_999, host.name, 'fw-pid')).padStart(6, '0')}`;
  const rules: Array<Record<string, unknown>> = [
    { description: 'ssh from the site management network', enabled: true, global: true, log: false, rule: `FROM subnet ${dc.managementNetwork} TO all vms ALLOW tcp PORT 22` },
    { enabled: true, global: true, log: false, rule: 'FROM any TO all vms ALLOW icmp TYPE 8 CODE 0' },
    { description: 'webmail', enabled: true, log: false, owner_uuid: owner, rule: 'FROM any TO tag "role" = "webmail" ALLOW tcp (PORT 80 AND PORT 443)' },
    { description: 'rspamd controller from mx hosts', enabled: true, log: false, owner_uuid: owner, rule: `FROM subnet ${dc.hostNetwork} TO tag "role" = "rspamd" ALLOW tcp PORT 11334` },
    { enabled: true, log: false, owner_uuid: owner, rule: `FROM subnet ${dc.applicationNetwork} TO tag "role" = "redis" ALLOW tcp PORT 6379` },
    { description: 'ldaps for mail hosts', enabled: true, log: false, owner_uuid: owner, rule: `FROM subnet ${dc.hostNetwork} TO tag "role" = "ldap" ALLOW tcp PORT 636` },
  ].map((rule, index) => ({ ...rule, uuid: hashUuid(host.name, 'fwrule', index), version: version(index) }));
  rules.sort((a, b) => String(a.uuid).localeCompare(String(b.uuid)));
  return `${JSON.stringify(rules, null, 2)}\n`;
}

/** vmadm -p: `:`-joined, no header, default sort ram then uuid. */
export function vmadmList(node: ComputeNode): string {
  return [...node.zones]
    .sort((a, b) => a.ramMiB - b.ramMiB || a.uuid.localeCompare(b.uuid))
    .map((zone) => `${zone.uuid}:${zone.alias}:true\n`)
    .join('');
}

const STAR = '      *';

function tcpRow(width: number, local: string, remote: string, swind: number, rwind: number, state: string, withIf: boolean): string {
  const row = `${local.padEnd(width)} ${remote.padEnd(width)} ${String(swind).padStart(5)} ${'0'.padStart(6)} ${String(rwind).padStart(5)} ${'0'.padStart(6)} `;
  return withIf ? `${row}${state.padEnd(11)} ` : `${row}${state}`;
}

function udpRow(width: number, local: string, state: string, withIf: boolean): string {
  const row = `${local.padEnd(width)} ${''.padEnd(width)} `;
  return withIf ? `${row}${state.padEnd(10)} ` : `${row}${state}`;
}

/** `netstat -an -f inet`: UDP then TCP sections, each after a blank line. */
export function netstatInet(host: DemoHostSpec, dc: DemoDatacentreSpec): string {
  const bastion = dc.managementNetwork.replace(/0\/24$/, '5');
  const clientPort = hashInt(40_000, 60_999, host.name, 'ssh-client-port');
  const lines = [
    '',
    'UDP: IPv4',
    '   Local Address        Remote Address      State',
    '-------------------- -------------------- ----------',
    udpRow(20, `${STAR}.*`, 'Unbound', false),
    udpRow(20, `${STAR}.123`, 'Idle', false),
    udpRow(20, `${host.internalAddress}.123`, 'Idle', false),
    udpRow(20, `${STAR}.111`, 'Idle', false),
    '',
    'TCP: IPv4',
    '   Local Address        Remote Address    Swind Send-Q Rwind Recv-Q    State',
    '-------------------- -------------------- ----- ------ ----- ------ -----------',
    tcpRow(20, `${STAR}.*`, `${STAR}.*`, 0, 128000, 'IDLE', false),
    tcpRow(20, `${STAR}.111`, `${STAR}.*`, 0, 128000, 'LISTEN', false),
    tcpRow(20, `${STAR}.22`, `${STAR}.*`, 0, 128000, 'LISTEN', false),
    tcpRow(20, `${host.internalAddress}.22`, `${bastion}.${clientPort}`, 64128, 128872, 'ESTABLISHED', false),
  ];
  return `${lines.join('\n')}\n`;
}

export function netstatInet6(): string {
  const lines = [
    '',
    'UDP: IPv6',
    '   Local Address                     Remote Address                   State      If',
    '--------------------------------- --------------------------------- ---------- -----',
    udpRow(33, `${STAR}.*`, 'Unbound', true),
    udpRow(33, `${STAR}.111`, 'Idle', true),
    '',
    'TCP: IPv6',
    '   Local Address                     Remote Address                 Swind Send-Q Rwind Recv-Q   State      If',
    '--------------------------------- --------------------------------- ----- ------ ----- ------ ----------- -----',
    tcpRow(33, `${STAR}.*`, `${STAR}.*`, 0, 128000, 'IDLE', true),
    tcpRow(33, `${STAR}.111`, `${STAR}.*`, 0, 128000, 'LISTEN', true),
    tcpRow(33, `${STAR}.22`, `${STAR}.*`, 0, 128000, 'LISTEN', true),
  ];
  return `${lines.join('\n')}\n`;
}
