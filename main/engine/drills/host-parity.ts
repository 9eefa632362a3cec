// Site-failover readiness, read-only: is the secondary host what the primary
// is, by the facts of their latest scans? The kernel (Debian) or platform
// image (SmartOS), whether a firewall filters the host, the TCP ports it
// exposes to other hosts, and how its mounted volumes are encrypted. Pure: facts in, rows out.
import type { EncryptionFacts } from '../collectors/encryption/encryption-model';
import type { FirewallFacts } from '../collectors/firewall/firewall-facts';
import type { PatchFacts } from '../collectors/patches/patch-facts';

export interface StoredHostFacts {
  patches?: unknown;
  firewall?: unknown;
  encryption?: unknown;
}

export interface ParityRow {
  aspect: 'kernel or platform image' | 'firewall' | 'exposed TCP ports' | 'encryption of mounted volumes';
  primary: string;
  secondary: string;
  same: boolean;
}

const UNKNOWN = 'unknown (no scan facts)';

export function hostParity(primary: StoredHostFacts, secondary: StoredHostFacts): ParityRow[] {
  const row = (aspect: ParityRow['aspect'], read: (facts: StoredHostFacts) => string | null): ParityRow => {
    const a = read(primary) ?? UNKNOWN;
    const b = read(secondary) ?? UNKNOWN;
    return { aspect, primary: a, secondary: b, same: a === b && a !== UNKNOWN };
  };
  return [
    row('kernel or platform image', (facts) => (facts.patches as PatchFacts | undefined)?.kernelOrPlatform ?? null),
    row('firewall', (facts) => (facts.firewall as FirewallFacts | undefined)?.firewall.state ?? null),
    row('exposed TCP ports', (facts) => {
      const firewall = facts.firewall as FirewallFacts | undefined;
      if (!firewall) return null;
      const ports = new Set(firewall.exposure.filter((entry) => entry.proto === 'tcp' && (entry.reachability === 'any' || entry.reachability === 'some')).map((entry) => entry.port));
      return [...ports].sort((a, b) => a - b).join(',') || 'none';
    }),
    row('encryption of mounted volumes', (facts) => {
      const encryption = facts.encryption as EncryptionFacts | undefined;
      if (!encryption) return null;
      const counts = new Map<string, number>();
      for (const volume of encryption.volumes.filter((candidate) => candidate.mounted)) counts.set(volume.encryption, (counts.get(volume.encryption) ?? 0) + 1);
      return (
        [...counts]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([state, count]) => `${count} ${state}`)
          .join(', ') || 'none mounted'
      );
    }),
  ];
}
