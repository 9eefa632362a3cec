// The access area against the demo fleet in process (no SSH): the demo's own
// inventory (staff list, role staff, log hosts) parsed as OpsDeck parses any
// inventory, each host's policy from it, and the command lines OpsDeck sends
// answered by each host's profile. Every planted access problem is a finding
// on the right control, and nothing else is.
import { describe, expect, test } from 'vitest';
import { ACCESS_COMMANDS } from '../../../main/engine/collectors/access/access-commands';
import { accessFacts } from '../../../main/engine/collectors/access/access-facts';
import { remoteCommandLine, type CommandOutput } from '../../../main/engine/collectors/host-command';
import { parseDemoCommand } from '../../../main/engine/demo-fleet/demo-command';
import { demoFleetSpec } from '../../../main/engine/demo-fleet/demo-fleet-spec';
import { demoInventoryYaml } from '../../../main/engine/demo-fleet/demo-inventory-yaml';
import { PLANTED_PROBLEMS } from '../../../main/engine/demo-fleet/planted-problems';
import { demoHostProfile } from '../../../main/engine/demo-fleet/profiles/demo-host-profile';
import { hostPolicy } from '../../../main/engine/fleet/host-policy';
import { parseInventory } from '../../../main/engine/inventory/parse-inventory';
import { accessFindings } from '../../../main/engine/posture/access-findings';
import { CONTROLS } from '../../../main/engine/posture/finding';

const NOW = new Date('2026-12-01T12:00:00Z');
const spec = demoFleetSpec();
const yaml = demoInventoryYaml({ spec, bastions: spec.datacentres.map((dc, index) => ({ dc: dc.id, address: '127.0.0.1', port: 2200 + index })), clientKeyPath: '/tmp/demo-client-key' });
const parsed = parseInventory(yaml, 'demo-inventory.yaml');
if (!parsed.ok) throw new Error(`the demo inventory does not parse: ${JSON.stringify(parsed.problems)}`);
const inventory = parsed.inventory;

const scanned = spec.hosts.map((host) => {
  const profile = demoHostProfile(spec, host, NOW);
  const outputs: CommandOutput[] = ACCESS_COMMANDS[host.os].map((command) => {
    const line = remoteCommandLine(command, true);
    const answer = profile.answer(parseDemoCommand(line));
    return { id: command.id, command: line, stdout: answer.stdout.toString(), stderr: answer.stderr.toString(), exitCode: answer.exitCode, durationMs: 1, error: null };
  });
  const facts = accessFacts(host.os, outputs);
  const entry = inventory.hosts.find((each) => each.name === host.name)!;
  const siteRole = inventory.datacentres.find((dc) => dc.id === host.dc)!.role;
  const findings = accessFindings(facts, { host: host.name, dc: host.dc, siteRole, os: host.os, policy: hostPolicy(inventory, entry), now: NOW });
  return { host, facts, findings };
});

