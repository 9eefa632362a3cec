// The areas every scan covers, in display order.
import { accessArea } from './access/access-area';
import type { AreaCollector } from './area-collector';
import { backupsArea } from './backups/backups-area';
import { encryptionArea } from './encryption/encryption-area';
import { firewallArea } from './firewall/firewall-area';
import { patchesArea } from './patches/patches-area';

export const AREA_COLLECTORS: AreaCollector[] = [firewallArea as AreaCollector, encryptionArea as AreaCollector, patchesArea as AreaCollector, backupsArea as AreaCollector, accessArea as AreaCollector];
