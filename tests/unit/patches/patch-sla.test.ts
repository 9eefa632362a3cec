// The SLA clock across scans, with a controllable clock (no sleeps).
import { describe, expect, test } from 'vitest';
import type { CommandOutput } from '../../../main/engine/collectors/host-command';
import { PATCH_COMMAND_IDS as ids } from '../../../main/engine/collectors/patches/patch-commands';
import { patchFacts } from '../../../main/engine/collectors/patches/patch-facts';
import { patchFindings } from '../../../main/engine/posture/patch-findings';
import { pendingSecuritySince, type FirstSeenMap } from '../../../main/engine/posture/patch-first-seen';
import { output } from './support/fixture-sections';
import { hostContext, hoursLater } from './support/patch-context';

const T0 = new Date('2026-11-20T09:00:00Z');
const epoch = (at: Date) => `${Math.floor(at.getTime() / 1000)}\n`;
const inst = (name: string, from: string, to: string, security = true) => `Inst ${name} [${from}] (${to} ${security ? 'Debian-Security:12/oldstable-security' : 'Debian:12.15/oldstable'} [amd64])`;

/** One scan's outputs: apt offering `lines`, lists refreshed an hour before `now`. */
function scan(now: Date, lines: string[], aptOk = true): CommandOutput[] {
  const apt = aptOk
    ? output(ids.aptSimulation, `Reading package lists...\n${lines.length} upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n${lines.join('\n')}\n`)
    : output(ids.aptSimulation, '', { exitCode: null, error: 'command timed out' });
  return [output(ids.aptListsMtime, epoch(hoursLater(now, -1))), apt];
}

function assess(previous: FirstSeenMap, now: Date, lines: string[], aptOk = true) {
  const facts = patchFacts('debian', scan(now, lines, aptOk), now);
  const firstSeen = pendingSecuritySince(previous, facts, now);
  const findings = patchFindings(facts, firstSeen, hostContext(now));
  return { facts, firstSeen, sla: findings.find((finding) => finding.id === 'patches.security-updates:imap1.nj') ?? null, findings };
}

