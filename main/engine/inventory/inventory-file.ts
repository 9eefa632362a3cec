// The one piece of inventory code that touches the disk: read a file and parse
// it. Plus LastGoodInventory, which a running app keeps so that a broken edit
// of the file shows its problems without replacing the fleet it already has.
import type { Inventory } from './inventory-schema';
import type { InventoryProblem } from './inventory-problem';
import { parseInventory, type InventoryParseResult } from './parse-inventory';
import { FileTooLargeError, MAX_OPERATOR_FILE_BYTES, readBoundedFile } from './read-bounded-file';
import { errorMessage } from '../errors/error-message';

export async function loadInventoryFile(path: string): Promise<InventoryParseResult> {
  let text: string;
  try {
    text = (await readBoundedFile(path)).toString('utf8');
  } catch (error) {
    return unreadable(path, readErrorReason(error));
  }
  return parseInventory(text, path);
}

function unreadable(path: string, reason: string): InventoryParseResult {
  return { ok: false, problems: [{ file: path, line: 1, column: 1, message: `cannot read the inventory file ${path}: ${reason}` }] };
}

function readErrorReason(error: unknown): string {
  if (error instanceof FileTooLargeError) {
    return `it is larger than ${MAX_OPERATOR_FILE_BYTES} bytes (or endless, like /dev/zero); an inventory is expected to be far smaller (is this the right file?)`;
  }
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file (check the path in Settings)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (check the file mode and owner)';
    case 'EISDIR':
      return 'it is a folder, not a file';
    default:
      return errorMessage(error);
  }
}

/**
 * The last inventory that parsed, and the problems of the latest attempt.
 * `update` replaces the inventory only when the new result is ok.
 */
export class LastGoodInventory {
  #current: Inventory | null = null;
  #warnings: InventoryProblem[] = [];
  #lastProblems: InventoryProblem[] = [];

  /** The inventory in use: the last one that parsed, or null before any did. */
  get current(): Inventory | null {
    return this.#current;
  }

  /** Warnings of the inventory in use. */
  get warnings(): InventoryProblem[] {
    return this.#warnings;
  }

  /** Problems of the latest update; empty when it parsed. */
  get lastProblems(): InventoryProblem[] {
    return this.#lastProblems;
  }

  /** True when the file on disk is broken and `current` is an older, good version. */
  get stale(): boolean {
    return this.#current !== null && this.#lastProblems.length > 0;
  }

  /** Returns true when the inventory in use was replaced. */
  update(result: InventoryParseResult): boolean {
    if (!result.ok) {
      this.#lastProblems = result.problems;
      return false;
    }
    this.#current = result.inventory;
    this.#warnings = result.warnings;
    this.#lastProblems = [];
    return true;
  }
}
