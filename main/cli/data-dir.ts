// Where the CLI keeps its data when not told: the same folder the app uses
// (Electron's userData for "OpsDeck" on Linux), so both share one history.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: Record<string, string | undefined>): string {
  if (env.OPSDECK_DATA_DIR) return env.OPSDECK_DATA_DIR;
  const configHome = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(configHome, 'OpsDeck');
}
