// `auditctl -s` (is the audit daemon running and auditing enabled) and
// `auditctl -l` (the loaded rules) → whether privileged commands are audited
// (§8: administrator access strictly logged). Pure.
import { commonFailure, parsedFailure, parsedOk, refuseInput, unreadableOutput, type Parsed } from '../parse-result';

export interface AuditStatus {
  /** `enabled` 1 or 2 (2 = locked): the kernel audits. */
  enabled: boolean;
  /** The audit daemon's pid; 0 when no daemon receives the events. */
  pid: number;
}

export function parseAuditctlStatus(stdout: string, stderr = '', exitCode: number | null = 0): Parsed<AuditStatus> {
  const refused = refuseInput(stdout, 'auditctl -s');
  if (refused) return refused;
  const failure = commonFailure('auditctl', exitCode, stderr);
  if (failure) return failure;
  const field = (name: string) => new RegExp(`^${name} (\\d+)`, 'm').exec(stdout)?.[1];
  const enabled = field('enabled');
  const pid = field('pid');
  if (exitCode !== 0 || enabled === undefined || pid === undefined) {
    return parsedFailure('unparsed', `auditctl -s did not report "enabled" and "pid" (exit ${exitCode}): ${(stderr.trim() || stdout.trim()).split('\n')[0] || 'no output'}`);
  }
  return parsedOk({ enabled: enabled !== '0', pid: Number(pid) });
}

export interface AuditRules {
  rules: string[];
  /** The rules that record privileged commands (execve as root, or execution of sudo/su/pkexec). */
  privilegedCommandRules: string[];
}

const EXECVE_AS_ROOT = /-S (\S+,)*execve\b.*-F (e?uid|auid)(=|!=)\S*/;
const PRIVILEGED_TOOL_EXECUTION = /(-w |-F path=)\S*\/(sudo|su|pkexec|doas)\b.*(-p \S*x|-F perm=\S*x)/;

export function isPrivilegedCommandRule(rule: string): boolean {
  return EXECVE_AS_ROOT.test(rule) || PRIVILEGED_TOOL_EXECUTION.test(rule);
}

export function parseAuditctlRules(stdout: string, stderr = '', exitCode: number | null = 0): Parsed<AuditRules> {
  const unreadable = unreadableOutput('auditctl', 'auditctl -l', stdout, stderr, exitCode);
  if (unreadable) return unreadable;
  const lines = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 1 && lines[0] === 'No rules') return parsedOk({ rules: [], privilegedCommandRules: [] });
  const notRules = lines.filter((line) => !line.startsWith('-'));
  if (notRules.length > 0) return parsedFailure('unparsed', `not auditctl -l output: ${JSON.stringify(notRules[0]!.slice(0, 80))} is not a rule`);
  return parsedOk({ rules: lines, privilegedCommandRules: lines.filter(isPrivilegedCommandRule) });
}
