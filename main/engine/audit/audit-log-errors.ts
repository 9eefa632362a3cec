// Typed errors of the audit log, each telling the operator what to do next.
import type { AuditVerifyFailure } from './verify-audit-log';

export class AuditLogBrokenError extends Error {
  override readonly name = 'AuditLogBrokenError';
  readonly code = 'audit-log-broken';
  constructor(
    readonly path: string,
    readonly result: AuditVerifyFailure,
  ) {
    const { seq, line } = result.brokenAt;
    super(
      `audit log ${path} fails verification at line ${line}${seq === null ? '' : ` (entry ${seq})`}: ${result.reason}. ` +
        'OpsDeck will not append to it; run "opsdeck audit verify", keep a copy of the file for investigation, ' +
        'and move it aside to start a new log (for a keyed log, also remove its key: keychain service OpsDeck, account audit-key:<path>).',
    );
  }
}

export class AuditLogBusyError extends Error {
  override readonly name = 'AuditLogBusyError';
  readonly code = 'audit-log-busy';
  constructor(
    readonly path: string,
    readonly pid: number,
  ) {
    super(`audit log ${path} is in use by process ${pid} (another OpsDeck window or CLI); close it first. ` + `If no such process is running, remove ${path}.lock.`);
  }
}

export class AuditLogWriteError extends Error {
  override readonly name = 'AuditLogWriteError';
  readonly code = 'audit-log-write-failed';
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(
      `cannot write to audit log ${path}: ${cause instanceof Error ? cause.message : String(cause)}. ` +
        'No further actions can be recorded (so none may run) until the problem (disk space, permissions) ' +
        'is fixed and OpsDeck reopens the log.',
      { cause },
    );
  }
}
