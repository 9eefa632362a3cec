// Retention findings for one host (annex §15: system logs kept 180 days, then
// deleted), from its logrotate or logadm rules, the journal's settings and the oldest
// log files actually on disk: logs deleted too early lose evidence, logs
// kept too long break the promise, and both are findings. Pure.
import { RETENTION_COMMAND_IDS as ids } from '../collectors/retention/retention-commands';
import type { RetentionFacts } from '../collectors/retention/retention-facts';
import type { LogRotationRule } from '../collectors/retention/logrotate-config';
import { wasRead } from '../collectors/parse-result';
import { areaFinding, plural } from './area-finding';
import type { Finding, Severity } from './finding';
import type { HostContext } from './host-context';
import { PROMISED_LOG_RETENTION_DAYS as PROMISE, RETENTION_FINDING_KINDS as kinds, RETENTION_GRACE_DAYS as GRACE, type RetentionFindingKind } from './retention-finding-kinds';

const DAY_MS = 86_400_000;

interface Make {
  kind: RetentionFindingKind;
  severity: Severity;
  title: string;
  detail: string;
  commandIds: string[];
  excerpt: string[];
}

export function retentionFindings(facts: RetentionFacts, context: HostContext): Finding[] {
  const make = (input: Make) => areaFinding({ ...input, area: 'retention', control: 'limitedRetention', host: context.host, dc: context.dc });
  return [...rotationFindings(facts, make), ...journalFindings(facts, make), ...oldLogFindings(facts, context.now, make), ...uncheckedFindings(facts, make)];
}

/** `/etc/logrotate.d/nginx:1 /var/log/nginx/*.log: daily × rotate 365 = 365 days`, `/etc/logadm.conf:3 /var/adm/messages: -p 1w (default) -C 4 = 28 days`. */
export function ruleLine(rule: LogRotationRule): string {
  return `${rule.file}:${rule.line} ${rule.paths.join(' ')}: ${rule.how} = ${rule.keptDays === null ? 'no time bound' : `${rule.keptDays} days`}`;
}

/** The tool whose rules the facts hold, and the command that read them. */
const rotationTool = (facts: RetentionFacts) => (facts.os === 'smartos' ? { name: 'logadm', commandId: ids.logadm } : { name: 'logrotate', commandId: ids.logrotate });

function rotationFindings(facts: RetentionFacts, make: (input: Make) => Finding): Finding[] {
  if (!wasRead(facts.rotation.status)) return [];
  const rules = facts.rotation.value ?? [];
  const tool = rotationTool(facts);
  const short = rules.filter((rule) => rule.keptDays !== null && rule.keptDays < PROMISE);
  const long = rules.filter((rule) => rule.keptDays !== null && rule.keptDays > PROMISE + GRACE);
  const unbounded = rules.filter((rule) => rule.keptDays === null);
  const commandIds = [tool.commandId];
  const findings: Finding[] = [];
  if (short.length > 0) {
    findings.push(
      make({
        kind: kinds.rotationTooShort,
        severity: 'medium',
        title: `${plural(short.length, 'log rule')} delete logs before ${PROMISE} days`,
        detail: `${tool.name} keeps ${short.map((rule) => rule.paths[0]).join(', ')} for less than the ${PROMISE} days the annex promises: evidence of activity is gone when a user reports a problem.`,
        commandIds,
        excerpt: short.map(ruleLine),
      }),
    );
  }
  if (long.length > 0) {
    findings.push(
      make({
        kind: kinds.rotationTooLong,
        severity: 'medium',
        title: `${plural(long.length, 'log rule')} keep logs longer than ${PROMISE} days`,
        detail: `${tool.name} keeps ${long.map((rule) => `${rule.paths[0]} ${rule.keptDays} days`).join(', ')}: the annex promises system logs are deleted after ${PROMISE} days.`,
        commandIds,
        excerpt: long.map(ruleLine),
      }),
    );
  }
  if (unbounded.length > 0) {
    findings.push(
      make({
        kind: kinds.rotationUnbounded,
        severity: 'low',
        title: `${plural(unbounded.length, 'log rule')} with no time bound`,
        detail: 'Rotated by size only, never rotated, or never expired: how long these logs are kept depends on how fast they grow, not on the promise.',
        commandIds,
        excerpt: unbounded.map(ruleLine),
      }),
    );
  }
  return findings;
}

