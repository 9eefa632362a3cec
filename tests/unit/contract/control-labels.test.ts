import { expect, test } from 'vitest';
import { CONTROLS } from '../../../main/engine/posture/finding';
import { CONTROL_LABELS } from '../../../renderer/components/control-labels';

test('the UI names every control with its Annex 2 section and title', () => {
  const expected = Object.fromEntries(Object.entries(CONTROLS).map(([id, control]) => [id, `§${control.section} ${control.title}`]));
  expect(CONTROL_LABELS).toEqual(expected);
});
