// Windowed table rows: only the rows in view (plus an overscan) are rendered,
// with spacer rows above and below so the scrollbar stays true.
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

/** `rowHeight`: one height for every row, or a row's estimated height by index. */
export function useVirtualRows(count: number, rowHeight: number | ((index: number) => number), overscan = 12) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: typeof rowHeight === 'number' ? () => rowHeight : rowHeight,
    overscan,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return { scroller, virtualizer, items, before, after };
}

/** The empty row standing in for the rows scrolled out of view; nothing when there are none. */
export function SpacerRow({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}

/** Tables of fewer rows render every row (find-in-page and printing see them all); longer ones are windowed. */
export const WINDOWED_FROM = 200;

/**
 * A host table that stays whole for a small fleet and is windowed for a large one (1,000 hosts would
 * otherwise lay out thousands of rows on each visit). Rows may differ in height: a windowed row is
 * measured once shown (`measureRow` as its ref, with `data-index`).
 */
export function useWindowedTable(count: number, estimatedRowHeight: number) {
  const windowed = count >= WINDOWED_FROM;
  const { scroller, virtualizer, items, before, after } = useVirtualRows(windowed ? count : 0, estimatedRowHeight);
  const indices = windowed ? items.map((item) => item.index) : Array.from({ length: count }, (_, index) => index);
  return { windowed, scroller, indices, before: windowed ? before : 0, after: windowed ? after : 0, measureRow: windowed ? virtualizer.measureElement : undefined };
}
