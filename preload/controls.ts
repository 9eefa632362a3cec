// The controls OpsDeck checks, named with the section numbers and titles of
// the provider's published security measures (Annex 2, seed/annex-2.txt).
// Plain data shared by the engine (findings, reports) and the front end
// (labels), so neither keeps a copy of the other's list.
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
  limitedRetention: { section: '15', title: 'Ensuring limited data retention' },
} as const;

export type ControlId = keyof typeof CONTROLS;
