// Who can log in and whether it is logged (annex §7, §8), as a scan area.
import type { AreaCollector } from '../area-collector';
import { accessFindings } from '../../posture/access-findings';
import { ACCESS_COMMANDS } from './access-commands';
import { accessFacts, type AccessFacts } from './access-facts';

export const accessArea: AreaCollector<AccessFacts> = {
  area: 'access',
  commands: ACCESS_COMMANDS,
  facts: (os, outputs) => accessFacts(os, outputs),
  findings: (facts, context) => accessFindings(facts, context),
};
