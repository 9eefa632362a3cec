// `sysinfo` (SmartOS global zone): hand-assembled but valid JSON. Only the
// zones pool's facts are read: "Zpool", "Zpool Encrypted" (a boolean since
// 2019, absent on older platforms and when there is no zones pool),
// "Zpool Size in GiB", "Zpool Disks" (comma list), "Zpool Profile", and the
// "Disks" sizes. "Boot Parameters" can hold a password hash: never copied.
// Unknown keys are ignored. See sysinfo*.md.
import { commonFailure, parsedFailure, parsedOk, type Parsed } from '../parse-result';
import { failureText } from './command-failure';
import { isRecord, readJsonOutput } from './json-output';

export interface SmartosSysinfo {
  hostname: string | null;
  liveImage: string | null;
  /** The zones pool's name, null when the host has none (or inside a zone). */
  zpool: string | null;
  /** null when sysinfo does not say (no pool, or a platform before 2019). */
  zpoolEncrypted: boolean | null;
  zpoolSizeBytes: number | null;
  zpoolDisks: string[];
  zpoolProfile: string | null;
  /** Disk name → size in bytes (sysinfo's "Size in GB" is decimal GB). */
  disks: Record<string, number>;
}

const GiB = 1024 ** 3;

export function parseSysinfo(stdout: string, stderr: string, exitCode: number | null): Parsed<SmartosSysinfo> {
  const common = commonFailure('sysinfo', exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0) return parsedFailure('unparsed', `sysinfo failed: ${failureText(exitCode, stderr, stdout)}`);
  const json = readJsonOutput(stdout, 'sysinfo', 'sysinfo');
  if ('failure' in json) return json.failure;
  const document = json.document;
  if (!isRecord(document)) return parsedFailure('unparsed', 'not sysinfo output: the JSON is not an object');
  if (!SYSINFO_KEYS.some((key) => key in document)) return parsedFailure('unparsed', `not sysinfo output: the JSON object has none of ${SYSINFO_KEYS.join(', ')}`);
  const warnings: string[] = [];
  const encrypted = document['Zpool Encrypted'];
  const size = document['Zpool Size in GiB'];
  const diskTable = document.Disks;
  const disks = Object.fromEntries(
    Object.entries(isRecord(diskTable) ? diskTable : {}).flatMap(([name, info]) => {
      const gb = isRecord(info) ? info['Size in GB'] : undefined;
      return typeof gb === 'number' && Number.isFinite(gb) ? [[name, gb * 1e9] as const] : [];
    }),
  );
  const zpool = text(document.Zpool);
  if (zpool && typeof encrypted !== 'boolean') warnings.push('sysinfo does not say whether the zones pool is encrypted (platform before 2019?)');
  return parsedOk(
    {
      hostname: text(document.Hostname),
      liveImage: text(document['Live Image']),
      zpool,
      zpoolEncrypted: typeof encrypted === 'boolean' ? encrypted : null,
      zpoolSizeBytes: typeof size === 'number' && Number.isFinite(size) ? size * GiB : null,
      zpoolDisks: (text(document['Zpool Disks']) ?? '').split(',').filter(Boolean),
      zpoolProfile: text(document['Zpool Profile']),
      disks,
    },
    warnings,
  );
}

/** sysinfo(1M) always prints these on SmartOS. */
const SYSINFO_KEYS = ['UUID', 'Hostname', 'Live Image', 'System Type'];

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