describe('security updates against the patch SLA, across scans', () => {
  const pending = [
    inst('openssl', '3.0.19-1~deb12u2', '3.0.22-1~deb12u2'),
    inst('libssl3', '3.0.19-1~deb12u2', '3.0.22-1~deb12u2'),
    inst('libpq5', '15.18-0+deb12u1', '15.20-0+deb12u1'),
    inst('dpkg', '1.21.22', '1.21.23', false),
  ];

  test('first seen by the first scan: within the SLA, informational', () => {
    const first = assess({}, T0, pending);
    expect(Object.keys(first.firstSeen).sort()).toEqual(['libpq5=15.20-0+deb12u1', 'libssl3=3.0.22-1~deb12u2', 'openssl=3.0.22-1~deb12u2']);
    expect(first.firstSeen['openssl=3.0.22-1~deb12u2']).toEqual({
      package: 'openssl',
      version: '3.0.22-1~deb12u2',
      installed: '3.0.19-1~deb12u2',
      firstSeen: T0.toISOString(),
      pendingSince: T0.toISOString(),
      lastSeen: T0.toISOString(),
    });
    expect(first.sla).toMatchObject({ severity: 'info', title: '3 security updates pending, first seen by this scan (SLA 24 h)', control: 'vendorSecurityUpdates', area: 'patches' });
    expect(first.sla!.detail).toMatch(/openssl 3\.0\.19-1~deb12u2 → 3\.0\.22-1~deb12u2: first seen by this scan/);
    expect(first.sla!.detail).not.toMatch(/0 min/);
  });

  test('a second scan 3 d 4 h later: the age is observed, past the SLA → high', () => {
    const first = assess({}, T0, pending);
    const later = hoursLater(T0, 3 * 24 + 4);
    const second = assess(first.firstSeen, later, pending);
    expect(second.firstSeen['openssl=3.0.22-1~deb12u2']!.firstSeen).toBe(T0.toISOString());
    expect(second.firstSeen['openssl=3.0.22-1~deb12u2']!.lastSeen).toBe(later.toISOString());
    expect(second.sla!.title).toBe('3 security updates pending for 3 d 4 h (SLA 24 h)');
    expect(second.sla!.severity).toBe('high');
    expect(second.sla!.detail).toMatch(/openssl 3\.0\.19-1~deb12u2 → 3\.0\.22-1~deb12u2: pending for 3 d 4 h \[oldstable-security\]/);
    expect(second.sla!.evidence.excerpt[0]).toMatch(/^Inst /);
  });

  test('severity grows with how far past the SLA: medium, high, critical', () => {
    const first = assess({}, T0, pending);
    expect(assess(first.firstSeen, hoursLater(T0, 20), pending).sla!.severity).toBe('info');
    expect(assess(first.firstSeen, hoursLater(T0, 30), pending).sla!.severity).toBe('medium');
    expect(assess(first.firstSeen, hoursLater(T0, 72), pending).sla!.severity).toBe('high');
    expect(assess(first.firstSeen, hoursLater(T0, 100), pending).sla!.severity).toBe('critical');
  });

  test('only the overdue ones are counted in the title; the newer one is "within it"', () => {
    const first = assess({}, T0, pending.slice(0, 1));
    const later = hoursLater(T0, 48);
    const second = assess(first.firstSeen, later, pending);
    expect(second.sla!.title).toBe('1 security update pending for 2 d (SLA 24 h)');
    expect(second.sla!.detail).toMatch(/2 more within it/);
  });

  test('installed between scans: dropped from the map, finding gone', () => {
    const first = assess({}, T0, pending);
    const second = assess(first.firstSeen, hoursLater(T0, 50), [inst('dpkg', '1.21.22', '1.21.23', false)]);
    expect(second.firstSeen).toEqual({});
    expect(second.sla).toBeNull();
  });

  test('a newer security candidate for a package never installed keeps the clock running', () => {
    const first = assess({}, T0, [inst('openssl', '3.0.19-1~deb12u2', '3.0.22-1~deb12u2')]);
    const later = hoursLater(T0, 60);
    const second = assess(first.firstSeen, later, [inst('openssl', '3.0.19-1~deb12u2', '3.0.23-1~deb12u1')]);
    expect(second.firstSeen['openssl=3.0.23-1~deb12u1']).toMatchObject({ firstSeen: later.toISOString(), pendingSince: T0.toISOString() });
    expect(second.sla!.title).toBe('1 security update pending for 2 d 12 h (SLA 24 h)');
  });

  test('...but not after the host installed the earlier one', () => {
    const first = assess({}, T0, [inst('openssl', '3.0.19-1~deb12u2', '3.0.22-1~deb12u2')]);
    const later = hoursLater(T0, 60);
    const second = assess(first.firstSeen, later, [inst('openssl', '3.0.22-1~deb12u2', '3.0.23-1~deb12u1')]);
    expect(second.firstSeen['openssl=3.0.23-1~deb12u1']!.pendingSince).toBe(later.toISOString());
  });

  test('a scan where apt did not answer keeps the clocks (and says the updates are unknown)', () => {
    const first = assess({}, T0, pending);
    const blind = assess(first.firstSeen, hoursLater(T0, 30), [], false);
    expect(blind.firstSeen).toEqual(first.firstSeen);
    expect(blind.sla).toBeNull();
    const unknown = blind.findings.find((finding) => finding.id === 'patches.updates-unknown:imap1.nj')!;
    expect(unknown.severity).toBe('medium');
    expect(unknown.detail).toMatch(/Last known: 3 security updates pending, the oldest for 1 d 6 h/);
    const third = assess(blind.firstSeen, hoursLater(T0, 80), pending);
    expect(third.sla!.title).toBe('3 security updates pending for 3 d 8 h (SLA 24 h)');
  });

  test('a stricter role SLA turns the same age into a worse finding', () => {
    const first = assess({}, T0, pending);
    const later = hoursLater(T0, 10);
    const facts = patchFacts('debian', scan(later, pending), later);
    const strict = patchFindings(facts, pendingSecuritySince(first.firstSeen, facts, later), hostContext(later, { policy: { ...hostContext(later).policy, patchSlaHours: 4 } }));
    expect(strict.find((finding) => finding.id === 'patches.security-updates:imap1.nj')).toMatchObject({ severity: 'high', title: '3 security updates pending for 10 h (SLA 4 h)' });
  });

  test('damaged stored entries are ignored, not trusted', () => {
    const damaged = {
      'openssl=3.0.22-1~deb12u2': { package: 'openssl', version: '3.0.22-1~deb12u2', installed: null, firstSeen: 'yesterday', pendingSince: 'x', lastSeen: 3 },
    } as unknown as FirstSeenMap;
    const next = assess(damaged, T0, pending);
    expect(next.firstSeen['openssl=3.0.22-1~deb12u2']!.firstSeen).toBe(T0.toISOString());
  });
});
