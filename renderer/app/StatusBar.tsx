import type { AppInfo } from '../../preload/contract';
import { TeamStoreLabel } from './TeamStoreLabel';

export function StatusBar({ info, error }: { info: AppInfo | null; error: string | null }) {
  return (
    <footer className="statusbar" role="status" aria-live="polite">
      {error && <span className="status-error">Engine error: {error}</span>}
      {info && (
        <>
          <span className={`fleet-label fleet-${info.fleet.kind}`} data-testid="fleet-label">
            {info.fleet.label}
          </span>
          <span>
            {info.datacentreCount} sites · {info.hostCount} hosts
          </span>
          {!info.keychain.available && (
            <span className="status-note" title={info.keychain.reason ?? undefined} data-testid="keychain-note">
              Passphrases cannot be remembered on this machine
            </span>
          )}
          {info.store && <TeamStoreLabel store={info.store} />}
          <span className="spacer" />
          <span>
            OpsDeck {info.version} · engine {info.engineVersion}
          </span>
        </>
      )}
      {!info && !error && <span>Connecting to the engine…</span>}
    </footer>
  );
}
