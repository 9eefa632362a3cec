// Who can log in inside SmartOS zones. The walk script runs for real in this
// machine's /bin/sh with `zoneadm` and `zlogin` stand-ins on PATH (there is
// no illumos here): zoneadm prints a zone list, zlogin records its arguments
// and runs the inside-the-zone script with sh -c, as the real zlogin hands
// its command to the zone's shell. So the script's own logic — which zones
// it enters, the prefixing, the sections and their exit codes — is what is
// tested, and the parser reads what the script really printed.
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ACCESS_COMMAND_IDS as ids } from '../../../main/engine/collectors/access/access-commands';
import { accessFacts } from '../../../main/engine/collectors/access/access-facts';
import { FILE_MARKER, listedFileText } from '../../../main/engine/collectors/access/listing-format';
import { parseZoneAccess, ZONE_ACCESS_COMMAND, zoneListingText } from '../../../main/engine/collectors/access/zone-access';
import { accessFindings } from '../../../main/engine/posture/access-findings';
import { useTempDir } from '../../support/temp-dir';

const temp = useTempDir('opsdeck-zones-');

// zoneadm list -cp: zoneid:zonename:state:zonepath:uuid:brand:ip-type
const ZONE_LIST = [
  '0:global:running:/::liveimg:shared',
  '3:webmail:running:/zones/webmail:0c4a-1:joyent:excl',
  '4:ldap:running:/zones/ldap:0c4a-2:lx:excl',
  '-:spare:installed:/zones/spare:0c4a-3:joyent:excl',
  '5:vm1:running:/zones/vm1:0c4a-4:bhyve:excl',
  '6:-evil:running:/zones/evil:0c4a-5:joyent:excl',
  '7:broken:running:/zones/broken:0c4a-6:joyent:excl',
].join('\n');

function runWalk(): { stdout: string; stderr: string; exitCode: number; zloginCalls: string[] } {
  const bin = join(temp.path, 'bin');
  spawnSync('mkdir', ['-p', bin]);
  const log = join(temp.path, 'zlogin.log');
  writeFileSync(log, '');
  writeFileSync(join(bin, 'zoneadm'), `#!/bin/sh\n[ "$*" = "list -cp" ] || exit 2\ncat <<'LIST'\n${ZONE_LIST}\nLIST\n`);
  // "broken" fails as zlogin does for a zone whose login service is down; every other zone runs the script here.
  writeFileSync(
    join(bin, 'zlogin'),
    `#!/bin/sh\n[ "$1" = -Q ] || exit 2\nprintf '%s\\n' "$2" >> ${log}\n[ "$2" = broken ] && { echo "zlogin: zone 'broken': could not start login" >&2; exit 1; }\nexec sh -c "$3"\n`,
  );
  chmodSync(join(bin, 'zoneadm'), 0o755);
  chmodSync(join(bin, 'zlogin'), 0o755);
  const result = spawnSync('/bin/sh', ['-c', ZONE_ACCESS_COMMAND], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.status ?? -1, zloginCalls: readFileSync(log, 'utf8').trim().split('\n') };
}

describe('the zone walk, run by a real shell', () => {
  test('enters each running zone that is not a hardware VM, never a name that starts like an option; reads accounts, password states and keys inside', () => {
    if (process.getuid?.() !== 0) throw new Error('this test reads passwd -S -a inside the stand-in zones and must run as root');
    const walk = runWalk();
    expect(walk.zloginCalls).toEqual(['webmail', 'ldap', 'broken']);
    const parsed = parseZoneAccess(walk.stdout, walk.stderr, walk.exitCode);
    expect(parsed.status, parsed.message ?? '').toBe('ok');
    const zones = parsed.value!;
    expect(zones.map((zone) => [zone.zone, zone.brand, zone.state, zone.outOfScope])).toEqual([
      ['webmail', 'joyent', 'running', false],
      ['ldap', 'lx', 'running', false],
      ['spare', 'joyent', 'installed', true],
      ['vm1', 'bhyve', 'running', true],
      ['-evil', 'joyent', 'running', false],
      ['broken', 'joyent', 'running', false],
    ]);
    const webmail = zones[0]!;
    expect([webmail.unread, webmail.accounts!.status, webmail.passwords!.status, webmail.keys!.status]).toEqual([null, 'ok', 'ok', 'ok']);
    expect(webmail.accounts!.value!.map((account) => account.name)).toContain('root');
    expect(webmail.passwords!.value!.map((status) => status.account)).toContain('root');
    expect(zones[4]!.unread).toContain('not passed to zlogin');
    expect(zones[5]!.unread).toBe("zlogin failed (exit 1): zlogin: zone 'broken': could not start login");
  });
});

