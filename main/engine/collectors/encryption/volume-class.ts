// What a volume holds, judged from where it is mounted: boot/EFI (exempt:
// firmware and the boot loader cannot read an encrypted volume), logs (the
// provider's admitted exception), swap, memory-backed (never on disk), or
// data — the default, also for unmounted filesystems (what was written to
// them is still on the disk).
import type { VolumeClass } from './encryption-model';

export interface VolumeClassification {
  class: VolumeClass;
  reason: string;
}

/** Filesystems held in RAM: what is written there never reaches a disk. */
export const MEMORY_FILESYSTEMS = new Set(['tmpfs', 'ramfs']);

const BOOT_MOUNTS = ['/boot', '/efi', '/boot/efi', '/boot/firmware'];

export function isBootMount(path: string): boolean {
  return BOOT_MOUNTS.includes(path) || path.startsWith('/boot/');
}

/** /var/log and below, or any mount whose path has a `log`/`logs` component (/srv/logs, /data/log). */
export function isLogMount(path: string): boolean {
  if (path === '/var/log' || path.startsWith('/var/log/')) return true;
  return path.split('/').some((part) => part === 'log' || part === 'logs');
}

export function classifyMounts(mountpoints: string[], options: { swap?: boolean; memory?: string | null } = {}): VolumeClassification {
  if (options.memory) return { class: 'memory', reason: `${options.memory}: held in memory, never written to a disk` };
  if (options.swap) return { class: 'swap', reason: 'swap space: whatever memory held can be paged out to it' };
  if (mountpoints.length === 0) return { class: 'data', reason: 'not mounted: what was written to it is still on the disk' };
  const data = mountpoints.filter((path) => !isBootMount(path) && !isLogMount(path));
  if (data.length > 0) return { class: 'data', reason: `mounted at ${data.join(', ')}` };
  const logs = mountpoints.filter(isLogMount);
  if (logs.length > 0) return { class: 'logs', reason: `log mount ${logs.join(', ')}` };
  return { class: 'boot', reason: `boot/EFI mount ${mountpoints.join(', ')}: firmware and boot loader must read it unencrypted` };
}
