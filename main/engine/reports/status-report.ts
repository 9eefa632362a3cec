// Builds the status report: reads what it needs (ReportStore, restore tests,
// the audit verdict, drill runs) and hands plain data to the pure steps
// (control-status, scan-trend, dr-scorecard). One builder serves the status
// page, the report command and the evidence pack.
import type { FindingView } from '../../../preload/contract';
import type { ControlStatus, ReportSiteView, StatusReportView } from '../../../preload/report-views';
import type { Inventory } from '../inventory/inventory-schema';
import { restoreTestFindings } from '../posture/restore-test-findings';
import { SEVERITY_ORDER } from '../posture/finding';
import type { ReportStore } from '../store/report-store';
import type { RestoreTestStore } from '../store/restore-test-store';
import { controlStatuses, newest, worstStatus, type CheckVerdict } from './control-status';
import { drScorecard } from './dr-scorecard';
import { failoverDrillVerdicts, SITE_FAILOVER_KIND } from './failover-drill';
import { scanTrend } from './scan-trend';

export const DEFAULT_MAX_DATA_AGE_HOURS = 7 * 24;
export const TREND_RUNS = 30;
export const WORST_FINDINGS = 20;

export interface AuditVerdict {
  status: ControlStatus;
  detail: string;
  anchor: { seq: number; hash: string } | null;
  at: string | null;
}

export interface StatusReportSources {
  reports: ReportStore;
  restoreTests: RestoreTestStore;
  /** The fleet in use when the report is built: its inventory, label and whether it is the simulated demo. */
  fleet: () => { inventory: Inventory | null; label: string; simulated: boolean };
  audit: () => Promise<AuditVerdict>;
  now: () => Date;
}

export interface StatusReportOptions {
  since?: string | null;
  dc?: string | null;
  maxDataAgeHours?: number;
}

/** Findings in the report, with the run that found them (for evidence ids). */
export type ReportFinding = FindingView & { firstSeen: string | null; runId: string | null };

export interface StatusReportData {
  view: StatusReportView;
  findings: ReportFinding[];
}

export async function buildStatusReport(sources: StatusReportSources, options: StatusReportOptions = {}): Promise<StatusReportData> {
  const now = sources.now();
  const maxDataAgeHours = options.maxDataAgeHours ?? DEFAULT_MAX_DATA_AGE_HOURS;
  const fleet = sources.fleet();
  const inventory = fleet.inventory;
  const inScope = (dc: string) => !options.dc || dc === options.dc;
  const sites: ReportSiteView[] = (inventory?.datacentres ?? [])
    .filter((site) => inScope(site.id))
    .map((site) => ({ id: site.id, name: site.name, role: site.role, hosts: inventory!.hosts.filter((host) => host.dc === site.id).length }));
  const hostNames = new Set((inventory?.hosts ?? []).filter((host) => inScope(host.dc)).map((host) => host.name));

  const reads = await sources.reports.latestReads([...hostNames]);
  const latest = await sources.reports.latestFindings([...hostNames]);
  const firstSeen = await sources.reports.firstSeen();
  const restoreFindings = restoreTestFindings(await sources.restoreTests.latestPerHost()).filter((finding) => hostNames.has(finding.host));
  const findings: ReportFinding[] = [
    ...latest.flatMap((row) => row.findings.map((finding) => ({ ...finding, firstSeen: firstSeen.get(finding.id) ?? row.finishedAt, runId: row.runId }))),
    ...restoreFindings.map((finding) => ({ ...finding, firstSeen: null, runId: null })),
  ];

  const audit = await sources.audit();
  const drills = failoverDrillVerdicts(await sources.reports.finishedDrillRuns(SITE_FAILOVER_KIND, 20));
  const auditBySite: Record<string, CheckVerdict> = Object.fromEntries(sites.map((site) => [site.id, { status: audit.status, detail: `audit log: ${audit.detail}`, at: audit.at }]));
  const controls = controlStatuses({ now, maxDataAgeHours, sites, reads, findings, checks: { 'audit.chain': auditBySite, 'drills.site-failover': drills.bySite } });

  const oldest = now.getTime() - maxDataAgeHours * 3_600_000;
  const fresh = reads.filter((read) => Date.parse(read.finishedAt) >= oldest);
  const trendData = await sources.reports.trendRows(options.since ?? null, TREND_RUNS);
  const siteIds = sites.map((site) => site.id);
  const trend = scanTrend(
    trendData.rows.filter((row) => inScope(row.dc)),
    trendData.answered.filter((row) => inScope(row.dc)),
    siteIds,
  );

  const view: StatusReportView = {
    generatedAt: now.toISOString(),
    fleet: fleet.label,
    simulated: fleet.simulated,
    since: options.since ?? null,
    maxDataAgeHours,
    sites,
    controls,
    trend,
    scorecard: drScorecard({ sites, reads: fresh, findings, failoverDrill: drills.newest }),
    worstFindings: worstFirst(findings.filter((finding) => finding.severity !== 'info'))
      .slice(0, WORST_FINDINGS)
      .map(({ runId: _runId, ...finding }) => finding),
    newestDataAt: newest(reads.map((read) => read.finishedAt)),
    audit: { status: audit.status, detail: audit.detail, anchor: audit.anchor },
    overall: worstStatus(controls.flatMap((control) => control.sites.map((site) => site.status))),
  };
  return { view, findings: worstFirst(findings) };
}

export function worstFirst<T extends FindingView>(findings: T[]): T[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.dc.localeCompare(b.dc) || a.host.localeCompare(b.host) || a.id.localeCompare(b.id));
}
