// `opsdeck inventory check FILE`: validates an inventory; every problem is
// printed as file:line:column: message.
import { loadInventoryFile } from '../engine/inventory/inventory-file';
import { formatInventoryProblem } from '../engine/inventory/inventory-problem';
import { positionals, rejectUnknownOptions } from './cli-args';
import { UsageError, type CliCommand } from './cli-io';

export const inventoryCheckCommand: CliCommand = {
  name: 'inventory check',
  summary: 'validate an inventory file; print each problem with its line and column',
  usage: 'opsdeck inventory check FILE',
  async run(args, io) {
    rejectUnknownOptions(args, [], []);
    const [file, ...extra] = positionals(args, []);
    if (!file || extra.length > 0) throw new UsageError('give exactly one inventory file');
    const result = await loadInventoryFile(file);
    if (!result.ok) {
      for (const problem of result.problems) io.stderr.write(`${formatInventoryProblem(problem)}\n`);
      io.stderr.write(`${result.problems.length} problem(s); the inventory is not usable\n`);
      return 2;
    }
    for (const warning of result.warnings) io.stderr.write(`warning: ${formatInventoryProblem(warning)}\n`);
    const { datacentres, hosts } = result.inventory;
    io.stdout.write(`OK ${file}: ${datacentres.length} datacentres (${datacentres.map((dc) => `${dc.id} ${dc.role}`).join(', ')}), ${hosts.length} hosts\n`);
    return 0;
  },
};
