// Runs one parser on the output of one patch command and records how it went,
// so the facts say which checks could not be made and why (tool missing,
// needs privilege, no answer) next to what they found.
import type { CommandOutput } from '../host-command';
import type { ParseStatus, Parsed } from '../parse-result';

export type PatchCheckStatus = ParseStatus | 'not-run' | 'no-answer';

export interface PatchCheck {
  commandId: string;
  status: PatchCheckStatus;
  message: string | null;
  warnings: string[];
}

export type OutputParser<T> = (stdout: string, stderr: string, exitCode: number | null) => Parsed<T>;

export class PatchCheckLog {
  readonly checks: PatchCheck[] = [];

  constructor(private readonly outputs: CommandOutput[]) {}

  output(id: string): CommandOutput | undefined {
    return this.outputs.find((output) => output.id === id);
  }

  /** The parsed output, or null when the command was not run or did not answer. */
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
    const parsed = parse(output.stdout, output.stderr, output.exitCode);
    this.checks.push({ commandId: id, status: parsed.status, message: parsed.message, warnings: [...parsed.warnings] });
    return parsed;
  }

  /** Adds a note to the check of `id` (e.g. a caveat found by cross-checking). */
  note(id: string, warning: string): void {
    this.checks.find((check) => check.commandId === id)?.warnings.push(warning);
  }
}

/** The value of a parse that succeeded, else null. */
export function okValue<T>(parsed: Parsed<T> | null): T | null {
  return parsed && parsed.status === 'ok' ? parsed.value : null;
}
