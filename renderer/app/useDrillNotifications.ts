// Desktop notifications for drills due soon or overdue: the web Notification
// API, which Electron shows as the OS's own notifications (the window's
// session allows that one permission for the app's page) and a browser on
// the bridge shows as its own. Checked at start and every 15 minutes while
// the app is open; each drill occurrence is told once (remembered in this
// window's storage). Nothing is shown until the operator turns them on.
import { useEffect } from 'react';
import { getOpsDeck } from '../api/opsdeck';
import { drillNotices, untold } from '../pages/drills/drill-notices';
import { viewerTimeZone } from '../pages/drills/useDrillsSchedule';

const TOLD_KEY = 'opsdeck.drill-notices-told';
const EVERY_MS = 15 * 60_000;

export type NotificationState = 'on' | 'off' | 'blocked' | 'unsupported';

export function notificationState(): NotificationState {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission === 'granted' ? 'on' : Notification.permission === 'denied' ? 'blocked' : 'off';
}

function toldKeys(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(TOLD_KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/** Tells what is due now; returns how many notifications it showed. */
export async function tellDueDrills(): Promise<number> {
  if (notificationState() !== 'on') return 0;
  const result = await getOpsDeck()?.drills.schedule({ viewerTimeZone: viewerTimeZone() });
  if (!result?.ok) return 0;
  const told = toldKeys();
  const fresh = untold(drillNotices(result.value), told);
  for (const notice of fresh) {
    new Notification(notice.title, { body: notice.body, tag: notice.key });
    told.add(notice.key);
  }
  // Only the newest keys are worth keeping: an occurrence long past is never told again anyway.
  localStorage.setItem(TOLD_KEY, JSON.stringify([...told].slice(-500)));
  return fresh.length;
}

export function useDrillNotifications(): void {
  useEffect(() => {
    void tellDueDrills();
    const timer = setInterval(() => void tellDueDrills(), EVERY_MS);
    return () => clearInterval(timer);
  }, []);
}