describe('the zone listing parser', () => {
  const section = (stdout: string, exit = 0) => ({ stdout, exit });
  const inside = (keys: string, keysExit = 0) => ({
    sections: {
      passwd: section('root:x:0:0:Super-User:/root:/usr/bin/bash\n'),
      'password-status': section('root     NL\n'),
      'authorized-keys': section(keys, keysExit),
    },
  });

  test("a zone cannot forge another zone: what it prints stays behind the global zone's prefix, inside its own block", () => {
    const forged = `==> opsdeck-zone-end a <==\n==> opsdeck-zone b joyent running <==\n${FILE_MARKER}root /root/.ssh/authorized_keys <==\n`;
    const text = zoneListingText([
      { zone: 'a', brand: 'joyent', state: 'running', inside: inside(listedFileText('root', '/root/.ssh/authorized_keys', forged)) },
      { zone: 'b', brand: 'joyent', state: 'running', inside: inside('') },
    ]);
    const parsed = parseZoneAccess(text);
    expect(parsed.value!.map((zone) => [zone.zone, zone.keys!.value!.length, zone.keys!.skipped?.length ?? 0])).toEqual([
      ['a', 0, 3],
      ['b', 0, 0],
    ]);
  });

  test('an output cut inside a zone, a section that never ends and a zone listed twice are said, not read as empty', () => {
    const whole = zoneListingText([{ zone: 'a', brand: 'joyent', state: 'running', inside: inside('') }]);
    const cut = parseZoneAccess(whole.split('\n').slice(0, 6).join('\n'));
    expect(cut.value![0]!.unread).toContain('the output was cut');
    const unended = parseZoneAccess(whole.replace(/\|==> opsdeck-end authorized-keys 0 <==\n/, ''));
    expect(unended.value![0]!.keys).toMatchObject({ status: 'no-answer', message: 'zone a: the authorized-keys section never ended' });
    const twice = parseZoneAccess(whole + whole);
    expect([twice.status, twice.value!.length, twice.skipped![0]!.reason]).toEqual(['partial', 1, 'the zone is listed twice; its second listing is not read']);
  });

  test('no zones is an empty list; zoneadm missing is tool-missing; a failed zoneadm is unparsed with its message', () => {
    expect(parseZoneAccess('')).toMatchObject({ status: 'ok', value: [] });
    expect(parseZoneAccess('', 'sh: zoneadm: not found\n', 127).status).toBe('tool-missing');
    expect(parseZoneAccess('', 'zoneadm: could not get zone list\n', 1)).toMatchObject({ status: 'unparsed', message: expect.stringContaining('could not get zone list') });
  });

  test('a zone that could not be read is "not fully checked"; a stopped zone and a hardware VM are not', () => {
    const text = zoneListingText([
      { zone: 'a', brand: 'joyent', state: 'running', inside: { zloginExit: 1 } },
      { zone: 'b', brand: 'joyent', state: 'installed', inside: null },
      { zone: 'c', brand: 'kvm', state: 'running', inside: null },
      { zone: 'd', brand: 'joyent', state: 'running', inside: inside('', 1) },
    ]);
    const output = { id: ids.zones, command: 'zones', stdout: text, stderr: '', exitCode: 0, durationMs: 1, error: null };
    const facts = accessFacts('smartos', [output]);
    const policy = { roles: ['cn'], allowedPorts: [], patchSlaHours: 24, backupRpoHours: 24, restoreTestMaxAgeDays: 30, platformImageMaxAgeDays: 180, access: undefined };
    const unchecked = accessFindings(facts, { host: 'cn1.nj', dc: 'nj', siteRole: 'primary', os: 'smartos', policy, now: new Date() }).find((finding) =>
      finding.id.startsWith('access.access-unchecked'),
    )!;
    const zoneLines = unchecked.evidence.excerpt.filter((line) => line.startsWith('zone '));
    expect(zoneLines).toEqual(['zone a: no-answer — zlogin failed (exit 1)', expect.stringMatching(/^zone d authorized keys: unparsed — zone d: /)]);
  });
});
