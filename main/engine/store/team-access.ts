// What each team role may do, said once: the app offers only this, and
// PostgreSQL's GRANTs (team-store-roles.ts) enforce the same on the server.
import type { TeamRole } from './team-store-roles';

/** Methods that write to the store or act on hosts, and the least role that may call them. */
export const WRITE_METHODS: Record<string, Exclude<TeamRole, 'owner' | 'viewer'>> = {
  'scan.start': 'operator',
  'fleet.useDemo': 'operator',
  'backups.restoreTest': 'operator',
  'backups.integrityCheck': 'operator',
  'drills.startRun': 'drill-lead',
  'drills.runStep': 'drill-lead',
  'drills.handOver': 'drill-lead',
  'drills.abortRun': 'drill-lead',
  'drills.finishRun': 'drill-lead',
};

const RANK: Record<TeamRole, number> = { viewer: 0, operator: 1, 'drill-lead': 2, owner: 3 };

/** null when allowed; else why not, in words. An embedded store (role null) allows everything. */
export function refusal(role: TeamRole | null, method: string): string | null {
  const needed = WRITE_METHODS[method];
  if (!needed || role === null || RANK[role] >= RANK[needed]) return null;
  return `your team store role is ${role}: ${method} needs ${needed} (the store's owner grants it with "opsdeck store add-member LOGIN --role ${needed}")`;
}
