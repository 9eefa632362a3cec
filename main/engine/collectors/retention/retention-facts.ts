// The retention area's facts for one host: each source's parse result.
import type { CommandOutput, TargetOs } from '../host-command';
import { needsPrivilege } from '../host-command';
import { parsedFailure, type Parsed } from '../parse-result';
import { parseJournaldCatConfig, type JournaldSettings } from './journald-config';
import { parseLogrotateListing, type LogRotationRule } from './logrotate-config';
import { parseOldestLogs, type LogFileAge } from './oldest-logs';
import { RETENTION_COMMAND_IDS as ids } from './retention-commands';

export interface RetentionFacts {
  os: TargetOs;
  logrotate: Parsed<LogRotationRule[]>;
  journald: Parsed<JournaldSettings>;
  oldestLogs: Parsed<LogFileAge[]>;
}

type Parser<T> = (stdout: string, stderr: string, exitCode: number | null) => Parsed<T>;

function parseOutput<T>(os: TargetOs, outputs: CommandOutput[], id: string, parse: Parser<T>): Parsed<T> {
  if (os === 'smartos') return parsedFailure('unsupported', 'SmartOS rotates logs with logadm, which OpsDeck does not read yet');
  const output = outputs.find((each) => each.id === id);
  if (!output) return parsedFailure('unparsed', `${id} was not run`);
  if (output.error !== null && output.exitCode === null) return parsedFailure('unparsed', `${id}: ${output.error}`);
  if (needsPrivilege(output)) return parsedFailure('needs-privilege', `${output.command}: sudo -n needs a password on this host`);
  return parse(output.stdout, output.stderr, output.exitCode);
}

export function retentionFacts(os: TargetOs, outputs: CommandOutput[]): RetentionFacts {
  return {
    os,
    logrotate: parseOutput(os, outputs, ids.logrotate, parseLogrotateListing),
    journald: parseOutput(os, outputs, ids.journald, parseJournaldCatConfig),
    oldestLogs: parseOutput(os, outputs, ids.oldestLogs, parseOldestLogs),
  };
}
