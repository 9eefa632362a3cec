// The one piece of drill-plans code that touches the disk: read the plans
// file and parse it. Plus LastGoodDrillPlans, kept by a running app so that a
// broken edit of the file shows its problems without losing the plans in use.
import { readFile } from 'node:fs/promises';
import type { InventoryProblem } from '../inventory/inventory-problem';
import type { DrillPlans } from './drill-plan';
import { parseDrillPlans, type DrillPlansParseResult } from './parse-drill-plans';

/** A plans file this large is almost certainly the wrong file. */
const MAX_PLANS_BYTES = 4 * 1024 * 1024;

export async function loadDrillPlansFile(path: string): Promise<DrillPlansParseResult> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_PLANS_BYTES) return unreadable(path, `is ${bytes.length} bytes; a drill plans file is expected to be under ${MAX_PLANS_BYTES} bytes (is this the right file?)`);
    text = bytes.toString('utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const reasons: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a folder, not a file' };
    return unreadable(path, reasons[code] ?? (error instanceof Error ? error.message : String(error)));
  }
  return parseDrillPlans(text, path);
}

function unreadable(path: string, reason: string): DrillPlansParseResult {
  return { ok: false, problems: [{ file: path, line: 1, column: 1, message: `cannot read the drill plans file ${path}: ${reason}` }] };
}

/** The last plans that parsed, and the problems of the latest attempt. */
export class LastGoodDrillPlans {
  #current: DrillPlans | null = null;
  #warnings: InventoryProblem[] = [];
  #lastProblems: InventoryProblem[] = [];

  get current(): DrillPlans | null {
    return this.#current;
  }

  get warnings(): InventoryProblem[] {
    return this.#warnings;
  }

  get lastProblems(): InventoryProblem[] {
    return this.#lastProblems;
  }

  /** True when the file on disk is broken and `current` is an older, good version. */
  get stale(): boolean {
    return this.#current !== null && this.#lastProblems.length > 0;
  }

  /** Returns true when the plans in use were replaced. */
  update(result: DrillPlansParseResult): boolean {
    if (!result.ok) {
      this.#lastProblems = result.problems;
      return false;
    }
    this.#current = result.plans;
    this.#warnings = result.warnings;
    this.#lastProblems = [];
    return true;
  }
}
