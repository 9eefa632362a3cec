// Every host's encryption coverage from the engine, reloaded after each scan.
import type { EncryptionCoverageView } from '../../../preload/contract';
import { useEngineQuery } from '../../api/useEngineQuery';

export function useEncryptionCoverage(): { rows: EncryptionCoverageView[] | null; error: string | null } {
  const { value, error } = useEngineQuery((api) => api.posture.encryptionCoverage({}), { reloadOn: ['scan:finished'] });
  return { rows: value, error };
}
