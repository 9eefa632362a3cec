// What every parser returns. Parsers never throw: bad input becomes a status
// with a message, and the raw text is always kept.
export type ParseStatus =
  | 'ok'
  /** The command ran but this host does not have the feature (e.g. no crypttab). */
  | 'unsupported'
  /** `sudo -n` needed a password, or the tool said permission denied. */
  | 'needs-privilege'
  /** The tool is not installed ("command not found", exit 127). */
  | 'tool-missing'
  /** A service the check depends on is disabled (e.g. SmartOS ipfilter). */
  | 'service-disabled'
  /** Output that the parser could not understand. */
  | 'unparsed';

export interface Parsed<T> {
  status: ParseStatus;
  /** Present when status is ok (and, where meaningful, partially for others). */
  value: T | null;
  /** For anything but ok: what happened, naming the command, for an operator. */
  message: string | null;
  /** Problems that did not stop parsing: lines skipped, unmodelled constructs. */
  warnings: string[];
}

export function parsedOk<T>(value: T, warnings: string[] = []): Parsed<T> {
  return { status: 'ok', value, message: null, warnings };
}

export function parsedFailure<T>(status: Exclude<ParseStatus, 'ok'>, message: string, value: T | null = null): Parsed<T> {
  return { status, value, message, warnings: [] };
}

const COMMAND_NOT_FOUND = /(command not found|: not found|No such file or directory.*(bin|sbin))/;
const PERMISSION_DENIED = /(Operation not permitted|Permission denied|a password is required|must be run as root|you must be root)/i;

/**
 * The states every command shares, decided from exit status and stderr
 * before a format parser looks at stdout: tool missing, needs privilege.
 * Returns null when the output should be parsed.
 */
export function commonFailure(tool: string, exitCode: number | null, stderr: string): Parsed<never> | null {
  if (exitCode === 127 || (exitCode !== 0 && COMMAND_NOT_FOUND.test(stderr))) {
    return parsedFailure('tool-missing', `${tool} is not installed on this host (${firstLine(stderr) || `exit ${exitCode}`})`);
  }
  if (exitCode !== 0 && PERMISSION_DENIED.test(stderr)) {
    return parsedFailure('needs-privilege', `${tool} needs privileges OpsDeck does not have here: ${firstLine(stderr)}`);
  }
  return null;
}

export function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim().length > 0) ?? '').trim().slice(0, 300);
}
