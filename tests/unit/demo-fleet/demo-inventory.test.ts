import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { demoFleetSpec } from '../../../main/engine/demo-fleet/demo-fleet-spec';
import { demoInventoryYaml } from '../../../main/engine/demo-fleet/demo-inventory-yaml';

const spec = demoFleetSpec();
const bastions = [
  { dc: 'nj', address: '127.0.0.1', port: 40022 },
  { dc: 'sea', address: '127.0.0.1', port: 40023 },
];

describe('demo inventory YAML', () => {
  it('is the inventory format: flow-style datacentres, defaults, roles and hosts lines', () => {
    const text = demoInventoryYaml({ spec, bastions, clientKeyPath: '/data/demo-client-key' });
    expect(text).toContain(
      '  - { id: nj, name: "Bridgewater, NJ", role: primary, bastion: { address: 127.0.0.1, port: 40022, user: ops, identity: /data/demo-client-key, host_key_alias: bastion.nj.demo.opsdeck }, log_hosts: [log1.nj] }\n',
    );
    expect(text).toContain('defaults: { user: ops, port: 22, identity: /data/demo-client-key, sudo: true }\n');
    expect(text).toContain(
      '  imap: { allowed_ports: [ { proto: tcp, port: 993, from: [any] }, { proto: tcp, port: 22, from: [10.0.0.0/8] } ], patch_sla_hours: 24, backup_rpo_hours: 24, restore_test_max_age_days: 30, drill_cadence_days: 90, staff: ["Alice Ng", "Bob Okafor", "OpsDeck scanner"], services: [ { protocol: imaps }, { protocol: pop3s } ] }\n',
    );
    expect(text).toContain(
      '  - { name: imap1.nj, address: 127.10.1.11, os: debian, dc: nj, roles: [imap], tags: [demo], backups: [ { tool: restic, env_file: /etc/backup/restic.env, repository_dc: sea, paths: [/srv/mail], backup_unit: restic-backup.service, check_unit: restic-check.service } ] }\n',
    );
    expect(text).toContain('  - { name: mx1.nj, address: 127.10.1.12, os: debian, dc: nj, roles: [mx], tags: [demo] }\n');
  });

  it('parses as YAML into every datacentre, role baseline and host', () => {
    const inventory = parse(demoInventoryYaml({ spec, bastions, clientKeyPath: '/data/demo-client-key' })) as {
      datacentres: Array<{ id: string; role: string; bastion: { port: number; identity: string } }>;
      defaults: { sudo: boolean };
      roles: Record<string, { allowed_ports: Array<{ proto: string; port: number; from: string[] }> }>;
      hosts: Array<{ name: string; address: string; os: string; dc: string; roles: string[] }>;
    };
    expect(inventory.datacentres.map((dc) => [dc.id, dc.role, dc.bastion.port])).toEqual([
      ['nj', 'primary', 40022],
      ['sea', 'secondary', 40023],
    ]);
    expect(inventory.defaults.sudo).toBe(true);
    expect(Object.keys(inventory.roles).sort()).toEqual(['backup', 'cn', 'db', 'imap', 'mx', 'web']);
    expect(inventory.roles.db!.allowed_ports[0]).toEqual({ proto: 'tcp', port: 5432, from: ['10.10.8.0/22', '10.20.8.0/22'] });
    expect(inventory.roles.mx!.allowed_ports.map((rule) => rule.port)).toEqual([25, 465, 587, 22]);
    expect(inventory.hosts).toHaveLength(spec.hosts.length);
    expect(inventory.hosts.find((host) => host.name === 'cn2.sea')).toEqual({
      name: 'cn2.sea',
      address: '127.10.2.17',
      os: 'smartos',
      dc: 'sea',
      roles: ['cn'],
      tags: ['demo'],
      // zfs-send of zones/data to its counterpart in the other site.
      backups: [{ tool: 'zfs-send', dataset: 'zones/data', replica_host: 'cn2.nj', replica_dataset: 'zones/replica/cn2.sea', repository_dc: 'nj' }],
    });
  });

  it('quotes a key path YAML would misread', () => {
    const text = demoInventoryYaml({ spec, bastions, clientKeyPath: '/home/a b/{x}, y/demo-client-key' });
    const inventory = parse(text) as { defaults: { identity: string } };
    expect(inventory.defaults.identity).toBe('/home/a b/{x}, y/demo-client-key');
  });
});