function journalFindings(facts: RetentionFacts, make: (input: Make) => Finding): Finding[] {
  if (!facts.journald || !wasRead(facts.journald.status) || !facts.journald.value) return [];
  const journal = facts.journald.value;
  if (journal.storage === 'volatile' || journal.storage === 'none') return [];
  const excerpt = [`Storage=${journal.storage}`, `MaxRetentionSec=${journal.maxRetentionText ?? '(unset)'}`, `SystemMaxUse=${journal.systemMaxUse ?? '(unset)'}`];
  const commandIds = [ids.journald];
  if (journal.maxRetentionDays === null) {
    return [
      make({
        kind: kinds.journalNoTimeLimit,
        severity: 'medium',
        title: 'Journal kept with no time limit',
        detail: `journald keeps the journal on disk (Storage=${journal.storage}${journal.storage === 'auto' ? ': on disk when /var/log/journal exists, as Debian creates it' : ''}) without MaxRetentionSec: it is deleted when it fills SystemMaxUse, which may be after far more or far fewer than ${PROMISE} days. MaxRetentionSec=${PROMISE}day keeps the promise.`,
        commandIds,
        excerpt,
      }),
    ];
  }
  const days = journal.maxRetentionDays;
  if (days >= PROMISE && days <= PROMISE + GRACE) return [];
  return [
    make({
      kind: kinds.journalRetention,
      severity: 'medium',
      title: `Journal kept ${Math.round(days)} days, not ${PROMISE}`,
      detail:
        days < PROMISE
          ? `MaxRetentionSec deletes the journal before the ${PROMISE} days the annex promises.`
          : `MaxRetentionSec keeps the journal beyond the ${PROMISE} days after which the annex promises deletion.`,
      commandIds,
      excerpt,
    }),
  ];
}

function oldLogFindings(facts: RetentionFacts, now: Date, make: (input: Make) => Finding): Finding[] {
  if (!wasRead(facts.oldestLogs.status)) return [];
  const ageDays = (modified: string) => Math.floor((now.getTime() - Date.parse(modified)) / DAY_MS);
  const old = (facts.oldestLogs.value ?? []).filter((file) => ageDays(file.modified) > PROMISE + GRACE);
  if (old.length === 0) return [];
  return [
    make({
      kind: kinds.oldLogsOnDisk,
      severity: 'medium',
      title: `Logs on disk ${ageDays(old[0]!.modified)} days old`,
      detail: `${plural(old.length, 'file')} under ${facts.os === 'smartos' ? '/var/adm and /var/log' : '/var/log'} last written more than ${PROMISE + GRACE} days ago (the oldest, ${old[0]!.path}, ${ageDays(old[0]!.modified)} days): whatever the rules say, these logs outlive the ${PROMISE}-day promise.`,
      commandIds: [ids.oldestLogs],
      excerpt: old.map((file) => `${file.modified} ${file.path} (${ageDays(file.modified)} days)`),
    }),
  ];
}

function uncheckedFindings(facts: RetentionFacts, make: (input: Make) => Finding): Finding[] {
  const tool = rotationTool(facts);
  const sources: Array<[string, string, { status: string; message: string | null } | null]> = [
    [tool.commandId, `${tool.name} rules`, facts.rotation],
    [ids.journald, 'journald settings', facts.journald],
    [ids.oldestLogs, facts.os === 'smartos' ? 'the oldest files under /var/adm and /var/log' : 'the oldest files under /var/log', facts.oldestLogs],
  ];
  const unread = sources.filter((source): source is [string, string, { status: string; message: string | null }] => source[2] !== null && !wasRead(source[2].status));
  if (unread.length === 0) return [];
  return [
    make({
      kind: kinds.retentionUnchecked,
      severity: 'low',
      title: `Log retention not fully checked: ${unread.map(([, what]) => what).join(', ')} not read`,
      detail: 'How long these logs are kept is not known on this host; the excerpt says why for each.',
      commandIds: unread.map(([id]) => id),
      excerpt: unread.map(([, what, source]) => `${what}: ${source.status}${source.message ? ` (${source.message})` : ''}`),
    }),
  ];
}
