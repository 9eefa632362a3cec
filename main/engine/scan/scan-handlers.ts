// The contract's scan.* handlers: start a scan of a scope (its start and end
// in the audit log), cancel it, and the scan in progress with the operator
// questions waiting. The end's audit entry is written after the call has
// returned: it is handed to `afterCall` so the engine waits for it on dispose.
import { isConnectionLost } from '../store/connection-lost';
import type { HandlerTable } from '../dispatch/dispatch-call';
import { EngineError } from '../dispatch/engine-error';
import type { AuditLog } from '../audit/audit-log';
import { errorMessage } from '../errors/error-message';
import type { FleetService } from '../fleet/fleet-service';
import type { UiPromptBroker } from '../operator/ui-prompt-broker';
import type { ScanRecords } from './scan-records';
import type { ScanService } from './scan-service';

export interface ScanHandlerDeps {
  fleet: FleetService;
  scans: ScanService;
  audit: AuditLog;
  broker: UiPromptBroker;
  /** A problem met after the call returned, for the front end to show. */
  notice(message: string): void;
  /** Work that outlives the call (the end's audit entry): the engine awaits it on dispose. */
  afterCall(work: Promise<unknown>): void;
  keepDataDirPrivate(): Promise<unknown>;
  /** On a team store: the fleet recorded before the scan, the audit log's head anchored after it. */
  records: ScanRecords | null;
}

export function scanHandlers(deps: ScanHandlerDeps): Pick<HandlerTable, 'scan.start' | 'scan.cancel' | 'scan.current'> {
  const { fleet, scans, audit, broker, notice } = deps;
  return {
    'scan.start': async ({ scope }) => {
      const targets = fleet.targets(scope);
      if (targets.length === 0) throw new EngineError('not-found', 'the scope holds no hosts');
      // A team store that cannot be reached does not stop the scan: its results wait in the outbox.
      await deps.records?.recordFleet().catch((error: unknown) => {
        if (!isConnectionLost(error)) throw error;
        notice(`team store: the fleet of this scan is not recorded (${errorMessage(error)})`);
      });
      const run = scans.start(targets, scope);
      await audit.append('scan.start', { runId: run.runId, scope, total: run.total, fleet: fleet.source.label });
      deps.afterCall(
        run.done.then((outcome) =>
          audit
            .append('scan.end', {
              runId: outcome.runId,
              ok: outcome.results.filter((result) => result.phase === 'done').length,
              failed: outcome.results.filter((result) => result.phase !== 'done').length,
              cancelled: outcome.cancelled,
            })
            .then((entry) =>
              deps.records?.anchorAuditLog(entry).catch((error: unknown) => notice(`team store: the audit log anchor after scan ${outcome.runId} was not recorded (${errorMessage(error)})`)),
            )
            .catch((error: unknown) => notice(`audit log: the end of scan ${outcome.runId} could not be recorded (${errorMessage(error)})`))
            .then(deps.keepDataDirPrivate)
            .catch((error: unknown) => notice(`data folder: ${errorMessage(error)}`)),
        ),
      );
      return { runId: run.runId, total: run.total };
    },
    'scan.cancel': async ({ runId }) => {
      const cancelled = scans.cancel(runId);
      if (cancelled) broker.declineAll();
      return { cancelled };
    },
    'scan.current': () => ({ run: scans.current(), prompts: broker.openPrompts() }),
  };
}
