// The areas every scan covers, in display order.
import type { AreaCollector } from './area-collector';

export const AREA_COLLECTORS: AreaCollector[] = [];
