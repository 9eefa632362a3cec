// The drill schedule from the engine, in the viewer's own time zone.
import { useCallback, useEffect, useState } from 'react';
import type { DrillsScheduleView } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';

export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function useDrillsSchedule(): { view: DrillsScheduleView | null; error: string | null; reload: () => void } {
  const [view, setView] = useState<DrillsScheduleView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    void getOpsDeck()
      ?.drills.schedule({ viewerTimeZone: viewerTimeZone() })
      .then((result) => (result.ok ? (setView(result.value), setError(null)) : setError(result.error.message)));
  }, []);
  useEffect(reload, [reload]);
  return { view, error, reload };
}
