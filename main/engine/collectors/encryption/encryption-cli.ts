// `opsdeck parse encryption --format lsblk-json|cryptsetup-status|crypttab|zfs-get [FILE|-]`:
// one saved output in, the parser's result out as plain JSON, with a short
// summary an operator can read at a glance. The text is taken as the
// command's stdout with exit status 0. For lsblk-json and zfs-get the
// volumes OpsDeck derives from that one output are included (without the
// other commands a scan runs: no crypttab, dmsetup, blkid or findmnt).
import type { CommandOutput, TargetOs } from '../host-command';
import { cliResult, isCliFormat, type ParseCliResult } from '../parse-cli-result';
import type { Parsed } from '../parse-result';
import { parseCrypttab } from './crypttab';
import { parseCryptsetupStatus } from './cryptsetup-status';
import { ENCRYPTION_COMMANDS, ENCRYPTION_COMMAND_IDS as ids } from './encryption-commands';
import { encryptionFacts } from './encryption-facts';
import type { StorageVolume } from './encryption-model';
import { parseLsblkJson } from './lsblk-json';
import { parseZfsGet } from './zfs-get';

export const ENCRYPTION_CLI_FORMATS = ['lsblk-json', 'cryptsetup-status', 'crypttab', 'zfs-get'] as const;
export type EncryptionCliFormat = (typeof ENCRYPTION_CLI_FORMATS)[number];

export interface EncryptionCliResult extends ParseCliResult<EncryptionCliFormat> {
  /** lsblk-json and zfs-get: the volumes derived from this output alone. */
  volumes?: Array<Pick<StorageVolume, 'id' | 'name' | 'mountpoints' | 'sizeBytes' | 'class' | 'encryption' | 'encryptionReason'> & { layers: string[] }>;
}

export function isEncryptionCliFormat(text: string): text is EncryptionCliFormat {
  return isCliFormat(ENCRYPTION_CLI_FORMATS, text);
}

export function parseEncryptionForCli(format: EncryptionCliFormat, text: string): EncryptionCliResult {
  switch (format) {
    case 'lsblk-json': {
      const parsed = parseLsblkJson(text, '', 0);
      const volumes = derivedVolumes('debian', ids.lsblk, text);
      return {
        ...result(format, parsed, {
          topLevelDevices: parsed.value?.devices.length ?? 0,
          volumes: volumes.length,
          encryptedVolumes: volumes.filter((volume) => volume.encryption === 'encrypted' || volume.encryption === 'locked').length,
          unencryptedVolumes:
            volumes
              .filter((volume) => volume.encryption === 'unencrypted' && volume.class !== 'boot')
              .map((volume) => volume.mountpoints[0] ?? volume.name)
              .join(', ') || null,
        }),
        volumes,
      };
    }
    case 'cryptsetup-status': {
      const parsed = parseCryptsetupStatus(text, '', 0);
      const mappings = parsed.value ?? [];
      return result(format, parsed, {
        mappings: mappings.length,
        active: mappings.filter((mapping) => mapping.active).length,
        types: [...new Set(mappings.map((mapping) => mapping.type ?? 'unknown'))].join(', ') || null,
        ciphers: [...new Set(mappings.flatMap((mapping) => (mapping.cipher ? [`${mapping.cipher} ${mapping.keyBits ?? '?'}-bit`] : [])))].join(', ') || null,
      });
    }
    case 'crypttab': {
      const parsed = parseCrypttab(text, '', 0);
      const entries = parsed.value?.entries ?? [];
      return result(format, parsed, {
        entries: entries.length,
        noauto: entries.filter((entry) => entry.noauto).length,
        swap: entries.filter((entry) => entry.swap).length,
        withKeyFile: entries.filter((entry) => entry.keyFile !== null && !entry.randomKey).length,
      });
    }
    case 'zfs-get': {
      const parsed = parseZfsGet(text, '', 0);
      const datasets = parsed.value ?? [];
      return {
        ...result(format, parsed, {
          datasets: datasets.length,
          encrypted: datasets.filter((dataset) => dataset.encrypted).length,
          unencrypted:
            datasets
              .filter((dataset) => dataset.encrypted === false)
              .map((dataset) => dataset.name)
              .join(', ') || null,
          keysUnavailable: datasets.filter((dataset) => dataset.keystatus === 'unavailable').length,
        }),
        volumes: derivedVolumes('smartos', ids.zfsGet, text),
      };
    }
  }
}

function derivedVolumes(os: TargetOs, id: string, text: string): NonNullable<EncryptionCliResult['volumes']> {
  const command = ENCRYPTION_COMMANDS[os].find((each) => each.id === id)!;
  const output: CommandOutput = { id, command: command.command, stdout: text, stderr: '', exitCode: 0, durationMs: 0, error: null };
  return encryptionFacts(os, [output]).volumes.map((volume) => ({
    id: volume.id,
    name: volume.name,
    mountpoints: volume.mountpoints,
    sizeBytes: volume.sizeBytes,
    class: volume.class,
    encryption: volume.encryption,
    encryptionReason: volume.encryptionReason,
    layers: volume.layers.map((layer) => layer.name),
  }));
}

function result(format: EncryptionCliFormat, parsed: Parsed<unknown>, summary: EncryptionCliResult['summary']): EncryptionCliResult {
  return cliResult(format, parsed, summary, parsed.value);
}
