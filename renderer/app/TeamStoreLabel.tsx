// Where the history lives, in the status bar: nothing for the embedded store,
// "Team store · carol (viewer)" for a shared one, so a viewer sees in words
// why scans are not offered; and, while it cannot be reached, since when and
// how many results wait on this workstation.
import type { StoreView } from '../../preload/contract';
import { TimeText } from '../components/TimeText';

export function TeamStoreLabel({ store }: { store: StoreView }) {
  if (store.kind !== 'team') return null;
  return (
    <>
      <span className="status-note" title={store.where} data-testid="team-store-label">
        Team store · {store.user} ({store.role ?? 'no role'})
      </span>
      {store.offline && (
        <span className="status-note warning" role="status" data-testid="team-store-offline">
          ⚠ offline since <TimeText iso={store.offline.since} /> · {store.offline.queued} result{store.offline.queued === 1 ? '' : 's'} kept here until it returns
        </span>
      )}
    </>
  );
}
