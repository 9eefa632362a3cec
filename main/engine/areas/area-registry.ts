// The areas every scan covers, in display order. A new area is one file in
// this folder (`defineArea<ItsFacts>({...})`, binding its collector's
// commands and facts to its posture findings) and one entry here.
import { accessArea } from './access-area';
import type { AreaDefinition } from './area-definition';
import { backupsArea } from './backups-area';
import { encryptionArea } from './encryption-area';
import { firewallArea } from './firewall-area';
import { patchesArea } from './patches-area';
import { retentionArea } from './retention-area';
import { transportArea } from './transport-area';

export const AREAS: AreaDefinition[] = [firewallArea, encryptionArea, patchesArea, backupsArea, accessArea, transportArea, retentionArea];
