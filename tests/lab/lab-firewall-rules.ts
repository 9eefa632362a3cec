// The rulesets the lab loads into each namespace, written the way an admin
// would: an inet table with a drop policy, conntrack first, sshd only from
// the site's bastion, then the role's services (the IMAP host through its
// own chain and a named set). One host keeps its rules in iptables-legacy.
// Pure text builders; lab-network.ts loads them.
import { hostServices, type LabSource } from './lab-roles';
import { siteOf, type LabHost, type LabSite, type LabTopology } from './lab-topology';

/** The source networks a LabSource stands for on this host; null = any source. */
export function sourceNetworks(topology: LabTopology, site: LabSite, source: LabSource): string[] | null {
  switch (source) {
    case 'any':
      return null;
    case 'bastion':
      return [`${site.bastion.address}/32`];
    case 'site':
      return [site.subnet];
    case 'lab':
      return topology.sites.map((each) => each.subnet);
  }
}

/** The same, for a role baseline shared by every site (the union over the sites). */
export function baselineNetworks(topology: LabTopology, source: LabSource): string[] | null {
  if (source === 'any') return null;
  return [...new Set(topology.sites.flatMap((site) => sourceNetworks(topology, site, source) ?? []))];
}

function nftSaddr(networks: string[] | null): string {
  if (networks === null) return '';
  return networks.length === 1 ? `ip saddr ${networks[0]} ` : `ip saddr { ${networks.join(', ')} } `;
}

const COMMENTS: Record<number, string> = {
  22: 'ssh only from the site bastion',
  9100: 'metrics, scraped from the bastion',
  5432: 'replication from the other site',
  8000: 'restic rest-server for both sites',
  8080: 'application, from the site network',
};

export function nftRuleset(topology: LabTopology, host: LabHost): string {
  const site = siteOf(topology, host.site);
  const services = hostServices(host.role);
  const common = services.filter((service) => service.port === 22 || service.port === 9100);
  const own = services.filter((service) => !common.includes(service));
  const lines = ['table inet filter {', '  set site_bastion {', '    type ipv4_addr', `    elements = { ${site.bastion.address} }`, '  }'];
  if (host.role === 'imap') {
    lines.push(
      '  set mail_ports {',
      '    type inet_service',
      `    elements = { ${own.map((service) => service.port).join(', ')} }`,
      '  }',
      '  chain mail_services {',
      '    tcp dport @mail_ports accept comment "IMAP, IMAPS and ManageSieve for everyone"',
      '  }',
    );
  }
  lines.push(
    '  chain input {',
    '    type filter hook input priority filter; policy drop;',
    '    ct state established,related accept',
    '    ct state invalid drop',
    '    iifname "lo" accept',
    '    meta l4proto icmp accept',
    ...common.map((service) => `    ip saddr @site_bastion tcp dport ${service.port} accept comment "${COMMENTS[service.port]}"`),
  );
  if (host.role === 'imap') lines.push('    jump mail_services');
  else if (host.role === 'mx') lines.push(`    tcp dport { ${own.map((service) => service.port).join(', ')} } accept comment "mail from anywhere"`);
  else for (const service of own) lines.push(`    ${nftSaddr(sourceNetworks(topology, site, service.allowed))}tcp dport ${service.port} accept comment "${COMMENTS[service.port]}"`);
  lines.push(
    '  }',
    '  chain forward {',
    '    type filter hook forward priority filter; policy drop;',
    '  }',
    '  chain output {',
    '    type filter hook output priority filter; policy accept;',
    '  }',
    '}',
  );
  return `${lines.join('\n')}\n`;
}

/** A bastion takes ssh from anywhere and nothing else. */
export function bastionNftRuleset(): string {
  return [
    'table inet filter {',
    '  chain input {',
    '    type filter hook input priority filter; policy drop;',
    '    ct state established,related accept',
    '    iifname "lo" accept',
    '    meta l4proto icmp accept',
    '    tcp dport 22 accept comment "the way in"',
    '  }',
    '  chain forward {',
    '    type filter hook forward priority filter; policy drop;',
    '  }',
    '}',
    '',
  ].join('\n');
}

/** iptables-legacy-restore input with the same intent as nftRuleset. */
export function iptablesLegacyRules(topology: LabTopology, host: LabHost): string {
  const site = siteOf(topology, host.site);
  const lines = [
    '*filter',
    ':INPUT DROP [0:0]',
    ':FORWARD DROP [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    '-A INPUT -i lo -j ACCEPT',
    '-A INPUT -p icmp -j ACCEPT',
  ];
  for (const service of hostServices(host.role)) {
    const networks = sourceNetworks(topology, site, service.allowed);
    for (const network of networks ?? [null]) {
      lines.push(`-A INPUT${network ? ` -s ${network}` : ''} -p tcp -m tcp --dport ${service.port} -j ACCEPT`);
    }
  }
  lines.push('COMMIT', '');
  return lines.join('\n');
}

export const IP6TABLES_LEGACY_RULES = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -i lo -j ACCEPT', 'COMMIT', ''].join('\n');
