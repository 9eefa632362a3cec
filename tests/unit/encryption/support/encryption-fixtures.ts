// Reading the shared fixtures for the encryption tests (whole files and the
// `### heading` sections some hold, the heading naming the stream and exit
// status), expectations kept beside the tests as JSON, and small builders for
// command outputs and hand-made lsblk trees.
import { expectedJsonMatcher } from '../../../support/expected-json';
import type { CommandOutput } from '../../../../main/engine/collectors/host-command';
import { ENCRYPTION_COMMANDS } from '../../../../main/engine/collectors/encryption/encryption-commands';
import type { HostContext } from '../../../../main/engine/posture/host-context';
import { fixture, fixtureSections, type FixtureSection } from '../../../support/fixtures';

export { fixture, fixtureSections, type FixtureSection };

export const expectMatchesExpected = expectedJsonMatcher('encryption');

/** The output of ENCRYPTION_COMMANDS' command `id`, as the scan would record it. */
export function output(id: string, stdout: string, options: { stderr?: string; exitCode?: number | null; error?: string | null } = {}): CommandOutput {
  const command = [...ENCRYPTION_COMMANDS.debian, ...ENCRYPTION_COMMANDS.smartos].find((each) => each.id === id);
  return {
    id,
    command: `env LC_ALL=C ${command?.command ?? id}`,
    stdout,
    stderr: options.stderr ?? '',
    exitCode: options.exitCode === undefined ? 0 : options.exitCode,
    durationMs: 1,
    error: options.error ?? null,
  };
}

export function hostContext(host = 'db1.nj', os: HostContext['os'] = 'debian'): HostContext {
  return {
    host,
    dc: host.endsWith('.sea') ? 'sea' : 'nj',
    siteRole: host.endsWith('.sea') ? 'secondary' : 'primary',
    os,
    policy: { roles: ['db'], allowedPorts: [], patchSlaHours: 72, backupRpoHours: 24, restoreTestMaxAgeDays: 30, platformImageMaxAgeDays: 180 },
    now: new Date('2025-06-01T12:00:00Z'),
  };
}

/** A device of a hand-built `lsblk -J -b -o NAME,KNAME,PKNAME,TYPE,FSTYPE,SIZE,MOUNTPOINTS,UUID` tree. */
export interface Dev {
  name: string;
  type: string;
  fstype?: string | null;
  size?: number;
  mountpoints?: (string | null)[];
  uuid?: string | null;
  kname?: string;
  children?: Dev[];
}

/** lsblk's JSON for `devices` (key order and nulls as util-linux 2.38 prints them). */
export function lsblkJson(devices: Dev[]): string {
  const object = (device: Dev, parent: string | null): Record<string, unknown> => {
    const kname = device.kname ?? device.name;
    return {
      name: device.name,
      kname,
      pkname: parent,
      type: device.type,
      fstype: device.fstype ?? null,
      size: device.size ?? 1024 ** 3,
      mountpoints: device.mountpoints ?? [null],
      uuid: device.uuid ?? null,
      ...(device.children?.length ? { children: device.children.map((child) => object(child, kname)) } : {}),
    };
  };
  return `${JSON.stringify({ blockdevices: devices.map((device) => object(device, null)) }, null, 3)}\n`;
}

export const GiB = 1024 ** 3;
