// Typed errors of the audit log, each telling the operator what to do next.
import { FileError } from '../errors/file-error';
import type { AuditVerifyFailure } from './verify-audit-log';

export class AuditLogBrokenError extends FileError<'audit-log-broken'> {
  override readonly name = 'AuditLogBrokenError';
  constructor(
    path: string,
    readonly result: AuditVerifyFailure,
  ) {
    const { seq, line } = result.brokenAt;
    super(
      'audit-log-broken',
      path,
      `audit log ${path} fails verification at line ${line}${seq === null ? '' : ` (entry ${seq})`}: ${result.reason}. ` +
        'OpsDeck will not append to it; run "opsdeck audit verify", keep a copy of the file for investigation, ' +
        'and move it aside to start a new log (for a keyed log, also remove its key: keychain service OpsDeck, account audit-key:<path>).',
    );
  }
}

export class AuditLogBusyError extends FileError<'audit-log-busy'> {
  override readonly name = 'AuditLogBusyError';
  constructor(
    path: string,
    readonly pid: number,
  ) {
    super('audit-log-busy', path, `audit log ${path} is in use by process ${pid} (another OpsDeck window or CLI); close it first. ` + `If no such process is running, remove ${path}.lock.`);
  }
}

export class AuditLogWriteError extends FileError<'audit-log-write-failed'> {
  override readonly name = 'AuditLogWriteError';
  constructor(path: string, cause: unknown) {
    super(
      'audit-log-write-failed',
      path,
      `cannot write to audit log ${path}: ${cause instanceof Error ? cause.message : String(cause)}. ` +
        'No further actions can be recorded (so none may run) until the problem (disk space, permissions) ' +
        'is fixed and OpsDeck reopens the log.',
      { cause },
    );
  }
}
