// The firewall's view of the shared output reader: each command's check with
// its command line (findings name the command), and why a command gave no
// reading (the parser's message, or why the command did not answer).
import type { TargetOs } from '../host-command';
import type { OutputReader } from '../output-reader';
import { firewallCommand, type FirewallCommandId } from './firewall-commands';
import type { FirewallSourceStatus } from './firewall-facts';

export function firewallSources(os: TargetOs, reader: OutputReader): FirewallSourceStatus[] {
  return reader.checks.map((check) => ({
    commandId: check.commandId,
    command: firewallCommand(os, check.commandId as FirewallCommandId).command,
    status: check.status,
    message: check.message,
    warnings: check.warnings,
  }));
}

/** Why `id` gave no (complete) reading; `notRun` when the command was not run at all. */
export function readProblem(reader: OutputReader, id: string, notRun = 'not run'): string {
  const check = reader.check(id);
  return check && check.status !== 'not-run' ? (check.message ?? notRun) : notRun;
}
