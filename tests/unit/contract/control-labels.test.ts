// The UI's control labels come from the same list as the engine's findings
// (preload/controls.ts): every control a finding can name has a label with
// its Annex 2 section, and the label's section names a real section.
import { expect, test } from 'vitest';
import { CONTROLS } from '../../../main/engine/posture/finding';
import { annexSectionOf, controlLabel } from '../../../renderer/components/control-labels';

test('the UI names every control with its Annex 2 section and title', () => {
  expect(controlLabel('onDiskEncryption')).toBe('§6 On-disk encryption');
  expect(controlLabel('encryptedTransport')).toBe('§5 Protection of data during transmission');
  expect(controlLabel('limitedRetention')).toBe('§15 Ensuring limited data retention');
  for (const [id, control] of Object.entries(CONTROLS)) {
    expect(controlLabel(id)).toBe(`§${control.section} ${control.title}`);
    expect(annexSectionOf(id)).toMatch(new RegExp(`^Annex 2 §${control.section} \\S`));
  }
  expect(Object.keys(CONTROLS)).toHaveLength(10);
  expect(controlLabel('no-such-control')).toBe('no-such-control');
});
