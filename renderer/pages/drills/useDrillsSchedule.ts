// The drill schedule from the engine, in the viewer's own time zone.
import type { DrillsScheduleView } from '../../../preload/contract';
import { useEngineQuery } from '../../api/useEngineQuery';

export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function useDrillsSchedule(): { view: DrillsScheduleView | null; error: string | null; reload: () => void } {
  const { value, error, reload } = useEngineQuery((api) => api.drills.schedule({ viewerTimeZone: viewerTimeZone() }));
  return { view: value, error, reload };
}
