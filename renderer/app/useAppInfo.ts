import { useEffect, useState } from 'react';
import type { AppInfo } from '../../preload/contract';
import { getOpsDeck } from '../api/opsdeck';

export function useAppInfo(): { info: AppInfo | null; error: string | null } {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    const load = () =>
      void api.app.info({}).then((result) => {
        if (result.ok) setInfo(result.value);
        else setError(result.error.message);
      });
    load();
    const unsubscribe = [api.on('fleet:changed', load), api.on('app:notice', load)];
    return () => unsubscribe.forEach((each) => each());
  }, []);
  return { info, error };
}
