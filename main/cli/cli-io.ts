// What a CLI command is given: where to write, and the environment. Exit
// codes: 0 all good, 1 the job ran but something failed, 2 bad usage/input,
// 3 an internal failure (run-cli.ts: the stack goes to the debug log).
import type { AcceptedOptions, CliArgs } from './cli-args';
import type { SecretStore } from '../engine/secrets/secret-store';
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** The keychain; the OS one (keytar) when not given. Tests pass a memory store. */
  secrets?: SecretStore;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** The options it accepts: run-cli refuses any other before `run`. */
  accepts: AcceptedOptions;
  run(args: CliArgs, io: CliIo): Promise<number>;
}

export class UsageError extends Error {}
