// The .ics feed file OpsDeck keeps up to date in its data folder, for a
// calendar app to subscribe to: rewritten whenever the plans it holds change
// (each read of the plans checks), atomically (a temporary file renamed over
// it), so a calendar never reads half a file. Its DTSTAMP is the time of the
// plans' last change, not of the check, so an unchanged schedule is an
// unchanged file.
import { rename, writeFile } from 'node:fs/promises';
import type { DrillPlan } from './drill-plan';
import { drillPlansIcs } from './drill-ics';
import type { Temporal } from './temporal';

export interface DrillIcsFeed {
  readonly path: string;
  update(plans: readonly DrillPlan[], now: Temporal.Instant): Promise<void>;
}

export function drillIcsFeed(path: string, onError: (error: unknown) => void = () => {}): DrillIcsFeed {
  let written: string | null = null;
  return {
    path,
    async update(plans, now) {
      const key = JSON.stringify(plans);
      if (key === written) return;
      try {
        const temporary = `${path}.${process.pid}.tmp`;
        await writeFile(temporary, drillPlansIcs(plans, now), { mode: 0o600 });
        await rename(temporary, path);
        written = key;
      } catch (error) {
        onError(error);
      }
    },
  };
}
