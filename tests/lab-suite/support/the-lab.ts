// The lab the suite runs on (brought up by lab-global-setup.ts). Fails,
// never skips, when not root or when the lab is not up.
import { ensureSbinOnPath, readLab, type LabDescription } from '../../lab/lab-up';
import { requireRoot } from '../../lab/lab-system';

export function theLab(): LabDescription {
  requireRoot('the lab suite (tests/lab-suite)');
  ensureSbinOnPath();
  const lab = readLab();
  if (!lab) throw new Error('the lab is not up: tests/lab-suite/lab-global-setup.ts brings it up when the suite runs as root (npx vitest run --project lab)');
  return lab;
}
