// `opsdeck inventory check FILE`: validates an inventory; every problem is
// printed as file:line:column: message.
import { loadInventoryFile } from '../engine/inventory/inventory-file';
import { onlyPositional, rejectUnknownOptions } from './cli-args';
import type { CliCommand } from './cli-io';
import { reportFileProblems } from './file-problems';

export const inventoryCheckCommand: CliCommand = {
  name: 'inventory check',
  summary: 'validate an inventory file; print each problem with its line and column',
  usage: 'opsdeck inventory check FILE',
  async run(args, io) {
    rejectUnknownOptions(args, [], []);
    const file = onlyPositional(args, [], 'inventory file');
    const result = await loadInventoryFile(file);
    if (!reportFileProblems(result, io, 'the inventory is not usable')) return 2;
    const { datacentres, hosts } = result.inventory;
    io.stdout.write(`OK ${file}: ${datacentres.length} datacentres (${datacentres.map((dc) => `${dc.id} ${dc.role}`).join(', ')}), ${hosts.length} hosts\n`);
    return 0;
  },
};
