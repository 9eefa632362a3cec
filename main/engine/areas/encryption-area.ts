// Disk encryption as a scan area: fixed commands, facts per host, findings.
import { encryptionFindings } from '../posture/encryption-findings';
import { ENCRYPTION_COMMANDS } from '../collectors/encryption/encryption-commands';
import { encryptionFacts } from '../collectors/encryption/encryption-facts';
import type { EncryptionFacts } from '../collectors/encryption/encryption-model';
import { defineArea } from './area-definition';

export const encryptionArea = defineArea<EncryptionFacts>({ area: 'encryption', control: 'onDiskEncryption', commands: ENCRYPTION_COMMANDS, facts: encryptionFacts, findings: encryptionFindings });
