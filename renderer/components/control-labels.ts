// Annex 2 section and title of each control, for display, from the controls
// list the engine's findings use (preload/controls.ts).
import { CONTROLS } from '../../preload/controls';

export const CONTROL_LABELS: Record<string, string> = Object.fromEntries(Object.entries(CONTROLS).map(([id, control]) => [id, `§${control.section} ${control.title}`]));

export function controlLabel(control: string): string {
  return CONTROL_LABELS[control] ?? control;
}

/** Annex 2's section titles by number (the provider's published security measures, /work/shared/seed/annex-2.txt). */
export const ANNEX_SECTIONS: Record<string, string> = {
  '1': 'Pseudonymisation and encryption of Personal Data',
  '2': 'Backup and restoring Personal Data',
  '3': 'Testing, assessing and evaluating our security',
  '4': 'User identification and authorisation',
  '5': 'Protection of data during transmission',
  '6': 'Protection of data during storage',
  '7': 'Physical security',
  '8': 'Event logging',
  '9': 'Secure configuration of our software and systems',
  '10': 'Embedded privacy controls by default',
  '11': 'Internal information security control and processes',
  '12': 'Vendor and third-party security',
  '13': 'Ensuring data minimisation',
  '14': 'Ensuring data quality',
  '15': 'Ensuring limited data retention',
  '16': 'Ensuring accountability',
  '17': 'Allowing data portability and ensuring erasure',
  '18': 'Data transfer to third parties',
  '19': 'Additional information for Fastmail users',
};

/** "Annex 2 §9 Secure configuration of our software and systems" for a control's label, or null. */
export function annexSectionOf(control: string): string | null {
  const section = /^§(\d+) /.exec(CONTROL_LABELS[control] ?? '')?.[1];
  return section && ANNEX_SECTIONS[section] ? `Annex 2 §${section} ${ANNEX_SECTIONS[section]}` : null;
}
