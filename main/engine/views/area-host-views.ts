// Each host's stored facts of one area, typed for the contract: the engine's
// facts type is checked against the contract's view at compile time (each
// `*FactsView` below must accept it), and facts stored by an engine version
// without the area's model are left out instead of reaching a page.
import type { AccessFactsView, AreaHostView, BackupFactsView, PatchFactsView } from '../../../preload/contract';
import type { AccessFacts } from '../collectors/access/access-facts';
import type { BackupFacts } from '../collectors/backups/backup-facts';
import type { PatchFacts } from '../collectors/patches/patch-facts';
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

function isBackupFacts(facts: unknown): facts is BackupFacts {
  return isObject(facts) && Array.isArray(facts.jobs);
}

function viewsOf<F, V>(rows: StoredRow[], guard: (facts: unknown) => facts is F, view: (facts: F) => V): AreaHostView<V>[] {
  return rows.flatMap(({ host, dc, facts }) => (guard(facts) ? [{ host, dc, facts: view(facts) }] : []));
}

export const patchHostViews = (rows: StoredRow[]) => viewsOf(rows, isPatchFacts, (facts): PatchFactsView => facts);
export const accessHostViews = (rows: StoredRow[]) => viewsOf(rows, isAccessFacts, (facts): AccessFactsView => facts);
export const backupHostViews = (rows: StoredRow[]) => viewsOf(rows, isBackupFacts, (facts): BackupFactsView => facts);
