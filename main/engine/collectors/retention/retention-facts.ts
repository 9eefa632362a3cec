// The retention area's facts for one host: each source's parse result.
import type { CommandOutput, TargetOs } from '../host-command';
import { readSource, type SourceRead } from '../output-reader';
import { parseJournaldCatConfig, type JournaldSettings } from './journald-config';
import { parseLogadmListing } from './logadm-config';
import { parseLogrotateListing, type LogRotationRule } from './logrotate-config';
import { parseOldestLogs, parseOldestLogsLsE, type LogFileAge } from './oldest-logs';
import { RETENTION_COMMAND_IDS as ids } from './retention-commands';

export interface RetentionFacts {
  os: TargetOs;
  /** How long each rotation rule keeps its logs: logrotate's (Debian) or logadm's (SmartOS). */
  rotation: SourceRead<LogRotationRule[]>;
  /** Null on SmartOS: it has no journal. */
  journald: SourceRead<JournaldSettings> | null;
  oldestLogs: SourceRead<LogFileAge[]>;
}

export function retentionFacts(os: TargetOs, outputs: CommandOutput[]): RetentionFacts {
  if (os === 'smartos') {
    return { os, rotation: readSource(outputs, ids.logadm, parseLogadmListing), journald: null, oldestLogs: readSource(outputs, ids.oldestLogs, parseOldestLogsLsE) };
  }
  return {
    os,
    rotation: readSource(outputs, ids.logrotate, parseLogrotateListing),
    journald: readSource(outputs, ids.journald, parseJournaldCatConfig),
    oldestLogs: readSource(outputs, ids.oldestLogs, parseOldestLogs),
  };
}
