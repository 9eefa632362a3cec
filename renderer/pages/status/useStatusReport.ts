// Loads the status report, and again after every scan.
import type { StatusReportView } from '../../../preload/contract';
import { useEngineQuery } from '../../api/useEngineQuery';

export function useStatusReport(): { report: StatusReportView | null; error: string | null } {
  const { value, error } = useEngineQuery((api) => api.reports.status({}), { reloadOn: ['scan:finished'] });
  return { report: value, error };
}
