// The one reader of command outputs for every collector: finds a command's
// output by id, runs its parser, and records how it went, so the facts say
// which checks could not be made and why next to what they found. One set of
// states: `not-run` (no output: not run, scan cancelled), `no-answer` (the
// command did not finish: timeout, lost channel, output cut), else the
// parser's own status; a parser that throws (they are written and tested not
// to) is `unparsed` with a message, never an exception.
import { errorMessage } from '../errors/error-message';
import { needsPrivilege, type CommandOutput } from './host-command';
import { parsedFailure, type ParseStatus, type Parsed } from './parse-result';

export type CheckStatus = ParseStatus | 'not-run' | 'no-answer';

export interface CommandCheck {
  commandId: string;
  status: CheckStatus;
  message: string | null;
  warnings: string[];
}

export type OutputParser<T> = (stdout: string, stderr: string, exitCode: number | null) => Parsed<T>;

export class OutputReader {
  readonly checks: CommandCheck[] = [];

  constructor(private readonly outputs: CommandOutput[]) {}

  output(id: string): CommandOutput | undefined {
    return this.outputs.find((output) => output.id === id);
  }

  /** The parsed output, or null when the command was not run or did not answer (its check says which, and why). */
  read<T>(id: string, parse: OutputParser<T>): Parsed<T> | null {
    const output = this.output(id);
    if (!output) {
      this.checks.push({ commandId: id, status: 'not-run', message: `${id} was not run`, warnings: [] });
      return null;
    }
    if (output.exitCode === null) {
      this.checks.push({ commandId: id, status: 'no-answer', message: output.error ?? `${output.command} did not finish`, warnings: [] });
      return null;
    }
    let parsed: Parsed<T>;
    try {
      parsed = parse(output.stdout, output.stderr, output.exitCode);
    } catch (error) {
      parsed = parsedFailure('unparsed', `parser failed on ${output.command}: ${errorMessage(error)}`);
    }
    this.checks.push({ commandId: id, status: parsed.status, message: parsed.message, warnings: [...parsed.warnings] });
    return parsed;
  }

  /** How the command `id` went, once read. */
  check(id: string): CommandCheck | undefined {
    return this.checks.find((check) => check.commandId === id);
  }

  /** Adds a note to the check of `id` (e.g. a caveat found by cross-checking). */
  note(id: string, warning: string): void {
    this.check(id)?.warnings.push(warning);
  }
}

/**
 * What a parse read, in full (`ok`) or in part (`partial`: its check says
 * what was skipped, and the facts are then not complete); else null.
 */
export function readValue<T>(parsed: Parsed<T> | null): T | null {
  return parsed && (parsed.status === 'ok' || parsed.status === 'partial') ? parsed.value : null;
}

/** The value of a parse that succeeded, else null. */
export function okValue<T>(parsed: Parsed<T> | null): T | null {
  return parsed && parsed.status === 'ok' ? parsed.value : null;
}

/** One command's parse as an area keeps it beside the others: the parser's result, or why there is none. */
export interface SourceRead<T> extends Omit<Parsed<T>, 'status'> {
  status: CheckStatus;
}

/**
 * Reads one command for the areas whose facts keep each source's result
 * (access, transport, retention): the same states as OutputReader — a command
 * not run is `not-run`, one that did not finish `no-answer`, a parser that
 * throws `unparsed`, `sudo -n` refused `needs-privilege` — never a parse of
 * half an output.
 */
export function readSource<T>(outputs: CommandOutput[], id: string, parse: OutputParser<T>): SourceRead<T> {
  const reader = new OutputReader(outputs);
  const parsed = reader.read(id, (stdout, stderr, exitCode) =>
    needsPrivilege({ stderr, exitCode }) ? parsedFailure<T>('needs-privilege', `${reader.output(id)!.command}: sudo -n needs a password on this host`) : parse(stdout, stderr, exitCode),
  );
  if (parsed) return parsed;
  const check = reader.check(id)!;
  return { status: check.status, value: null, message: check.message, warnings: [] };
}
