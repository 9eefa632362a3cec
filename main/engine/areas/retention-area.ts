// Log retention (annex §15: system logs kept 180 days, then deleted), as a
// scan area: logrotate's rules, the journal's settings and the oldest files
// under /var/log, judged against the promise both ways.
import { RETENTION_COMMANDS } from '../collectors/retention/retention-commands';
import { retentionFacts, type RetentionFacts } from '../collectors/retention/retention-facts';
import { retentionFindings } from '../posture/retention-findings';
import { defineArea } from './area-definition';

export const retentionArea = defineArea<RetentionFacts>({ area: 'retention', control: 'limitedRetention', commands: RETENTION_COMMANDS, facts: retentionFacts, findings: retentionFindings });
