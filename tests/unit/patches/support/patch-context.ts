// A HostContext for patch findings with a controllable clock.
import type { HostContext, HostPolicy } from '../../../../main/engine/posture/host-context';

export const POLICY: HostPolicy = {
  roles: ['imap'],
  allowedPorts: [],
  patchSlaHours: 24,
  backupRpoHours: 24,
  restoreTestMaxAgeDays: 30,
  platformImageMaxAgeDays: 180,
};

export function hostContext(now: Date, overrides: Partial<HostContext> = {}): HostContext {
  return { host: 'imap1.nj', dc: 'nj', siteRole: 'primary', os: 'debian', policy: POLICY, now, ...overrides };
}

export function hoursLater(from: Date, hours: number): Date {
  return new Date(from.getTime() + hours * 3_600_000);
}
