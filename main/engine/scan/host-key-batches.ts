// The unknown host keys a scan's pre-flight met, as one question per site:
// each key once (however many hosts it stands in front of), with the hosts
// it blocks. Pure.
import type { HostKeyBatch } from '../ssh/operator-prompts';
import { unknownHostKeyId, type UnknownHostKey } from '../ssh/ssh-error';

export interface BlockedHost {
  host: string;
  dc: string;
  siteRole: 'primary' | 'secondary';
  key: UnknownHostKey;
}

/** Primary site first; within a site, keys in the order first met, hosts in natural order. A key shared by two sites is asked at the first. */
export function hostKeyBatches(blocked: BlockedHost[], siteName: (dc: string) => string): HostKeyBatch[] {
  const byKey = new Map<string, { key: UnknownHostKey; dc: string; siteRole: BlockedHost['siteRole']; hosts: string[] }>();
  for (const entry of blocked) {
    const id = unknownHostKeyId(entry.key);
    const known = byKey.get(id);
    if (known) known.hosts.push(entry.host);
    else byKey.set(id, { key: entry.key, dc: entry.dc, siteRole: entry.siteRole, hosts: [entry.host] });
  }
  const sites = new Map<string, { siteRole: BlockedHost['siteRole']; batch: HostKeyBatch }>();
  for (const [id, { key, dc, siteRole, hosts }] of byKey) {
    let site = sites.get(dc);
    if (!site) sites.set(dc, (site = { siteRole, batch: { site: dc, siteName: siteName(dc), keys: [] } }));
    site.batch.keys.push({
      id,
      label: key.label,
      address: key.address,
      port: key.port,
      keyType: key.keyType,
      fingerprint: key.fingerprint,
      hosts: [...new Set(hosts)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
    });
  }
  return [...sites.values()].sort((a, b) => (a.siteRole === b.siteRole ? a.batch.site.localeCompare(b.batch.site) : a.siteRole === 'primary' ? -1 : 1)).map((site) => site.batch);
}
