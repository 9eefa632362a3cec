// Severities from worst to least, and a host's worst one: one order for the
// legend, the tables and the fleet's "problems first".
import type { Severity } from '../../preload/contract';

export const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** The worst severity with a count above zero (info only when there is nothing else), or null. */
export function worstSeverity(counts: Partial<Record<Severity, number>>): Severity | null {
  return SEVERITIES.find((severity) => (counts[severity] ?? 0) > 0) ?? null;
}

/** Findings that ask for action: every severity but info. */
export function actionableCount(counts: Partial<Record<Severity, number>>): number {
  return SEVERITIES.filter((severity) => severity !== 'info').reduce((sum, severity) => sum + (counts[severity] ?? 0), 0);
}

/** The rank of the worst of these findings (0 critical … 4 info; SEVERITIES.length when none), to sort problems first. */
export function worstRank(findings: readonly { severity: Severity }[]): number {
  return Math.min(...findings.map((finding) => SEVERITY_RANK[finding.severity]), SEVERITIES.length);
}
