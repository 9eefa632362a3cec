// The state of a SmartOS compute node (global zone) in the demo: its
// platform images, boot time, zones and disks. Everything else about the
// node is printed from this.
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { hasProblem } from '../../demo-fleet-spec';
import { hashInt, hashUuid } from '../../seeded-hash';
import { DAY_MS, HOUR_MS } from '../time-format';

export interface Zone {
  uuid: string;
  alias: string;
  brand: 'OS' | 'LX';
  ramMiB: number;
  role: string;
}

export interface ComputeNode {
  /** Platform images on zones/boot, oldest first; the last one is the running one. */
  platformImages: Date[];
  running: Date;
  bootTime: Date;
  serverUuid: string;
  imageUuid: string;
  zones: Zone[];
  disks: string[];
}

/** SmartOS builds a release every two weeks; the fleet runs the one from ~6 weeks ago. */
function fleetPlatform(now: Date): Date {
  const day = Math.floor(now.getTime() / DAY_MS) - 41;
  return new Date(day * DAY_MS + 44 * 60_000 + 4_000);
}

const ZONE_KINDS = [
  { alias: 'webmail', brand: 'OS', ramMiB: 4096 },
  { alias: 'rspamd', brand: 'OS', ramMiB: 2048 },
  { alias: 'redis', brand: 'OS', ramMiB: 8192 },
  { alias: 'ldap', brand: 'LX', ramMiB: 1024 },
] as const;

export function computeNode(host: DemoHostSpec, now: Date): ComputeNode {
  const current = fleetPlatform(now);
  const old = hasProblem(host, 'old-platform-image');
  const running = old ? new Date(current.getTime() - (365 - 41) * DAY_MS) : current;
  const platformImages = old ? [running] : [new Date(current.getTime() - 14 * DAY_MS), current];
  const bootTime = new Date(running.getTime() + (old ? 5 : 2) * DAY_MS + hashInt(2, 20, host.name, 'boot') * HOUR_MS + hashInt(0, 3_599, host.name, 'boot-s') * 1000);
  const zones = ZONE_KINDS.map((kind) => ({
    uuid: hashUuid(host.name, 'zone', kind.alias),
    alias: `${kind.alias}${host.ordinal}-${host.dc}`,
    brand: kind.brand,
    ramMiB: kind.ramMiB,
    role: kind.alias,
  }));
  return {
    platformImages,
    running,
    bootTime,
    serverUuid: hashUuid(host.name, 'server'),
    imageUuid: hashUuid('image', 'base-64-lts'),
    zones,
    disks: ['c1t0d0', 'c1t1d0', 'c1t2d0', 'c1t3d0', 'c1t4d0', 'c1t5d0'],
  };
}
