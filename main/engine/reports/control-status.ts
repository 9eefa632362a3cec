// Per control and per site, a status in words: holds, at risk, broken, or
// not checked. Pure: the report's inputs are read elsewhere (report-inputs.ts).
// A control never holds on missing data: no host of the site with a fresh read
// of the control's areas (or no audit verification, no drill run) is
// "not checked", and a site only partly read is at best "at risk".
import type { FindingView, PostureArea, Severity } from '../../../preload/contract';
import type { ControlSiteStatusView, ControlStatus, ControlStatusView, ReportSiteView } from '../../../preload/report-views';
import { CONTROLS, type ControlId } from '../posture/finding';
import { areasOfControl, CHECK_CONTROLS, CONTROL_ORDER, controlOfFinding } from './controls-map';

export interface HostRead {
  host: string;
  dc: string;
  finishedAt: string;
  areas: PostureArea[];
}

/** A verdict that is not a scan finding: the audit chain, a drill run. */
export interface CheckVerdict {
  status: ControlStatus;
  detail: string;
  at: string | null;
}

export interface ControlStatusInputs {
  now: Date;
  maxDataAgeHours: number;
  sites: ReportSiteView[];
  /** Each inventory host's newest answered scan; hosts never answered are absent. */
  reads: HostRead[];
  findings: FindingView[];
  /** Per check id (CHECK_CONTROLS) and site id. */
  checks: Partial<Record<keyof typeof CHECK_CONTROLS, Record<string, CheckVerdict>>>;
}

// not-checked outranks holds: one unchecked source keeps a control from holding.
const STATUS_RANK: Record<ControlStatus, number> = { holds: 0, 'not-checked': 1, 'at-risk': 2, broken: 3 };

const NOTHING_RECORDED: Record<keyof typeof CHECK_CONTROLS, string> = {
  'audit.chain': 'the audit log has not been verified',
  'drills.site-failover': 'no site-failover drill run recorded yet',
};

export function worstStatus(statuses: ControlStatus[]): ControlStatus {
  return statuses.reduce<ControlStatus>((worst, status) => (STATUS_RANK[status] > STATUS_RANK[worst] ? status : worst), 'holds');
}

export function emptySeverityCounts(): Record<Severity, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

export function controlStatuses(inputs: ControlStatusInputs): ControlStatusView[] {
  const fresh = freshReads(inputs);
  return CONTROL_ORDER.map((control) => {
    const areas = areasOfControl(control);
    const checks = (Object.keys(CHECK_CONTROLS) as (keyof typeof CHECK_CONTROLS)[]).filter((check) => CHECK_CONTROLS[check] === control);
    const findings = inputs.findings.filter((finding) => controlOfFinding(finding) === control);
    return {
      control,
      section: CONTROLS[control].section,
      title: CONTROLS[control].title,
      sources: [...areas, ...checks],
      sites: inputs.sites.map((site) => {
        const fromScans =
          areas.length > 0
            ? scanStatus(
                site,
                areas,
                fresh,
                inputs,
                findings.filter((finding) => finding.dc === site.id),
              )
            : null;
        const fromChecks = checks.map((check) => inputs.checks[check]?.[site.id] ?? { status: 'not-checked' as const, detail: NOTHING_RECORDED[check], at: null });
        return combine(site, fromScans, fromChecks);
      }),
    };
  });
}

function freshReads(inputs: ControlStatusInputs): HostRead[] {
  const oldest = inputs.now.getTime() - inputs.maxDataAgeHours * 3_600_000;
  return inputs.reads.filter((read) => Date.parse(read.finishedAt) >= oldest);
}

function scanStatus(site: ReportSiteView, areas: PostureArea[], fresh: HostRead[], inputs: ControlStatusInputs, findings: FindingView[]): ControlSiteStatusView {
  const readsOfSite = inputs.reads.filter((read) => read.dc === site.id && read.areas.some((area) => areas.includes(area)));
  const checked = fresh.filter((read) => read.dc === site.id && read.areas.some((area) => areas.includes(area)));
  const newestDataAt = newest(readsOfSite.map((read) => read.finishedAt));
  const counts = emptySeverityCounts();
  const checkedHosts = new Set(checked.map((read) => read.host));
  for (const finding of findings) if (checkedHosts.has(finding.host)) counts[finding.severity]++;
  const base = { dc: site.id, hosts: site.hosts, hostsChecked: checked.length, findings: counts, newestDataAt };
  if (checked.length === 0) {
    const reason = newestDataAt ? `no data newer than ${inputs.maxDataAgeHours} h (newest ${newestDataAt})` : `no ${areas.join(' or ')} data collected at this site`;
    return { ...base, status: 'not-checked', reason };
  }
  const serious = counts.critical + counts.high;
  const minor = counts.medium + counts.low;
  const unchecked = site.hosts - checked.length;
  const parts = [...countWords(counts), ...(unchecked > 0 ? [`${unchecked} of ${site.hosts} hosts not checked`] : [])];
  const status: ControlStatus = serious > 0 ? 'broken' : minor > 0 || unchecked > 0 ? 'at-risk' : 'holds';
  return { ...base, status, reason: parts.length > 0 ? parts.join(', ') : `${checked.length} of ${site.hosts} hosts checked, no finding` };
}

function combine(site: ReportSiteView, fromScans: ControlSiteStatusView | null, fromChecks: CheckVerdict[]): ControlSiteStatusView {
  const base: ControlSiteStatusView = fromScans ?? {
    dc: site.id,
    status: 'holds',
    reason: '',
    hosts: site.hosts,
    hostsChecked: 0,
    findings: emptySeverityCounts(),
    newestDataAt: null,
  };
  if (fromChecks.length === 0) return base;
  const statuses = [...(fromScans ? [fromScans.status] : []), ...fromChecks.map((check) => check.status)];
  const reasons = [...(fromScans ? [fromScans.reason] : []), ...fromChecks.map((check) => check.detail)];
  return {
    ...base,
    status: worstStatus(statuses),
    reason: reasons.filter(Boolean).join('; '),
    newestDataAt: newest([base.newestDataAt, ...fromChecks.map((check) => check.at)]),
  };
}

function countWords(counts: Record<Severity, number>): string[] {
  return (['critical', 'high', 'medium', 'low'] as const).filter((severity) => counts[severity] > 0).map((severity) => `${counts[severity]} ${severity}`);
}

export function newest(times: (string | null)[]): string | null {
  let best: string | null = null;
  for (const time of times) if (time && (!best || Date.parse(time) > Date.parse(best))) best = time;
  return best;
}

export type { ControlId };
