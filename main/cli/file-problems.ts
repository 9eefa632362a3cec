// How a command that reads an operator's YAML file (an inventory, drill
// plans) reports it: every problem at its file:line:column and the count,
// or the warnings of a usable file; and the `… check FILE` commands built on
// that.
import { formatInventoryProblem, type InventoryProblem } from '../engine/inventory/inventory-problem';
import type { CliCommand, CliIo } from './cli-io';

type CheckedFile = { ok: true; warnings: InventoryProblem[] } | { ok: false; problems: InventoryProblem[] };

/** True when the file is usable; `unusable` is the last line otherwise: "the inventory is not usable". */
export function reportFileProblems<Result extends CheckedFile>(result: Result, io: CliIo, unusable: string): result is Extract<Result, { ok: true }> {
  if (!result.ok) {
    for (const problem of result.problems) io.stderr.write(`${formatInventoryProblem(problem)}\n`);
    io.stderr.write(`${result.problems.length} problem(s); ${unusable}\n`);
    return false;
  }
  for (const warning of result.warnings) io.stderr.write(`warning: ${formatInventoryProblem(warning)}\n`);
  return true;
}

/** `opsdeck … check FILE`: the file's problems (exit 2), or OK with what it holds. */
export function fileCheckCommand<Result extends CheckedFile>(check: {
  command: Pick<CliCommand, 'name' | 'summary' | 'usage'>;
  /** What FILE is, for the usage error: "inventory file". */
  what: string;
  load: (file: string) => Promise<Result>;
  unusable: string;
  holds: (result: Extract<Result, { ok: true }>) => string;
}): CliCommand {
  return {
    ...check.command,
    accepts: {},
    async run(args, io) {
      const file = args.onlyPositional(check.what);
      const result = await check.load(file);
      if (!reportFileProblems(result, io, check.unusable)) return 2;
      io.stdout.write(`OK ${file}: ${check.holds(result)}\n`);
      return 0;
    },
  };
}
