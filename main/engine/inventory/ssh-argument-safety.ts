// Names, addresses and users from an inventory are data, but they end up as
// ssh arguments (and in `ssh -J user@host:port` strings an operator may copy).
// A leading '-' would be read as an option (the CVE-2017-1000117 family),
// whitespace splits an argument, and control characters hide text in a
// terminal. These checks reject such values with a reason a person can act on.

/** Why `value` is unsafe as an ssh host, address or user argument, or null when it is fine. */
export function unsafeSshWordReason(value: string): string | null {
  if (value.length === 0) return 'is empty';
  if (value.startsWith('-')) return "starts with '-', so ssh would read it as an option";
  return unprintableReason(value) ?? (/\s/.test(value) ? 'contains whitespace' : null);
}

/** Why `value` holds a character that cannot be shown safely (control or line-breaking), or null. */
export function unprintableReason(value: string): string | null {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    // C0, DEL, C1, and the Unicode line/paragraph separators and bidi overrides
    // (U+202A–U+202E, U+2066–U+2069) that make a terminal show other text.
    const isControl = code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
    if (isControl) return `contains the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return null;
}
