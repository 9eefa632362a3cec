// The areas every scan covers, in display order.
import type { AreaCollector } from './area-collector';
import { patchesArea } from './patches/patches-area';

export const AREA_COLLECTORS: AreaCollector[] = [patchesArea as AreaCollector];
