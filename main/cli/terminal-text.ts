// Host-supplied text on the operator's terminal. A host (or a server before
// login, in its disconnect message) can send ESC/CSI/OSC sequences, other C0
// and C1 controls and bidi overrides that move the cursor, retitle or recolour
// the terminal, or make a line read differently from what it holds. Every
// byte the CLI writes goes through here: line breaks and tabs stay; the rest
// is shown as a visible escape.

// C0 but tab and newline, DEL, C1, the bidi embedding/override/isolate
// controls and marks, and the Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * C0 controls become `\x1b`-style escapes; DEL, C1 and bidi controls become
 * `\u202e`-style escapes, which are also valid inside a JSON string (JSON
 * output never holds raw C0: JSON.stringify escapes it), so one filter
 * serves tables, messages and --json alike.
 */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A writer that neutralises everything written through it. */
export function terminalWriter(target: { write(text: string): unknown }): { write(text: string): unknown } {
  return { write: (text: string) => target.write(terminalText(text)) };
}
