// Which drills deserve a desktop notification now, and which have had one:
// a drill overdue, due, or starting within a day, each told once per
// occurrence (the key names the plan, the occurrence and what was said).
// Pure; the hook around it shows them and remembers what was told.
import type { DrillsScheduleView } from '../../../preload/contract';

export interface DrillNotice {
  key: string;
  title: string;
  body: string;
}

const SOON_MS = 24 * 3_600_000;

export function drillNotices(view: DrillsScheduleView): DrillNotice[] {
  const siteName = (id: string) => view.sites.find((site) => site.id === id)?.name ?? id;
  const now = Date.parse(view.at);
  return view.plans.flatMap((plan): DrillNotice[] => {
    if ((plan.state === 'overdue' || plan.state === 'due') && plan.since) {
      const word = plan.state === 'overdue' ? 'overdue' : 'due';
      return [{ key: `${plan.id}@${plan.since.instant}:${word}`, title: `Drill ${word}: ${plan.title}`, body: `${siteName(plan.site)} · due since ${plan.since.site} · owner ${plan.owner}` }];
    }
    const next = plan.next[0];
    if (plan.state === 'scheduled' && next && Date.parse(next.instant) - now <= SOON_MS && Date.parse(next.instant) >= now) {
      return [{ key: `${plan.id}@${next.instant}:soon`, title: `Drill within a day: ${plan.title}`, body: `${siteName(plan.site)} · ${next.site} · owner ${plan.owner}` }];
    }
    return [];
  });
}

/** The notices not told yet. */
export function untold(notices: DrillNotice[], told: ReadonlySet<string>): DrillNotice[] {
  return notices.filter((notice) => !told.has(notice.key));
}
