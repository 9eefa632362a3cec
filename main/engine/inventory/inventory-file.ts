// The one piece of inventory code that touches the disk: read a file and parse
// it. Plus LastGoodInventory, which a running app keeps so that a broken edit
// of the file shows its problems without replacing the fleet it already has.
import type { Inventory } from './inventory-schema';
import { LastGood, readOperatorFile } from './operator-file';
import { parseInventory, type InventoryParseResult } from './parse-inventory';

export async function loadInventoryFile(path: string): Promise<InventoryParseResult> {
  const read = await readOperatorFile(path, 'inventory', { missingHint: 'check the path in Settings' });
  return read.ok ? parseInventory(read.text, path) : read;
}

export class LastGoodInventory extends LastGood<Inventory, InventoryParseResult> {
  constructor() {
    super((result) => result.inventory);
  }
}
