// The retention area's facts for one host: each source's parse result.
import type { CommandOutput, TargetOs } from '../host-command';
import { readSource, type OutputParser, type SourceRead } from '../output-reader';
import { parsedFailure } from '../parse-result';
import { parseJournaldCatConfig, type JournaldSettings } from './journald-config';
import { parseLogrotateListing, type LogRotationRule } from './logrotate-config';
import { parseOldestLogs, type LogFileAge } from './oldest-logs';
import { RETENTION_COMMAND_IDS as ids } from './retention-commands';

export interface RetentionFacts {
  os: TargetOs;
  logrotate: SourceRead<LogRotationRule[]>;
  journald: SourceRead<JournaldSettings>;
  oldestLogs: SourceRead<LogFileAge[]>;
}

const SMARTOS_UNSUPPORTED = 'SmartOS rotates logs with logadm, which OpsDeck does not read yet';

function readRetentionSource<T>(os: TargetOs, outputs: CommandOutput[], id: string, parse: OutputParser<T>): SourceRead<T> {
  return os === 'smartos' ? parsedFailure('unsupported', SMARTOS_UNSUPPORTED) : readSource(outputs, id, parse);
}

export function retentionFacts(os: TargetOs, outputs: CommandOutput[]): RetentionFacts {
  return {
    os,
    logrotate: readRetentionSource(os, outputs, ids.logrotate, parseLogrotateListing),
    journald: readRetentionSource(os, outputs, ids.journald, parseJournaldCatConfig),
    oldestLogs: readRetentionSource(os, outputs, ids.oldestLogs, parseOldestLogs),
  };
}
