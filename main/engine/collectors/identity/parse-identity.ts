// Pure parsers for the identity commands. They never throw: anything they do
// not understand becomes null, and the raw text stays in the evidence.
import type { HostIdentity } from '../../../../preload/contract';
import type { CommandOutput, TargetOs } from '../host-command';

export function parseOsRelease(text: string): { name: string | null; version: string | null } {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) fields.set(match[1]!, unquote(match[2]!));
  }
  const name = fields.get('NAME') ?? fields.get('ID') ?? null;
  const version = fields.get('VERSION') ?? fields.get('VERSION_ID') ?? null;
  return { name, version };
}

/** SmartOS /etc/release: first line like "    SmartOS 20240118T000455Z x86_64". */
export function parseSmartosRelease(text: string): { name: string | null; version: string | null } {
  const first = text
    .split('\n')
    .find((line) => line.trim().length > 0)
    ?.trim();
  if (!first) return { name: null, version: null };
  const match = /^(SmartOS|Joyent|illumos)\S*\s+(\S+)/.exec(first);
  return match ? { name: 'SmartOS', version: match[2]! } : { name: null, version: null };
}

/** /proc/uptime: "12345.67 2345.12" → seconds. */
export function parseProcUptime(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s/.exec(`${text} `);
  return match ? Math.floor(Number(match[1])) : null;
}

/** `kstat -p unix:0:system_misc:boot_time` → "unix:0:system_misc:boot_time\t1700000000". */
export function parseKstatBootTime(text: string, now: Date): number | null {
  const match = /boot_time\s+(\d+)/.exec(text);
  if (!match) return null;
  const seconds = Math.floor(now.getTime() / 1000) - Number(match[1]);
  return seconds >= 0 ? seconds : null;
}

export function identityFromOutputs(os: TargetOs, outputs: CommandOutput[], now: Date): HostIdentity {
  const ok = (id: string) => {
    const output = outputs.find((candidate) => candidate.id === id);
    return output && output.exitCode === 0 ? output.stdout : null;
  };
  const release = os === 'debian' ? parseOsRelease(ok('identity.os-release') ?? '') : parseSmartosRelease(ok('identity.release') ?? '');
  const uptimeText = ok('identity.uptime');
  return {
    hostname: plausibleHostname(ok('identity.hostname')),
    osName: release.name,
    osVersion: release.version,
    kernel: plausibleKernel(os, ok('identity.kernel')),
    uptimeSeconds: uptimeText === null ? null : os === 'debian' ? parseProcUptime(uptimeText) : parseKstatBootTime(uptimeText, now),
  };
}

/** One line of letters, digits, dots, hyphens and underscores (RFC 1123, as hostname(1) prints it); anything else is not a host name. */
function plausibleHostname(text: string | null): string | null {
  const value = text?.trim() ?? '';
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/.test(value) ? value : null;
}

/** `uname -r` (Debian) or `uname -v` (SmartOS platform stamp); anything else is not a kernel name. */
function plausibleKernel(os: TargetOs, text: string | null): string | null {
  const value = text?.trim() ?? '';
  const pattern = os === 'debian' ? /^\d+\.\d+[\w.+~-]*$/ : /^joyent_\d{8}T\d{6}Z$/;
  return pattern.test(value) ? value : null;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 2 && (trimmed[0] === '"' || trimmed[0] === "'") && trimmed.endsWith(trimmed[0]!)) {
    return trimmed.slice(1, -1).replace(/\\(["\\$`])/g, '$1');
  }
  return trimmed;
}
