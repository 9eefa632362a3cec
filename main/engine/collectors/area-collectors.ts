// The areas every scan covers, in display order.
import type { AreaCollector } from './area-collector';
import { encryptionArea } from './encryption/encryption-area';
import { patchesArea } from './patches/patches-area';

export const AREA_COLLECTORS: AreaCollector[] = [encryptionArea as AreaCollector, patchesArea as AreaCollector];
