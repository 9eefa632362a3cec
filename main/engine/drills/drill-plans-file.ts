// The one piece of drill-plans code that touches the disk: read the plans
// file (bounded, like the inventory: /dev/zero is refused by name) and parse
// it. Plus LastGoodDrillPlans, kept by a running app so that a broken edit of
// the file shows its problems without losing the plans in use.
import { LastGood, readOperatorFile } from '../inventory/operator-file';
import type { DrillPlans } from './drill-plan';
import { parseDrillPlans, type DrillPlansParseResult } from './parse-drill-plans';

/** A plans file this large is almost certainly the wrong file. */
const MAX_PLANS_BYTES = 4 * 1024 * 1024;

export async function loadDrillPlansFile(path: string): Promise<DrillPlansParseResult> {
  const read = await readOperatorFile(path, 'drill plans', { maxBytes: MAX_PLANS_BYTES });
  return read.ok ? parseDrillPlans(read.text, path) : read;
}

export class LastGoodDrillPlans extends LastGood<DrillPlans, DrillPlansParseResult> {
  constructor() {
    super((result) => result.plans);
  }
}
