// Runs one parser on the output of one encryption command and records how it
// went, so the facts say which checks could not be made and why (tool
// missing, needs privilege, no answer) next to what they found.
import type { CommandOutput } from '../host-command';
import type { Parsed } from '../parse-result';
import type { EncryptionCheck } from './encryption-model';

export type OutputParser<T> = (stdout: string, stderr: string, exitCode: number | null) => Parsed<T>;

export class EncryptionCheckLog {
  readonly checks: EncryptionCheck[] = [];

  constructor(private readonly outputs: CommandOutput[]) {}

  /** The parsed output, or null when the command was not run or did not answer. */
  read<T>(id: string, parse: OutputParser<T>): Parsed<T> | null {
    const output = this.outputs.find((each) => each.id === id);
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

  note(id: string, warning: string): void {
    this.checks.find((check) => check.commandId === id)?.warnings.push(warning);
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
