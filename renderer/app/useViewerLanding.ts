// A viewer of a team store has no inventory or SSH of their own: the Status
// page (Alt+0) is their first page. Only the first page is chosen; a page
// the address already names is kept.
import { useEffect, useRef } from 'react';
import type { AppInfo } from '../../preload/contract';

export function useViewerLanding(info: AppInfo | null): void {
  const decided = useRef(false);
  useEffect(() => {
    if (!info || decided.current) return;
    decided.current = true;
    const atDefault = window.location.hash === '' || window.location.hash === '#' || window.location.hash === '#/';
    if (info.store.kind === 'team' && info.store.role === 'viewer' && atDefault) window.location.hash = '#/status';
  }, [info]);
}
