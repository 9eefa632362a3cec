// How a command that reads an operator's YAML file (an inventory, drill
// plans) reports it: every problem at its file:line:column and the count,
// or the warnings of a usable file.
import { formatInventoryProblem, type InventoryProblem } from '../engine/inventory/inventory-problem';
import type { CliIo } from './cli-io';

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
