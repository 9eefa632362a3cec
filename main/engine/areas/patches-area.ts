// Patch levels as a scan area: the facts carry the "first seen pending" clock
// of each security update from scan to scan, so its age is a fact.
import { patchFindings, patchParity } from '../posture/patch-findings';
import { pendingSecuritySince, type FirstSeenMap } from '../posture/patch-first-seen';
import { PATCH_COMMANDS } from '../collectors/patches/patch-commands';
import { patchFacts, type PatchFacts } from '../collectors/patches/patch-facts';
import { defineArea } from './area-definition';

export interface PatchAreaFacts extends PatchFacts {
  firstSeen: FirstSeenMap;
}

export const patchesArea = defineArea<PatchAreaFacts>({
  area: 'patches',
  control: 'softwareUpdates',
  commands: PATCH_COMMANDS,
  readsPrevious: true,
  facts: (os, outputs, now, previous) => {
    const facts = patchFacts(os, outputs, now);
    return { ...facts, firstSeen: pendingSecuritySince(previous?.firstSeen ?? {}, facts, now) };
  },
  findings: (facts, context) => patchFindings(facts, facts.firstSeen, context),
  fleetFindings: (hosts) => patchParity(hosts.map((host) => ({ host: host.host, dc: host.dc, siteRole: host.siteRole, kernelOrPlatform: host.facts.kernelOrPlatform }))),
});
