// Connects the audit log to the pieces that must be audited: every command
// the scan engine runs, and every host key an operator accepts.
import type { AuditLog } from '../audit/audit-log';
import { sha256Fingerprint } from '../ssh/fingerprint';
import type { HostKeyStore } from '../ssh/host-key-store';
import type { CommandAudit } from './command-audit';

export function commandAuditFor(log: AuditLog): CommandAudit {
  return {
    commandStarted: (start) => log.recordCommandStart(start),
    commandEnded: (startSeq, end) => log.recordCommandEnd(startSeq, end),
  };
}

/** A HostKeyStore whose accept() is recorded in the audit log before it takes effect. */
export function auditedHostKeys(store: HostKeyStore, log: AuditLog): Pick<HostKeyStore, 'check' | 'accept' | 'knownKeyTypes'> {
  return {
    check: (host, port, keyType, keyBlob) => store.check(host, port, keyType, keyBlob),
    knownKeyTypes: (host, port) => store.knownKeyTypes(host, port),
    accept: async (host, port, keyType, keyBlob) => {
      await log.append('hostkey.accept', { address: host, port, keyType, fingerprint: sha256Fingerprint(keyBlob) });
      await store.accept(host, port, keyType, keyBlob);
    },
  };
}
