// A control status in words, with its mark and colour: the same on the status
// page and in the report (status is never shown by colour alone).
import type { ControlStatus } from '../../../preload/contract';

export const STATUS_WORDS: Record<ControlStatus, { text: string; mark: string; colour: string }> = {
  holds: { text: 'holds', mark: '✓', colour: '#1e7b34' },
  'at-risk': { text: 'at risk', mark: '!', colour: '#9a6700' },
  broken: { text: 'broken', mark: '✗', colour: '#b3261e' },
  'not-checked': { text: 'not checked', mark: '?', colour: '#5f6368' },
};

/** "3 h", "2 d" since `iso`, or "never". */
export function dataAgeText(iso: string | null, now: Date): string {
  if (!iso) return 'never';
  const hours = Math.max(0, (now.getTime() - Date.parse(iso)) / 3_600_000);
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  return `${Math.round(hours / 24)} d`;
}
