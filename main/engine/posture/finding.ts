// A finding: one thing about one host that does not hold a promise of the
// provider's published security measures (seed/annex-2.txt), with the
// evidence that shows it. Plain data, computed by pure functions from facts
// and policy.
import type { FindingView, PostureArea, Severity } from '../../../preload/contract';

export type { PostureArea, Severity };

/** Controls, named with the section numbers and titles of Annex 2. */
export const CONTROLS = {
  necessaryCommunications: { section: '9', title: 'We only allow necessary communications' },
  softwareUpdates: { section: '9', title: 'We keep track of software updates' },
  vendorSecurityUpdates: { section: '12', title: 'We use software systems that take security seriously' },
  onDiskEncryption: { section: '6', title: 'On-disk encryption' },
  backupVerification: { section: '2', title: 'Backup verification' },
  disasterRecoveryTesting: { section: '2', title: 'Backup and disaster recovery testing' },
  staffAccessLogging: { section: '8', title: 'Tracking and logging staff access' },
  physicalDataCentreSecurity: { section: '7', title: 'Physical data centre security' },
  encryptedTransport: { section: '5', title: 'Protection of data during transmission' },
} as const;
export type ControlId = keyof typeof CONTROLS;

export type FindingEvidence = FindingView['evidence'];

/** A finding as the posture step makes it; `control` is one of CONTROLS. */
export interface Finding extends FindingView {
  control: ControlId;
}

export const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
