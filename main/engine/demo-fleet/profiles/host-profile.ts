// A host's answers to every read-only command OpsDeck runs, by tool
// invocation. Each answer is computed on first use and cached as Buffers,
// so a thousand hosts cost nothing until scanned and a repeated command
// costs a Map lookup.
import type { DemoCommand } from '../demo-command';
import type { DemoOs } from '../demo-fleet-spec';
import { SUDO_PASSWORD_REQUIRED, answer, commandNotFound, type CommandAnswer } from './command-answer';

/** Produces an answer; `asRoot` is true when the command came through a working `sudo -n`. */
export type AnswerProducer = (asRoot: boolean) => CommandAnswer;

/** For invocations with a variable argument (`cryptsetup status <name>`, `cat <path>`). */
export type ToolFallback = (args: string[], asRoot: boolean) => CommandAnswer;

export interface ProfileTable {
  os: DemoOs;
  hostName: string;
  /** Exact invocations. */
  exact: Map<string, AnswerProducer>;
  /** Installed tools: a tool listed here but without a matching invocation gets its fallback. */
  tools: Map<string, ToolFallback | null>;
  /** `sudo -n` answers "a password is required". */
  sudoNeedsPassword: boolean;
}

export interface HostProfile {
  answer(command: DemoCommand): CommandAnswer;
}

export function profileFromTable(table: ProfileTable): HostProfile {
  const cache = new Map<string, CommandAnswer>();
  return {
    answer(command) {
      if (command.sudo && table.sudoNeedsPassword) return SUDO_PASSWORD_REQUIRED;
      const key = `${command.sudo ? '#' : '$'}${command.invocation}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const result = compute(table, command);
      cache.set(key, result);
      return result;
    },
  };
}

function compute(table: ProfileTable, command: DemoCommand): CommandAnswer {
  if (!command.tool) return answer('');
  const exact = table.exact.get(command.invocation);
  if (exact) return exact(command.sudo);
  if (!table.tools.has(command.tool)) return commandNotFound(table.os, command.tool);
  const fallback = table.tools.get(command.tool);
  const args = command.invocation.split(' ').slice(1);
  if (fallback) return fallback(args, command.sudo);
  // The tool exists but the demo does not simulate this use of it: say so
  // plainly rather than inventing output.
  return answer('', `opsdeck demo fleet: no simulated output for "${command.invocation}" on ${table.hostName}\n`, 1);
}

/** An answer that is the same text whether or not the command came through sudo, made when asked. */
export function textAnswer(make: () => string): AnswerProducer {
  return () => answer(make());
}

/** Lazily computed, shared value (disks, backup plan…) for the producers of one host. */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}
