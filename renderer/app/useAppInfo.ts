import type { AppInfo } from '../../preload/contract';
import { useEngineQuery } from '../api/useEngineQuery';

export function useAppInfo(): { info: AppInfo | null; error: string | null } {
  const { value, error } = useEngineQuery((api) => api.app.info({}), { reloadOn: ['fleet:changed', 'app:notice', 'scan:finished'] });
  return { info: value, error };
}
