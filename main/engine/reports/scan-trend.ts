// The trend over the stored scan history: per scan run and site, how many
// findings above info each control had. Pure; the store sums the rows
// (ReportStore.trendRows) so 30 scans of 1,000 hosts never come into memory.
import type { TrendPointView } from '../../../preload/report-views';
import { FINDING_KIND_CONTROLS } from './controls-map';

export interface TrendRow {
  runId: string;
  at: string;
  dc: string;
  /** `<area>.<kind>`; null on a row that only carries the count of hosts that answered. */
  kind: string | null;
  count: number;
}

/** Oldest scan first; within a scan, sites in the order given. */
export function scanTrend(rows: TrendRow[], hostsAnswered: { runId: string; at: string; dc: string; hosts: number }[], siteOrder: string[]): TrendPointView[] {
  const points = new Map<string, TrendPointView>();
  const pointOf = (runId: string, at: string, dc: string) => {
    const key = `${runId}\u0000${dc}`;
    let point = points.get(key);
    if (!point) {
      point = { runId, at, dc, byControl: {}, problems: 0, hostsAnswered: 0 };
      points.set(key, point);
    }
    return point;
  };
  for (const row of rows) {
    const point = pointOf(row.runId, row.at, row.dc);
    if (row.kind === null) continue;
    const control = FINDING_KIND_CONTROLS[row.kind] ?? 'unmapped';
    point.byControl[control] = (point.byControl[control] ?? 0) + row.count;
    point.problems += row.count;
  }
  for (const answered of hostsAnswered) pointOf(answered.runId, answered.at, answered.dc).hostsAnswered = answered.hosts;
  const siteRank = (dc: string) => (siteOrder.includes(dc) ? siteOrder.indexOf(dc) : siteOrder.length);
  return [...points.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.runId.localeCompare(b.runId) || siteRank(a.dc) - siteRank(b.dc));
}
