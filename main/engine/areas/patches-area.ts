// Patch levels as a scan area: the facts carry the "first seen pending" clock
// of each security update from scan to scan, so its age is a fact.
import type { AreaCollector } from '../area-collector';
import { patchFindings, patchParity } from '../../posture/patch-findings';
import { pendingSecuritySince, type FirstSeenMap } from '../../posture/patch-first-seen';
import { PATCH_COMMANDS } from './patch-commands';
import { patchFacts, type PatchFacts } from './patch-facts';

export interface PatchAreaFacts extends PatchFacts {
  firstSeen: FirstSeenMap;
}

export const patchesArea: AreaCollector<PatchAreaFacts> = {
  area: 'patches',
  commands: PATCH_COMMANDS,
  facts: (os, outputs, now, previous) => {
    const facts = patchFacts(os, outputs, now);
    return { ...facts, firstSeen: pendingSecuritySince(previous?.firstSeen ?? {}, facts, now) };
  },
  findings: (facts, context) => patchFindings(facts, facts.firstSeen, context),
  fleetFindings: (hosts) =>
    patchParity(hosts.map((host) => ({ host: host.host, dc: host.dc, siteRole: host.siteRole, kernelOrPlatform: host.facts.kernelOrPlatform }))),
};
