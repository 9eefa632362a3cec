// Loads the status report, and again after every scan.
import { useEffect, useState } from 'react';
import type { StatusReportView } from '../../../preload/contract';
import { errorText, getOpsDeck } from '../../api/opsdeck';

export function useStatusReport(): { report: StatusReportView | null; error: string | null } {
  const [report, setReport] = useState<StatusReportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    const load = () =>
      void api.reports.status({}).then((result) => {
        setError(errorText(result));
        if (result.ok) setReport(result.value);
      });
    load();
    return api.on('scan:finished', load);
  }, []);
  return { report, error };
}
