// `opsdeck parse backups --format restic-snapshots|restic-ls|borg-list|borg-info|borg-file-list|systemctl-show|zfs-list [FILE|-]`:
// one saved output in, the parser's result out as plain JSON with a short
// summary. The text is taken as the command's stdout with exit status 0.
import type { BackupParse } from './backup-snapshot';
import { parseBorgFileList } from './borg-file-list';
import { parseBorgInfo, parseBorgList } from './borg-json';
import { parseResticLs } from './restic-ls';
import { parseResticSnapshots } from './restic-snapshots';
import { parseSystemctlShow } from './systemctl-show';
import { parseZfsSnapshots } from './zfs-snapshots';

export const BACKUPS_CLI_FORMATS = ['restic-snapshots', 'restic-ls', 'borg-list', 'borg-info', 'borg-file-list', 'systemctl-show', 'zfs-list'] as const;
export type BackupsCliFormat = (typeof BACKUPS_CLI_FORMATS)[number];

export interface BackupsCliResult {
  format: BackupsCliFormat;
  status: BackupParse<unknown>['state'];
  message: string | null;
  summary: Record<string, string | number | null>;
  value: unknown;
}

export function parseBackupsForCli(format: BackupsCliFormat, text: string): BackupsCliResult {
  const result = (parsed: BackupParse<unknown>, summary: BackupsCliResult['summary']): BackupsCliResult => ({ format, status: parsed.state, message: parsed.message, summary, value: parsed.value });
  switch (format) {
    case 'restic-snapshots':
    case 'borg-list': {
      const parsed = format === 'restic-snapshots' ? parseResticSnapshots(text) : parseBorgList(text);
      const snapshots = parsed.value ?? [];
      return result(parsed, { snapshots: snapshots.length, newest: snapshots.at(-1)?.time ?? null, oldest: snapshots[0]?.time ?? null });
    }
    case 'restic-ls':
    case 'borg-file-list': {
      const parsed = format === 'restic-ls' ? parseResticLs(text) : parseBorgFileList(text);
      return result(parsed, { files: parsed.value?.files.length ?? 0, skipped: parsed.value?.skipped ?? 0 });
    }
    case 'borg-info': {
      const parsed = parseBorgInfo(text);
      return result(parsed, { encryption: parsed.value?.encryption ?? null, location: parsed.value?.location ?? null, newest: parsed.value?.newest?.time ?? null });
    }
    case 'systemctl-show': {
      // Every block is one unit; the units asked are not known offline, so the blocks themselves are the expectation.
      const blocks = text
        .replace(/\r/g, '')
        .split(/\n\s*\n/)
        .filter((block) => block.trim().length > 0);
      const parsed = parseSystemctlShow(
        text,
        blocks.map((_, index) => `block ${index + 1}`),
      );
      const units = parsed.value ?? [];
      return result(parsed, { units: units.length, failed: units.filter((unit) => unit.result !== 'success').length });
    }
    case 'zfs-list': {
      const dataset = /^([^\t@\n]+)@/.exec(text)?.[1] ?? '';
      const parsed = parseZfsSnapshots(text, dataset);
      return result(parsed, { dataset: dataset || null, snapshots: parsed.value?.length ?? 0, newest: parsed.value?.at(-1)?.time ?? null });
    }
  }
}
