// The kinds of retention finding (annex §15: system logs are kept 180 days,
// then deleted). Ids are `retention.<kind>:<host>`: one finding per kind and
// host, naming every log rule it concerns.
export const RETENTION_FINDING_KINDS = {
  /** logrotate or logadm deletes some logs before 180 days: evidence the annex promises to keep is lost. */
  rotationTooShort: 'rotation-too-short',
  /** logrotate or logadm keeps some logs well beyond 180 days: the annex promises they are deleted. */
  rotationTooLong: 'rotation-too-long',
  /** A log rotated by size only, or without a count: how long it is kept cannot be told. */
  rotationUnbounded: 'rotation-unbounded',
  /** The journal is kept on disk with no time limit (MaxRetentionSec unset): it is deleted by size, not age. */
  journalNoTimeLimit: 'journal-no-time-limit',
  /** The journal's MaxRetentionSec is shorter or longer than the promise. */
  journalRetention: 'journal-retention',
  /** A log file (under /var/log, on SmartOS also /var/adm) last written longer ago than the promise allows. */
  oldLogsOnDisk: 'old-logs-on-disk',
  /** A source could not be read (or is not read on this OS): retention is not checked. */
  retentionUnchecked: 'retention-unchecked',
} as const;

export type RetentionFindingKind = (typeof RETENTION_FINDING_KINDS)[keyof typeof RETENTION_FINDING_KINDS];

/** What the annex promises: system logs kept this many days, then deleted. */
export const PROMISED_LOG_RETENTION_DAYS = 180;
/**
 * How far past the promise a log may live before it is a finding: rotation
 * deletes at its next run, so a log kept "26 weeks" (182 days) or "6 months"
 * (186 days) holds the promise; one kept a year does not.
 */
export const RETENTION_GRACE_DAYS = 14;
