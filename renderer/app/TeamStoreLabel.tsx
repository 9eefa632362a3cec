// Where the history lives, in the status bar: nothing for the embedded store,
// "Team store · carol (viewer)" for a shared one, so a viewer sees in words
// why scans are not offered.
import type { StoreView } from '../../preload/contract';

export function TeamStoreLabel({ store }: { store: StoreView }) {
  if (store.kind !== 'team') return null;
  return (
    <span className="status-note" title={store.where} data-testid="team-store-label">
      Team store · {store.user} ({store.role ?? 'no role'})
    </span>
  );
}
