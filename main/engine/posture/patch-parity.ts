// Cross-site parity of kernels and platform images: a secondary-site host
// should run what its primary counterpart runs, or a failover changes the
// software under the service. Counterparts pair by name with the site's
// label removed (cn1.sea ↔ cn1.nj, imap1.sea.example.net ↔ imap1.nj.example.net).
import { PATCH_COMMAND_IDS as ids } from '../collectors/patches/patch-commands';
import type { Finding } from './finding';
import { PATCH_FINDING_KINDS, patchFinding } from './patch-finding-kinds';
import { siteCounterpartKey } from './site-counterpart';

export interface ParityHost {
  host: string;
  dc: string;
  siteRole: 'primary' | 'secondary';
  /** PatchFacts.kernelOrPlatform; null when unknown (such a pair is not compared). */
  kernelOrPlatform: string | null;
}

const STAMP = /^\d{8}T\d{6}Z$/;

export function patchParity(hosts: ParityHost[]): Finding[] {
  const primaries = new Map<string, ParityHost[]>();
  for (const host of hosts) {
    if (host.siteRole !== 'primary') continue;
    const key = siteCounterpartKey(host.host, host.dc);
    primaries.set(key, [...(primaries.get(key) ?? []), host]);
  }
  const findings: Finding[] = [];
  for (const secondary of hosts) {
    if (secondary.siteRole !== 'secondary' || !secondary.kernelOrPlatform) continue;
    const candidates = primaries.get(siteCounterpartKey(secondary.host, secondary.dc)) ?? [];
    // Two primaries with the same short name: no single counterpart to compare with.
    if (candidates.length !== 1) continue;
    const primary = candidates[0]!;
    if (!primary.kernelOrPlatform || primary.kernelOrPlatform === secondary.kernelOrPlatform) continue;
    findings.push(parityFinding(secondary, primary));
  }
  return findings;
}

function parityFinding(secondary: ParityHost, primary: ParityHost): Finding {
  const mine = secondary.kernelOrPlatform!;
  const theirs = primary.kernelOrPlatform!;
  const platform = STAMP.test(mine) && STAMP.test(theirs);
  const what = platform ? 'platform image' : STAMP.test(mine) || STAMP.test(theirs) ? 'kernel / platform image' : 'kernel';
  // Stamps sort by build time; kernel strings do not compare that simply.
  const direction = platform ? (mine < theirs ? ' (older)' : ' (newer)') : '';
  return patchFinding({
    kind: PATCH_FINDING_KINDS.siteParity,
    host: secondary.host,
    dc: secondary.dc,
    control: 'softwareUpdates',
    severity: 'medium',
    title: `${secondary.host} runs ${what} ${mine}${direction}, its primary counterpart ${primary.host} runs ${theirs}`,
    detail: `After a failover to ${secondary.dc} the service would run on a different ${what} than on ${primary.dc}. Bring both sites to the same ${what}.`,
    commandIds: platform ? [ids.platformStamp] : what === 'kernel' ? [ids.kernel] : [ids.kernel, ids.platformStamp],
    excerpt: [`${secondary.host}: ${mine}`, `${primary.host}: ${theirs}`],
  });
}
