// The status report's plain data, as the engine hands it to the status page,
// the HTML/CSV/JSON report and the evidence pack (types only; re-exported by
// contract.ts, which names the methods).
import type { FindingView, Severity } from './contract';

/** Never "holds" on missing or stale data: that is "not-checked". */
export type ControlStatus = 'holds' | 'at-risk' | 'broken' | 'not-checked';

export interface ControlSiteStatusView {
  dc: string;
  status: ControlStatus;
  /** Why, in words ("2 high findings", "no data newer than 7 days"). */
  reason: string;
  hosts: number;
  /** Hosts whose newest answered scan is fresh and read one of the control's areas. */
  hostsChecked: number;
  findings: Record<Severity, number>;
  /** When the newest data behind this control at this site was read; null when never. */
  newestDataAt: string | null;
}

export interface ControlStatusView {
  control: string;
  section: string;
  title: string;
  /** What feeds it: scan areas and checks (audit.chain, drills.site-failover). */
  sources: string[];
  sites: ControlSiteStatusView[];
}

export interface TrendPointView {
  runId: string;
  at: string;
  dc: string;
  /** Findings above info per control in that scan, and in total. */
  byControl: Record<string, number>;
  problems: number;
  hostsAnswered: number;
}

export interface ScorecardItemView {
  id: 'kernel-parity' | 'firewall-parity' | 'encryption-parity' | 'backup-freshness' | 'site-failover-drill';
  title: string;
  status: ControlStatus;
  detail: string;
}

export interface ReportSiteView {
  id: string;
  name: string;
  role: 'primary' | 'secondary';
  hosts: number;
}

export interface StatusReportView {
  generatedAt: string;
  fleet: string;
  simulated: boolean;
  since: string | null;
  /** Data older than this many hours does not count (the control is "not checked"). */
  maxDataAgeHours: number;
  sites: ReportSiteView[];
  controls: ControlStatusView[];
  trend: TrendPointView[];
  scorecard: ScorecardItemView[];
  /** Worst first (severity, then host). */
  worstFindings: (FindingView & { firstSeen: string | null })[];
  newestDataAt: string | null;
  audit: { status: ControlStatus; detail: string; anchor: { seq: number; hash: string } | null };
  /** Worst status over every control and site: the report command's exit code follows it. */
  overall: ControlStatus;
}
