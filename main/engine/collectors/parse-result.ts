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
  | 'unparsed'
  /**
   * Read, but some lines or objects could not be and are listed in `skipped`:
   * the value holds what was read, and nothing judged from it is complete.
   */
  | 'partial';

/** A line (or JSON object) of the input that is in neither the model nor its verbatim unmodelled parts. */
export interface SkippedInput {
  /** Where: `line 12`, `blockdevices[3]`. */
  at: string;
  /** The input as it was (cut to MAX_SKIPPED_TEXT characters). */
  text: string;
  reason: string;
}

const MAX_SKIPPED_TEXT = 300;
/** Beyond this many, skipped entries are counted, not listed (the raw output is kept as evidence anyway). */
const MAX_SKIPPED_LISTED = 200;

export interface Parsed<T> {
  status: ParseStatus;
  /** Present when status is ok (and, where meaningful, partially for others). */
  value: T | null;
  /** For anything but ok: what happened, naming the command, for an operator. */
  message: string | null;
  /** Notes that did not lose anything (rounded sizes, unmodelled constructs kept verbatim). */
  warnings: string[];
  /** Input neither read nor kept verbatim; non-empty exactly when status is `partial`. */
  skipped?: SkippedInput[];
  /** How many skipped entries there were in all (skipped lists at most MAX_SKIPPED_LISTED). */
  skippedCount?: number;
}

/**
 * The result of a parse that recognised its format: `ok` when every line or
 * object was read or kept verbatim, `partial` (naming what was skipped and
 * why) otherwise — never `ok` with something silently left out.
 */
export function parsedOk<T>(value: T, warnings: string[] = [], skipped: readonly SkippedInput[] = [], what = 'the output'): Parsed<T> {
  if (skipped.length === 0) return { status: 'ok', value, message: null, warnings };
  return { status: 'partial', value, message: partialMessage(what, skipped), warnings, skipped: skipped.slice(0, MAX_SKIPPED_LISTED), skippedCount: skipped.length };
}

export function skippedInput(at: string, text: string, reason: string): SkippedInput {
  return { at, text: text.length > MAX_SKIPPED_TEXT ? `${text.slice(0, MAX_SKIPPED_TEXT)}…` : text, reason };
}

function partialMessage(what: string, skipped: readonly SkippedInput[]): string {
  const first = skipped[0]!;
  const more = skipped.length > 1 ? `, and ${skipped.length - 1} more` : '';
  // Quoted as printed (not JSON-escaped): the text is shown to an operator, as text.
  return `${what}: ${skipped.length} part(s) could not be read, so what was read is incomplete — ${first.at} "${first.text.slice(0, 80)}": ${first.reason}${more}`;
}

/** `ok` or `partial`: a value was read (completely or not). */
export function wasRead(status: ParseStatus | string): boolean {
  return status === 'ok' || status === 'partial';
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

/**
 * The most one command's output may hold for a parser to read it (the
 * largest real outputs — 40k-rule iptables-save, 10k-rule nft -j — are a
 * few MB): beyond it a parser refuses rather than exhaust memory.
 */
export const MAX_INPUT_CHARS = 16 * 1024 * 1024;

/**
 * Input no text tool prints: NUL and other C0 control bytes, or bytes that
 * are not UTF-8 (decoded as U+FFFD). Returns why, or null for text.
 */
export function notText(text: string): string | null {
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/.exec(text);
  if (!control) return null;
  const code = control[0].codePointAt(0)!;
  const what = code === 0xfffd ? 'bytes that are not UTF-8' : `a control byte 0x${code.toString(16).padStart(2, '0')}`;
  return `it holds ${what} at character ${control.index}`;
}

/**
 * Refuses what cannot be `what`'s output before any grammar is tried:
 * binary input, or more than MAX_INPUT_CHARS. Null when the text may be read.
 */
export function refuseInput(text: string, what: string): Parsed<never> | null {
  if (text.length > MAX_INPUT_CHARS) {
    return parsedFailure(
      'unparsed',
      `${what}: the output is ${(text.length / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_INPUT_CHARS / 1024 / 1024} MB OpsDeck reads from one command; refused as too large`,
    );
  }
  const binary = notText(text);
  return binary ? parsedFailure('unparsed', `not ${what} output: ${binary}`) : null;
}

/**
 * Everything before stdout is read, for a command whose every failure is
 * final: input no tool prints, a missing tool or privilege, any other
 * non-zero exit. Null when stdout should be read.
 */
export function unreadableOutput(tool: string, command: string, stdout: string, stderr: string, exitCode: number | null): Parsed<never> | null {
  const refused = refuseInput(stdout, command);
  if (refused) return refused;
  const failure = commonFailure(tool, exitCode, stderr);
  if (failure) return failure;
  if (exitCode !== 0) return parsedFailure('unparsed', `${command} failed (exit ${exitCode}): ${stderr.trim().split('\n')[0] || 'no message'}`);
  return null;
}
