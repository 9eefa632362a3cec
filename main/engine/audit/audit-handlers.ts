// The contract's audit.* handlers: the log's chain verified, its latest
// entries, and a filtered page of it — each read from the file at the call.
import { readFile } from 'node:fs/promises';
import type { HandlerTable } from '../dispatch/dispatch-call';
import type { SecretStore } from '../secrets/secret-store';
import { auditPage, recentAuditEntries } from './audit-entry-view';
import { auditVerifyView, verifyAuditFile } from './verify-audit-file';

export function auditHandlers(auditPath: string, secrets: SecretStore): Pick<HandlerTable, 'audit.verify' | 'audit.recent' | 'audit.page'> {
  return {
    'audit.verify': async () => auditVerifyView(await verifyAuditFile(auditPath, secrets)),
    'audit.recent': async ({ limit }) => recentAuditEntries(await readFile(auditPath, 'utf8'), limit),
    'audit.page': async (query) => auditPage(await readFile(auditPath, 'utf8'), query),
  };
}
