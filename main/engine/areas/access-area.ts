// Who can log in and whether it is logged (annex §7, §8), as a scan area.
import { ACCESS_COMMANDS } from '../collectors/access/access-commands';
import { accessFacts, type AccessFacts } from '../collectors/access/access-facts';
import { accessFindings } from '../posture/access-findings';
import { defineArea } from './area-definition';

export const accessArea = defineArea<AccessFacts>({ area: 'access', control: 'staffAccessLogging', commands: ACCESS_COMMANDS, facts: accessFacts, findings: accessFindings });
