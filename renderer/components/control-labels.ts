// Annex 2 section and title of each control, for display. Mirrors CONTROLS
// in the engine (the renderer may not import engine code); a unit test keeps
// the two equal.
export const CONTROL_LABELS: Record<string, string> = {
  necessaryCommunications: '§9 We only allow necessary communications',
  softwareUpdates: '§9 We keep track of software updates',
  vendorSecurityUpdates: '§12 We use software systems that take security seriously',
  onDiskEncryption: '§6 On-disk encryption',
  backupVerification: '§2 Backup verification',
  disasterRecoveryTesting: '§2 Backup and disaster recovery testing',
  staffAccessLogging: '§8 Tracking and logging staff access',
};

export function controlLabel(control: string): string {
  return CONTROL_LABELS[control] ?? control;
}
