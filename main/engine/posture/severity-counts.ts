// How many findings of each severity a host has (its summary line, its history).
import type { Severity } from '../../../preload/contract';

export function countBySeverity(findings: { severity: Severity }[]): Partial<Record<Severity, number>> {
  const counts: Partial<Record<Severity, number>> = {};
  for (const finding of findings) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  return counts;
}
