// Each host's stored facts of one area, typed for the contract: the engine's
// facts type is checked against the contract's view at compile time (each
// `*FactsView` below must accept it), and facts stored by an engine version
// without the area's model are left out instead of reaching a page.
import type { AccessFactsView, AreaHostView, BackupFactsView, EncryptionFactsView, HostFactsView, PatchFactsView, PostureArea, TransportFactsView } from '../../../preload/contract';
import type { AccessFacts } from '../collectors/access/access-facts';
import type { BackupFacts } from '../collectors/backups/backup-facts';
import type { EncryptionFacts } from '../collectors/encryption/encryption-model';
import type { PatchFacts } from '../collectors/patches/patch-facts';
import type { TransportFacts } from '../collectors/transport/transport-facts';
import type { FirstSeenMap } from '../posture/patch-first-seen';

type StoredRow = { host: string; dc: string; facts: unknown };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isHostOs = (value: unknown) => value === 'debian' || value === 'smartos';

function isPatchFacts(facts: unknown): facts is PatchFacts & { firstSeen?: FirstSeenMap } {
  return isObject(facts) && isHostOs(facts.os) && Array.isArray(facts.pendingUpdates) && Array.isArray(facts.vulnerablePackages) && isObject(facts.reboot) && isObject(facts.packageIndex);
}

function isAccessFacts(facts: unknown): facts is AccessFacts {
  return isObject(facts) && isHostOs(facts.os) && isObject(facts.accounts) && isObject(facts.keys) && isObject(facts.sshd);
}

function isTransportFacts(facts: unknown): facts is TransportFacts {
  return isObject(facts) && isHostOs(facts.os) && Array.isArray(facts.services) && (facts.notProbed === null || typeof facts.notProbed === 'string');
}

function isBackupFacts(facts: unknown): facts is BackupFacts {
  return isObject(facts) && Array.isArray(facts.jobs);
}

function isEncryptionFacts(facts: unknown): facts is EncryptionFacts {
  return isObject(facts) && isHostOs(facts.os) && Array.isArray(facts.volumes) && Array.isArray(facts.deviceTree) && Array.isArray(facts.checks);
}

function viewsOf<F, V>(rows: StoredRow[], guard: (facts: unknown) => facts is F, view: (facts: F) => V): AreaHostView<V>[] {
  return rows.flatMap(({ host, dc, facts }) => (guard(facts) ? [{ host, dc, facts: view(facts) }] : []));
}

export const patchHostViews = (rows: StoredRow[]) => viewsOf(rows, isPatchFacts, (facts) => patchView(facts));
export const accessHostViews = (rows: StoredRow[]) => viewsOf(rows, isAccessFacts, (facts) => accessView(facts));
export const backupHostViews = (rows: StoredRow[]) => viewsOf(rows, isBackupFacts, (facts) => backupView(facts));
export const transportHostViews = (rows: StoredRow[]) => viewsOf(rows, isTransportFacts, (facts) => transportView(facts));

const patchView = (facts: PatchFacts & { firstSeen?: FirstSeenMap }): PatchFactsView => facts;
const accessView = (facts: AccessFacts): AccessFactsView => facts;
const backupView = (facts: BackupFacts): BackupFactsView => facts;
const transportView = (facts: TransportFacts): TransportFactsView => facts;
const encryptionView = (facts: EncryptionFacts): EncryptionFactsView => facts;

/** One host's stored facts as the host page reads them: each area the page shows, when its facts have the shape this engine writes. */
export function hostFactsView(facts: Partial<Record<PostureArea, unknown>>): HostFactsView {
  return {
    ...(isPatchFacts(facts.patches) ? { patches: patchView(facts.patches) } : {}),
    ...(isAccessFacts(facts.access) ? { access: accessView(facts.access) } : {}),
    ...(isBackupFacts(facts.backups) ? { backups: backupView(facts.backups) } : {}),
    ...(isEncryptionFacts(facts.encryption) ? { encryption: encryptionView(facts.encryption) } : {}),
  };
}
