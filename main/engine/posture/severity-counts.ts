// How many findings of each severity a host has (its summary line, its history),
// and per host for one area (the fleet views' rows).
import type { PostureArea, Severity } from '../../../preload/contract';

export function countBySeverity(findings: { severity: Severity }[]): Partial<Record<Severity, number>> {
  const counts: Partial<Record<Severity, number>> = {};
  for (const finding of findings) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  return counts;
}

/** Per host, how many of its findings in `area` there are of each severity. */
export function countBySeverityPerHost(findings: { host: string; area: PostureArea; severity: Severity }[], area: PostureArea): Map<string, Partial<Record<Severity, number>>> {
  const perHost = new Map<string, Partial<Record<Severity, number>>>();
  for (const finding of findings) {
    if (finding.area !== area) continue;
    const counts = perHost.get(finding.host) ?? {};
    counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
    perHost.set(finding.host, counts);
  }
  return perHost;
}
