// Looking up a command's output by id and recording how it parsed; a
// command that is missing from the outputs (not run, scan cancelled) is a
// status of its own rather than an empty output.
import type { CommandOutput, HostCommand } from '../host-command';
import type { Parsed } from '../parse-result';
import type { FirewallSourceStatus } from './firewall-facts';

export type Parser<T> = (stdout: string, stderr: string, exitCode: number | null) => Parsed<T>;

export function runParser<T>(command: HostCommand, outputs: CommandOutput[], parse: Parser<T>, statuses: FirewallSourceStatus[]): Parsed<T> | null {
  const output = outputs.find((each) => each.id === command.id);
  if (!output) {
    statuses.push({ commandId: command.id, command: command.command, status: 'not-run', message: `${command.command} was not run`, warnings: [] });
    return null;
  }
  let parsed: Parsed<T>;
  if (output.exitCode === null && output.error) {
    parsed = { status: 'unparsed', value: null, message: `${command.command} did not finish: ${output.error}`, warnings: [] };
  } else {
    try {
      parsed = parse(output.stdout, output.stderr, output.exitCode);
    } catch (error) {
      // Parsers never throw; if one ever does, the host still gets facts and the bug a clear message.
      parsed = { status: 'unparsed', value: null, message: `parser failed on ${command.command}: ${(error as Error).message}`, warnings: [] };
    }
  }
  statuses.push({ commandId: command.id, command: command.command, status: parsed.status, message: parsed.message, warnings: parsed.warnings });
  return parsed;
}
