// Large, realistic firewall rulesets for the benchmark and the scale tests:
// one inet table as `nft -j list ruleset` prints it (jansson's compact
// style), with named sets (management networks, a block list, service
// ports), a base input chain that drops by default and jumps to one service
// chain per port block, and service chains of per-network accepts, drops,
// IPv6 accepts, rate limits, interface matches and the odd return. The same
// rules are also written as iptables-save / ip6tables-save text (the
// baseline format), and ~30 listening sockets as `ss -H -tulpn` prints them.
// Deterministic: the same size always gives the same ruleset.

export interface GeneratedRuleset {
  nftJson: string;
  iptablesSave: string;
  ip6tablesSave: string;
  ss: string;
  /** nft rule objects in the document (the size asked for, give or take the fixed input rules). */
  rules: number;
  listeners: number;
  /** Port blocks: service chain k handles tcp ports [firstPort(k), firstPort(k) + PORTS_PER_CHAIN). */
  chains: number;
}

export const PORTS_PER_CHAIN = 20;
const FIRST_SERVICE_PORT = 10_000;

export function firstPort(chain: number): number {
  return FIRST_SERVICE_PORT + chain * PORTS_PER_CHAIN;
}

function jansson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(jansson).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${JSON.stringify(key)}: ${jansson(item)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

const payload = (protocol: string, field: string) => ({ payload: { protocol, field } });
const match = (left: unknown, right: unknown, op = '==') => ({ match: { op, left, right } });
const prefix = (addr: string, len: number) => ({ prefix: { addr, len } });
const counter = (packets: number) => ({ counter: { packets, bytes: packets * 60 } });

export function generateFirewallRuleset(ruleCount: number): GeneratedRuleset {
  const chains = Math.max(4, Math.round(ruleCount / 250));
  const perChain = Math.max(1, Math.floor((ruleCount - 9 - chains) / chains));
  const blocklist = Array.from({ length: Math.min(5000, Math.max(16, Math.floor(ruleCount / 10))) }, (_, index) => `198.51.${(index >> 8) & 255}.${index & 255}`);
  const family = 'inet';
  const table = 'filter';
  const elements: unknown[] = [{ metainfo: { version: '1.0.6', release_name: 'Lester Gooch #5', json_schema_version: 1 } }, { table: { family, name: table, handle: 1 } }];
  elements.push(
    { set: { family, name: 'mgmt_v4', table, type: 'ipv4_addr', handle: 2, flags: ['interval'], elem: [prefix('10.10.0.0', 24), prefix('10.20.0.0', 24), prefix('192.0.2.0', 25), '203.0.113.7'] } },
    { set: { family, name: 'blocklist_v4', table, type: 'ipv4_addr', handle: 3, flags: ['interval'], elem: blocklist } },
  );
  elements.push({ chain: { family, table, name: 'input', handle: 4, type: 'filter', hook: 'input', prio: 0, policy: 'drop' } });
  for (let chain = 0; chain < chains; chain++) elements.push({ chain: { family, table, name: `svc_${chain}`, handle: 10 + chain } });
  let handle = 10 + chains;
  let count = 0;
  const rule = (chain: string, expr: unknown[], comment?: string) => {
    count++;
    elements.push({ rule: { family, table, chain, handle: handle++, ...(comment ? { comment } : {}), expr } });
  };
  const save4: string[] = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', ...Array.from({ length: chains }, (_, chain) => `:svc_${chain} - [0:0]`)];
  const save6: string[] = [...save4];
  rule('input', [match({ ct: { key: 'state' } }, 'invalid', 'in'), counter(12), { drop: null }]);
  save4.push('-A INPUT -m conntrack --ctstate INVALID -j DROP');
  rule('input', [match({ ct: { key: 'state' } }, { set: ['established', 'related'] }), { accept: null }]);
  save4.push('-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');
  save6.push('-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');
  rule('input', [match({ meta: { key: 'iif' } }, 'lo'), { accept: null }]);
  save4.push('-A INPUT -i lo -j ACCEPT');
  save6.push('-A INPUT -i lo -j ACCEPT');
  rule('input', [match(payload('ip', 'saddr'), '@blocklist_v4'), counter(3), { drop: null }]);
  save4.push('-A INPUT -m set --match-set blocklist_v4 src -j DROP');
  rule('input', [match(payload('tcp', 'dport'), 22), match(payload('ip', 'saddr'), '@mgmt_v4'), { accept: null }], 'ssh from management');
  save4.push('-A INPUT -m set --match-set mgmt_v4 src -p tcp -m tcp --dport 22 -m comment --comment "ssh from management" -j ACCEPT');
  rule('input', [match(payload('ip6', 'saddr'), prefix('2001:db8:100::', 48)), match(payload('tcp', 'dport'), 22), { accept: null }]);
  save6.push('-A INPUT -s 2001:db8:100::/48 -p tcp -m tcp --dport 22 -j ACCEPT');
  rule('input', [match({ meta: { key: 'l4proto' } }, { set: ['icmp', 'ipv6-icmp'] }), { accept: null }]);
  save4.push('-A INPUT -p icmp -j ACCEPT');
  save6.push('-A INPUT -p ipv6-icmp -j ACCEPT');
  rule('input', [match(payload('tcp', 'dport'), { set: [80, 443] }), counter(1000), { accept: null }], 'web');
  save4.push('-A INPUT -p tcp -m multiport --dports 80,443 -m comment --comment web -j ACCEPT');
  save6.push('-A INPUT -p tcp -m multiport --dports 80,443 -m comment --comment web -j ACCEPT');
  for (let chain = 0; chain < chains; chain++) {
    const from = firstPort(chain);
    rule('input', [match(payload('tcp', 'dport'), { range: [from, from + PORTS_PER_CHAIN - 1] }), { jump: { target: `svc_${chain}` } }]);
    save4.push(`-A INPUT -p tcp -m tcp --dport ${from}:${from + PORTS_PER_CHAIN - 1} -j svc_${chain}`);
    save6.push(`-A INPUT -p tcp -m tcp --dport ${from}:${from + PORTS_PER_CHAIN - 1} -j svc_${chain}`);
  }
  rule('input', [{ limit: { rate: 5, burst: 5, per: 'minute' } }, { log: { prefix: 'nft-input-drop: ', level: 'info' } }]);
  save4.push('-A INPUT -m limit --limit 5/min -j LOG --log-prefix "iptables-drop: "');
  for (let chain = 0; chain < chains; chain++) {
    const name = `svc_${chain}`;
    for (let index = 0; index < perChain; index++) {
      const port = firstPort(chain) + (index % PORTS_PER_CHAIN);
      const net = `10.${(chain + 30) % 256}.${index % 256}`;
      switch (index % 8) {
        case 0:
        case 1:
        case 2:
          rule(name, [match(payload('ip', 'saddr'), prefix(`${net}.0`, 24)), match(payload('tcp', 'dport'), port), counter(index), { accept: null }], `svc ${chain} client ${index}`);
          save4.push(`-A ${name} -s ${net}.0/24 -p tcp -m tcp --dport ${port} -m comment --comment "svc ${chain} client ${index}" -j ACCEPT`);
          break;
        case 3:
          rule(name, [match(payload('ip', 'saddr'), `${net}.${(index * 7) % 250}`), match(payload('tcp', 'dport'), port), { drop: null }]);
          save4.push(`-A ${name} -s ${net}.${(index * 7) % 250}/32 -p tcp -m tcp --dport ${port} -j DROP`);
          break;
        case 4:
          rule(name, [
            match(payload('ip6', 'saddr'), prefix(`2001:db8:${(chain % 65535).toString(16)}:${(index % 65535).toString(16)}::`, 64)),
            match(payload('tcp', 'dport'), port),
            { accept: null },
          ]);
          save6.push(`-A ${name} -s 2001:db8:${(chain % 65535).toString(16)}:${(index % 65535).toString(16)}::/64 -p tcp -m tcp --dport ${port} -j ACCEPT`);
          break;
        case 5:
          rule(name, [match(payload('tcp', 'dport'), port), match({ ct: { key: 'state' } }, 'new', 'in'), { limit: { rate: 100, burst: 5, per: 'second' } }, { accept: null }]);
          save4.push(`-A ${name} -p tcp -m tcp --dport ${port} -m conntrack --ctstate NEW -m limit --limit 100/sec -j ACCEPT`);
          break;
        case 6:
          rule(name, [match({ meta: { key: 'iifname' } }, `eth${1 + (index % 3)}`), match(payload('ip', 'saddr'), prefix(`${net}.128`, 25)), match(payload('tcp', 'dport'), port), { accept: null }]);
          save4.push(`-A ${name} -s ${net}.128/25 -i eth${1 + (index % 3)} -p tcp -m tcp --dport ${port} -j ACCEPT`);
          break;
        default:
          rule(name, [match(payload('ip', 'saddr'), prefix(`${net}.64`, 26)), match(payload('tcp', 'dport'), port), { return: null }]);
          save4.push(`-A ${name} -s ${net}.64/26 -p tcp -m tcp --dport ${port} -j RETURN`);
      }
    }
  }
  const header = (tool: string) => `# Generated by ${tool} v1.8.9 (nf_tables) on Sat Nov 28 16:12:54 2026`;
  const footer = '# Completed on Sat Nov 28 16:12:54 2026';
  const ssLines = listeners(chains);
  return {
    nftJson: `${jansson({ nftables: elements })}\n`,
    iptablesSave: [header('iptables-save'), ...save4, 'COMMIT', footer, ''].join('\n'),
    ip6tablesSave: [header('ip6tables-save'), ...save6, 'COMMIT', footer, ''].join('\n'),
    ss: ssLines.join('\n') + '\n',
    rules: count,
    listeners: ssLines.length,
    chains,
  };
}

/** ~30 listening sockets: the usual daemons plus services on the generated port blocks, some dual-stack. */
function listeners(chains: number): string[] {
  const line = (proto: string, local: string, peer: string, name: string, pid: number) =>
    `${proto} ${proto === 'tcp' ? 'LISTEN' : 'UNCONN'} 0      ${proto === 'tcp' ? 128 : 0}  ${local} ${peer} users:(("${name}",pid=${pid},fd=3))`;
  const out = [
    line('udp', '127.0.0.1:323', '0.0.0.0:*', 'chronyd', 500),
    line('tcp', '0.0.0.0:22', '0.0.0.0:*', 'sshd', 501),
    line('tcp', '[::]:22', '[::]:*', 'sshd', 501),
    line('tcp', '0.0.0.0:80', '0.0.0.0:*', 'nginx', 502),
    line('tcp', '0.0.0.0:443', '0.0.0.0:*', 'nginx', 502),
    line('tcp', '[::]:443', '[::]:*', 'nginx', 502),
    line('tcp', '0.0.0.0:5432', '0.0.0.0:*', 'postgres', 503),
    line('tcp', '*:9100', '*:*', 'prometheus-node', 504),
  ];
  for (let index = 0; out.length < 30; index++) {
    const chain = (index * 7) % chains;
    const port = firstPort(chain) + (index % PORTS_PER_CHAIN);
    out.push(index % 3 === 0 ? line('tcp', `*:${port}`, '*:*', `svc${index}`, 600 + index) : line('tcp', `0.0.0.0:${port}`, '0.0.0.0:*', `svc${index}`, 600 + index));
  }
  return out;
}
