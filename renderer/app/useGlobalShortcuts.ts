// Alt+digit opens a page from the navigation, from anywhere; Alt+M folds the
// sidebar; "?" (outside text fields) opens the shortcut help.
import { useEffect } from 'react';
import { NAV_ITEMS, routeHref } from './routes';
import { isTypingTarget, SHORTCUT_HELP_KEY, SIDEBAR_KEY } from './shortcuts';

export function useGlobalShortcuts(actions: { toggleSidebar: () => void; showHelp: () => void }): void {
  const { toggleSidebar, showHelp } = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === SHORTCUT_HELP_KEY && !event.altKey && !event.ctrlKey && !event.metaKey && !isTypingTarget(event.target)) {
        event.preventDefault();
        showHelp();
        return;
      }
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.code === SIDEBAR_KEY.code) {
        event.preventDefault();
        toggleSidebar();
        return;
      }
      const item = NAV_ITEMS.find((candidate) => candidate.key === event.key);
      if (!item) return;
      event.preventDefault();
      window.location.hash = routeHref({ page: item.page });
      document.getElementById('main')?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggleSidebar, showHelp]);
}
