// Windowed table rows: only the rows in view (plus an overscan) are rendered,
// with spacer heights above and below so the scrollbar stays true.
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export function useVirtualRows(count: number, rowHeight: number, overscan = 12) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return { scroller, items, before, after };
}
