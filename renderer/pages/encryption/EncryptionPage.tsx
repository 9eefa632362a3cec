// Disk encryption against the promise "all data is stored on encrypted
// volumes, backups included": per site (both side by side) the bytes of
// data and the hosts that are encrypted, then every host.
import type { DatacentreView } from '../../../preload/contract';
import { useFleet } from '../fleet/useFleet';
import { siteCoverage } from './coverage-summary';
import { EncryptionHostTable } from './EncryptionHostTable';
import { SiteCoverageCard } from './SiteCoverageCard';
import { useEncryptionCoverage } from './useEncryptionCoverage';
import { EngineErrorNote } from '../../components/EngineErrorNote';

export function EncryptionPage() {
  const { rows, error } = useEncryptionCoverage();
  const { fleet } = useFleet();
  const sites: DatacentreView[] = fleet?.datacentres ?? [];
  return (
    <div>
      <header className="page-head">
        <h1>Disk encryption</h1>
      </header>
      <p className="muted page-intro">
        Every filesystem, swap area and ZFS dataset of each host, and whether a crypt layer (LUKS, or ZFS native encryption) lies between it and the disks. Boot/EFI and memory-backed volumes are
        exempt; logs on unencrypted disks are the provider&apos;s admitted exception.
      </p>
      <EngineErrorNote error={error} />
      {rows && rows.length === 0 && <p className="muted">No encryption data yet: scan the fleet first.</p>}
      {rows && rows.length > 0 && (
        <>
          <div className="site-cards coverage-cards">
            {sites.map((site) => (
              <SiteCoverageCard key={site.id} site={site} coverage={siteCoverage(site.id, rows)} />
            ))}
          </div>
          <h2>Hosts</h2>
          <EncryptionHostTable rows={rows} sites={sites} hosts={fleet?.hosts ?? []} />
        </>
      )}
    </div>
  );
}
