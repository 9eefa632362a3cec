// Picks the profile for a demo host by its operating system.
import type { DemoFleetSpec, DemoHostSpec } from '../demo-fleet-spec';
import { datacentreOf } from '../demo-fleet-spec';
import { debianProfile } from './debian-profile';
import type { HostProfile } from './host-profile';
import { smartosProfile } from './smartos-profile';

export function demoHostProfile(spec: DemoFleetSpec, host: DemoHostSpec, now: Date): HostProfile {
  return host.os === 'debian' ? debianProfile(host, now) : smartosProfile(host, datacentreOf(spec, host.dc), now);
}
