// The files the lab writes for the tools that use it: OpsDeck's inventory,
// an Ansible INI inventory with its OpsDeck import mapping, a known_hosts
// holding every host key, and an ssh_config (ProxyJump through each site's
// bastion) for OpenSSH, parallel-ssh and Ansible. Pure text builders.
import { join } from 'node:path';
import { baselineNetworks } from './lab-firewall-rules';
import { hostServices, LAB_ROLES, tlsServices, type LabRole, type LabSource } from './lab-roles';
import { allNodes, siteOf, type LabTopology } from './lab-topology';

export interface LabPaths {
  clientKey: string;
  authorizedKeys: string;
  inventory: string;
  ansibleInventory: string;
  ansibleMapping: string;
  knownHosts: string;
  sshConfig: string;
  description: string;
  /** The real TLS servers' self-signed certificate and key. */
  tlsCertificate: string;
  tlsKey: string;
}

export function labPaths(dir: string): LabPaths {
  return {
    clientKey: join(dir, 'client', 'id_ed25519'),
    authorizedKeys: join(dir, 'client', 'authorized_keys'),
    inventory: join(dir, 'opsdeck-inventory.yaml'),
    ansibleInventory: join(dir, 'ansible-inventory.ini'),
    ansibleMapping: join(dir, 'ansible-mapping.yaml'),
    knownHosts: join(dir, 'known_hosts'),
    sshConfig: join(dir, 'ssh_config'),
    description: join(dir, 'lab.json'),
    tlsCertificate: join(dir, 'tls', 'cert.pem'),
    tlsKey: join(dir, 'tls', 'key.pem'),
  };
}

function fromList(topology: LabTopology, source: LabSource): string {
  const networks = baselineNetworks(topology, source);
  return networks === null ? '[any]' : `[${networks.join(', ')}]`;
}

function rolesYaml(topology: LabTopology, roles: LabRole[]): string[] {
  const lines = ['roles:'];
  for (const role of roles) {
    lines.push(`  ${role}:`, '    allowed_ports:');
    for (const service of hostServices(role)) lines.push(`      - { proto: tcp, port: ${service.port}, from: ${fromList(topology, service.baseline)} }`);
    const tls = tlsServices(role);
    if (tls.length > 0) lines.push('    services:', ...tls.map((service) => `      - { protocol: ${service.tls}, port: ${service.port} }`));
  }
  return lines;
}

function datacentresYaml(topology: LabTopology): string[] {
  return [
    'datacentres:',
    ...topology.sites.flatMap((site) => [`  - id: ${site.id}`, `    name: "${site.name}"`, `    role: ${site.role}`, `    bastion: { address: ${site.bastion.address}, user: root }`]),
  ];
}

function defaultsYaml(topology: LabTopology): string[] {
  return ['defaults:', '  user: root', '  port: 22', `  identity: ${labPaths(topology.dir).clientKey}`, '  sudo: false        # the lab logs in as root'];
}

function labRoles(topology: LabTopology): LabRole[] {
  return (Object.keys(LAB_ROLES) as LabRole[]).filter((role) => topology.hosts.some((host) => host.role === role));
}

export function opsdeckInventoryYaml(topology: LabTopology): string {
  return [
    '# OpsDeck inventory of the network-namespace lab, written by `npm run lab -- up`.',
    '# Every host is reached through its site bastion; hosts drop ssh from anywhere else.',
    ...datacentresYaml(topology),
    ...defaultsYaml(topology),
    ...rolesYaml(topology, labRoles(topology)),
    'hosts:',
    ...topology.hosts.map((host) => `  - { name: ${host.name}, address: ${host.address}, os: debian, dc: ${host.site}, roles: [${host.role}] }`),
    '',
  ].join('\n');
}

/** The same fleet as Ansible sees it: site groups carry the ProxyJump, role groups the roles. */
export function ansibleInventoryIni(topology: LabTopology): string {
  const paths = labPaths(topology.dir);
  const lines = ['# Ansible inventory of the network-namespace lab, written by `npm run lab -- up`.'];
  for (const site of topology.sites) {
    lines.push(`[${site.id}]`, ...topology.hosts.filter((host) => host.site === site.id).map((host) => `${host.name} ansible_host=${host.address}`), '');
    lines.push(`[${site.id}:vars]`, `ansible_ssh_common_args='-F ${paths.sshConfig} -o ProxyJump=root@${site.bastion.address}'`, '');
  }
  for (const role of labRoles(topology)) lines.push(`[${role}]`, ...topology.hosts.filter((host) => host.role === role).map((host) => host.name), '');
  lines.push('[all:vars]', 'ansible_user=root', `ansible_ssh_private_key_file=${paths.clientKey}`, 'ansible_python_interpreter=/usr/bin/python3', '');
  return lines.join('\n');
}

/** What `opsdeck inventory import-ansible --mapping` needs to place the Ansible groups. */
export function ansibleMappingYaml(topology: LabTopology): string {
  const roles = labRoles(topology);
  return [
    "# How the lab's Ansible groups become OpsDeck placement (opsdeck inventory import-ansible --mapping).",
    ...datacentresYaml(topology),
    ...defaultsYaml(topology),
    'groups:',
    ...topology.sites.map((site) => `  ${site.id}: { dc: ${site.id} }`),
    ...roles.map((role) => `  ${role}: { os: debian }`),
    ...rolesYaml(topology, roles),
    '',
  ].join('\n');
}

export function knownHostsText(topology: LabTopology, hostKeys: Map<string, string>): string {
  return (
    allNodes(topology)
      .map((node) => {
        const key = hostKeys.get(node.name);
        if (!key) throw new Error(`no host key for ${node.name}`);
        return `${node.name},${node.address} ${key.split(' ').slice(0, 2).join(' ')}`;
      })
      .join('\n') + '\n'
  );
}

/** Host names and bastion aliases for `ssh -F`; no connection sharing (tools add their own). */
export function sshConfigText(topology: LabTopology): string {
  const paths = labPaths(topology.dir);
  const lines = ['# ssh_config of the network-namespace lab: ssh -F THIS imap1.nj'];
  for (const site of topology.sites) lines.push(`Host ${site.bastion.name} ${site.bastion.address}`, `  HostName ${site.bastion.address}`, '');
  for (const host of topology.hosts) {
    const site = siteOf(topology, host.site);
    lines.push(`Host ${host.name}`, `  HostName ${host.address}`, `  ProxyJump ${site.bastion.name}`, '');
  }
  lines.push(
    'Host *',
    '  User root',
    `  IdentityFile ${paths.clientKey}`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${paths.knownHosts}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
    '  BatchMode yes',
    '  LogLevel ERROR',
    '',
  );
  return lines.join('\n');
}
