// Disk encryption as a scan area: fixed commands, facts per host, findings.
// (Registered in AREA_COLLECTORS by whoever owns that list.)
import type { AreaCollector } from '../area-collector';
import { encryptionFindings } from '../../posture/encryption-findings';
import { ENCRYPTION_COMMANDS } from './encryption-commands';
import { encryptionFacts } from './encryption-facts';
import type { EncryptionFacts } from './encryption-model';

export const encryptionArea: AreaCollector<EncryptionFacts> = {
  area: 'encryption',
  commands: ENCRYPTION_COMMANDS,
  facts: (os, outputs) => encryptionFacts(os, outputs),
  findings: (facts, context) => encryptionFindings(facts, context),
};
