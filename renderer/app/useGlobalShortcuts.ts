// Alt+digit opens a page from the navigation, from anywhere.
import { useEffect } from 'react';
import { NAV_ITEMS, routeHref } from './routes';

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const item = NAV_ITEMS.find((candidate) => candidate.key === event.key);
      if (!item) return;
      event.preventDefault();
      window.location.hash = routeHref({ page: item.page });
      document.getElementById('main')?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
