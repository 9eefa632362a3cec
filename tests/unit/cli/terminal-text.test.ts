// Host text on the terminal: escapes, C1 controls and bidi overrides are shown,
// never obeyed; line breaks and tabs of the CLI's own layout stay.
import { expect, test } from 'vitest';
import { printable } from '../../../main/cli/text-table';
import { terminalText, terminalWriter } from '../../../main/cli/terminal-text';

const HOSTILE = 'a\u001b[2J\u001b]0;pwned\u0007b\u009b31mc\u0085d\u202eevil\u2066e\u2069f\u200fg\u0000h\u007fi';

test('ESC/CSI/OSC, C0, DEL, C1 and bidi controls become visible escapes; newlines and tabs stay', () => {
  expect(terminalText(`${HOSTILE}\n\tnext`)).toBe('a\\x1b[2J\\x1b]0;pwned\\x07b\\u009b31mc\\u0085d\\u202eevil\\u2066e\\u2069f\\u200fg\\x00h\\u007fi\n\tnext');
  // Nothing the regex should catch is left in the output.
  // eslint-disable-next-line no-control-regex
  expect(terminalText(HOSTILE)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
});

test('table cells escape line breaks too, so a host cannot add rows', () => {
  expect(printable('x\ny\tz\u202e')).toBe('x\\x0ay\\x09z\\u202e');
});

test('JSON written through the writer stays valid JSON and keeps the value, with C1 and bidi as \\u escapes', () => {
  let written = '';
  const writer = terminalWriter({ write: (text: string) => (written += text) });
  const value = { reason: HOSTILE, nested: ['\u2067x\u2069'] };
  writer.write(`${JSON.stringify(value, null, 2)}\n`);
  expect(JSON.parse(written)).toEqual(value);
  expect(written).toContain('\\u202e');
  expect(written).toContain('\\u009b');
  // eslint-disable-next-line no-control-regex
  expect(written).not.toMatch(/[\u001b\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
});
