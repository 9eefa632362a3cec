// Every keyboard shortcut of the app, in one list: the pages' Alt+digit keys
// come from NAV_ITEMS (a page added there appears here and in the help dialog
// by itself), the rest are the app-wide keys handled in useGlobalShortcuts.
import { NAV_ITEMS } from './routes';

export interface ShortcutView {
  keys: string;
  does: string;
}

export const SHORTCUT_HELP_KEY = '?';
export const SIDEBAR_KEY = { label: 'Alt+M', code: 'KeyM' } as const;

export function allShortcuts(): ShortcutView[] {
  return [
    ...NAV_ITEMS.map((item) => ({ keys: `Alt+${item.key}`, does: `Open ${item.label}` })),
    { keys: SIDEBAR_KEY.label, does: 'Collapse or expand the navigation sidebar' },
    { keys: SHORTCUT_HELP_KEY, does: 'Show this list of keyboard shortcuts' },
    { keys: 'Esc', does: 'Close the open dialog' },
    { keys: 'Tab, Shift+Tab', does: 'Move between controls; the first Tab reaches "Skip to content"' },
  ];
}

/** True when the key press belongs to a text field (typing "?" into a filter must not open the help). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}
