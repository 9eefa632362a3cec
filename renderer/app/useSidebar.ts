// Whether the navigation sidebar is folded to its shortcut keys. Folded by
// default in narrow windows (1024 px, or any window at 200 % zoom), remembered
// once the operator chooses.
import { useCallback, useState } from 'react';

const STORAGE_KEY = 'opsdeck.sidebarCollapsed';
const NARROW_PX = 1100;

export function useSidebar(): { collapsed: boolean; toggle: () => void } {
  const [collapsed, setCollapsed] = useState<boolean>(() => {
    const saved = readSaved();
    return saved === null ? window.innerWidth < NARROW_PX : saved;
  });
  const toggle = useCallback(() => {
    setCollapsed((current) => {
      save(!current);
      return !current;
    });
  }, []);
  return { collapsed, toggle };
}

// Storage may be unavailable (a sandboxed origin); the choice then lasts until reload.
function readSaved(): boolean | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === null ? null : value === 'true';
  } catch {
    return null;
  }
}

function save(collapsed: boolean): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, String(collapsed));
  } catch {
    // not remembered: see readSaved
  }
}
