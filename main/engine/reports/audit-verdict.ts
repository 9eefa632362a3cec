// The audit log's verification as a control verdict (Annex 2 §8): holds when
// the chain and every MAC verify; at risk when the chain holds but its MACs
// could not be checked here (forged appends not ruled out); broken when the
// chain is broken; not checked when the log cannot be read.
import type { AuditFileVerdict } from '../audit/verify-audit-file';
import type { AuditVerdict } from './status-report';

export function auditVerdict(verdict: AuditFileVerdict | { readError: string }, at: string): AuditVerdict {
  if ('readError' in verdict) return { status: 'not-checked', detail: `cannot read the audit log: ${verdict.readError}`, anchor: null, at: null };
  const { result } = verdict;
  if (!result.ok) {
    return { status: 'broken', detail: `chain broken at entry ${result.brokenAt.seq ?? '?'} (line ${result.brokenAt.line}): ${result.reason}`, anchor: null, at };
  }
  const anchor = { seq: result.entries, hash: result.lastHash };
  if (verdict.keying === 'keyed') return { status: 'holds', detail: `${result.entries} entries, chain and MACs verify`, anchor, at };
  return { status: 'at-risk', detail: `${result.entries} entries, chain intact, MACs not checked: ${verdict.keyingNote}`, anchor, at };
}
