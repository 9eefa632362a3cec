import { describe, expect, it } from 'vitest';
import { parseDemoCommand } from '../../../main/engine/demo-fleet/demo-command';
import { demoFleetSpec } from '../../../main/engine/demo-fleet/demo-fleet-spec';
import { demoHostProfile } from '../../../main/engine/demo-fleet/profiles/demo-host-profile';
import { NOW } from './support/demo-answers';

const COMMANDS = [
  'hostname',
  'cat /proc/uptime',
  'nft -j list ruleset',
  'ss -H -tulpn',
  'findmnt -J',
  'apt-get -s -o Debug::NoLocking=1 dist-upgrade',
  'tail -n 200 /var/log/unattended-upgrades/unattended-upgrades.log',
  'restic snapshots --json',
  'borg list --json',
  'sysinfo',
  'fwadm list -j',
  'zpool status',
];

describe('host profiles', () => {
  it('print byte-identical outputs for the same spec and now, and shift times with now', () => {
    const spec = demoFleetSpec({ hosts: 40 });
    const later = new Date(NOW.getTime() + 86_400_000);
    for (const host of spec.hosts) {
      const a = demoHostProfile(spec, host, NOW);
      const b = demoHostProfile(demoFleetSpec({ hosts: 40 }), host, NOW);
      for (const command of COMMANDS) {
        const line = `sudo -n env LC_ALL=C ${command}`;
        expect(a.answer(parseDemoCommand(line)).stdout.equals(b.answer(parseDemoCommand(line)).stdout), `${host.name}: ${command}`).toBe(true);
      }
    }
    const host = spec.hosts.find((each) => each.name === 'backup1.nj')!;
    const snapshotsNow = demoHostProfile(spec, host, NOW).answer(parseDemoCommand('restic snapshots --json')).stdout.toString();
    const snapshotsLater = demoHostProfile(spec, host, later).answer(parseDemoCommand('restic snapshots --json')).stdout.toString();
    const newest = (text: string) => Math.max(...(JSON.parse(text) as Array<{ time: string }>).map((snapshot) => Date.parse(snapshot.time)));
    expect(newest(snapshotsLater) - newest(snapshotsNow)).toBeGreaterThan(20 * 3_600_000);
  });

  it('caches each answer: the second call returns the same Buffer', () => {
    const spec = demoFleetSpec();
    const profile = demoHostProfile(spec, spec.hosts[0]!, NOW);
    const first = profile.answer(parseDemoCommand('sudo -n env LC_ALL=C nft -j list ruleset'));
    expect(profile.answer(parseDemoCommand('sudo -n env LC_ALL=C nft -j list ruleset')).stdout).toBe(first.stdout);
  });
});
