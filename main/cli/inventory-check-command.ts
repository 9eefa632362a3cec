// `opsdeck inventory check FILE`: validates an inventory; every problem is
// printed as file:line:column: message.
import { loadInventoryFile } from '../engine/inventory/inventory-file';
import { fileCheckCommand } from './file-problems';

export const inventoryCheckCommand = fileCheckCommand({
  command: { name: 'inventory check', summary: 'validate an inventory file; print each problem with its line and column', usage: 'opsdeck inventory check FILE' },
  what: 'inventory file',
  load: (file) => loadInventoryFile(file),
  unusable: 'the inventory is not usable',
  holds: ({ inventory: { datacentres, hosts } }) => `${datacentres.length} datacentres (${datacentres.map((dc) => `${dc.id} ${dc.role}`).join(', ')}), ${hosts.length} hosts`,
});