describe('access on the demo fleet', () => {
  test("the demo inventory carries the staff list, role staff and each site's log host", () => {
    expect(inventory.staff!.map((member) => [member.name, member.left])).toContainEqual(['Carol Former', '2026-06-30']);
    expect(inventory.datacentres.map((dc) => dc.logHosts)).toEqual([['log1.nj'], ['log1.sea']]);
    expect(inventory.roles['db']!.staff).toContain('Dana Ruiz');
    expect(inventory.roles['imap']!.staff).not.toContain('Dana Ruiz');
  });

  test('exactly the planted access problems are findings, each on its annex control', () => {
    const withFindings = scanned
      .filter((each) => each.findings.length > 0)
      .map((each) => [each.host.name, each.findings.map((finding) => `${finding.id.split(':')[0]} §${CONTROLS[finding.control].section}`)]);
    expect(withFindings).toEqual([
      ['imap1.nj', ['access.former-staff-key §7']],
      ['db1.nj', ['access.login-key-not-logged §8']],
      ['cn1.nj', ['access.unknown-key §7']],
      // mx1.sea's sudo wants a password: what needs root is said to be unchecked, not passed.
      ['mx1.sea', ['access.access-unchecked §8']],
      ['web1.sea', ['access.password-login §7']],
    ]);
    const planted = PLANTED_PROBLEMS.filter((problem) => problem.area === 'access' && problem.id !== 'sudo-needs-password').map((problem) => problem.host);
    expect(planted.sort()).toEqual(['cn1.nj', 'db1.nj', 'imap1.nj', 'web1.sea']);
  });

  test("the former employee's finding names her, the date she left and the file; her key comment's markup is kept as text", () => {
    const imap1 = scanned.find((each) => each.host.name === 'imap1.nj')!;
    const finding = imap1.findings[0]!;
    expect(finding).toMatchObject({ severity: 'critical', title: 'Key of former staff member Carol Former can still log in as carol' });
    expect(finding.detail).toContain('2026-06-30');
    expect(finding.evidence.excerpt[0]).toMatch(/^carol \/home\/carol\/\.ssh\/authorized_keys:1 ssh-ed25519 SHA256:\S+ carol@old-laptop <b>"temp"<\/b>$/);
  });

  test('every other host: every key belongs to staff allowed there, sshd logs VERBOSE, auditd records root commands, logs go to the site log host', () => {
    const clean = scanned.filter((each) => each.host.problems.length === 0 && each.host.os === 'debian');
    expect(clean.length).toBeGreaterThan(5);
    for (const { host, facts } of clean) {
      expect(facts.keys.status, host.name).toBe('ok');
      expect(facts.sshd.value!.logLevel, host.name).toBe('VERBOSE');
      expect(facts.auditRules!.value!.privilegedCommandRules.length, host.name).toBeGreaterThan(0);
      expect(
        facts.forwarding.value!.map((target) => target.host),
        host.name,
      ).toEqual([`log1.${host.dc}`]);
      expect(facts.recentLogins.value!.length, host.name).toBeGreaterThan(0);
    }
  });

  test('SmartOS nodes: keys and sshd read from the global zone, syslogd forwards, no Linux audit read', () => {
    const nodes = scanned.filter((each) => each.host.os === 'smartos');
    expect(nodes.length).toBeGreaterThan(0);
    for (const { host, facts } of nodes) {
      expect([facts.keys.status, facts.sshd.status, facts.passwords.status], host.name).toEqual(['ok', 'ok', 'ok']);
      expect(facts.auditRules, host.name).toBeNull();
      expect(facts.forwarding.value![0]).toMatchObject({ host: `log1.${host.dc}`, via: 'syslogd' });
    }
  });

  test("SmartOS zones: every running zone's accounts, password states and keys are read inside it; the planted contractor key names its zone", () => {
    const nodes = scanned.filter((each) => each.host.os === 'smartos');
    expect(nodes.length).toBeGreaterThan(0);
    for (const { host, facts } of nodes) {
      expect(facts.zones?.status, host.name).toBe('ok');
      const zones = facts.zones!.value!;
      expect(zones.map((zone) => zone.brand).sort(), host.name).toEqual(['joyent', 'joyent', 'joyent', 'lx']);
      for (const zone of zones) expect([zone.unread, zone.accounts?.status, zone.passwords?.status, zone.keys?.status], `${host.name} ${zone.zone}`).toEqual([null, 'ok', 'ok', 'ok']);
    }
    const cn1 = scanned.find((each) => each.host.name === 'cn1.nj')!;
    const zone = cn1.facts.zones!.value![0]!.zone;
    expect(cn1.findings.map((finding) => [finding.id, finding.title])).toEqual([
      [expect.stringMatching(new RegExp(`^access\\.unknown-key:cn1\\.nj:${zone}/root:SHA256:`)), `Unknown SSH key can log in as root in zone ${zone}`],
    ]);
    expect(cn1.findings[0]!.evidence.excerpt[0]).toMatch(new RegExp(`^zone ${zone}: root /root/\\.ssh/authorized_keys:1 ssh-ed25519 SHA256:\\S+ deploy@contractor-ci$`));
    expect(cn1.findings[0]!.evidence.commandIds).toEqual(['access.zones']);
  });
});
