// Identity: which host answered, what it runs, since when. Read-only.
import type { HostCommand, TargetOs } from '../host-command';

export const OS_PROBE: HostCommand = { id: 'identity.uname-s', command: 'uname -s', privileged: false };

export const IDENTITY_COMMANDS: Record<TargetOs, HostCommand[]> = {
  debian: [
    { id: 'identity.hostname', command: 'hostname', privileged: false },
    { id: 'identity.os-release', command: 'cat /etc/os-release', privileged: false },
    { id: 'identity.kernel', command: 'uname -r', privileged: false },
    { id: 'identity.uptime', command: 'cat /proc/uptime', privileged: false },
  ],
  smartos: [
    { id: 'identity.hostname', command: 'hostname', privileged: false },
    { id: 'identity.release', command: 'cat /etc/release', privileged: false },
    { id: 'identity.kernel', command: 'uname -v', privileged: false },
    { id: 'identity.uptime', command: 'kstat -p unix:0:system_misc:boot_time', privileged: false },
  ],
};

/** `uname -s` → which set of checks applies. */
export function osFromUname(stdout: string): TargetOs | null {
  const kernel = stdout.trim();
  if (kernel === 'Linux') return 'debian';
  if (kernel === 'SunOS') return 'smartos';
  return null;
}
