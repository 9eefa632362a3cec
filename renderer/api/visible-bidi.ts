// Bidi controls in host-supplied text are shown, never applied. A host name,
// an output line or a finding's evidence carrying U+202E (RIGHT-TO-LEFT
// OVERRIDE) or an isolate would make the page read differently from what the
// host sent ("gnp.exe" shown as "exe.png"). Every string that comes from the
// engine passes through here, so no page can forget it: each control is
// replaced by a visible marker naming its code point.

// Embeddings/overrides, isolates, and the invisible direction marks.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const HAS_BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export function visibleBidiText(text: string): string {
  return text.replace(BIDI_CONTROLS, (char) => `[U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

/** The same plain data with bidi controls in every string made visible; unchanged parts are the same objects (no copy). */
export function visibleBidi<T>(value: T): T {
  if (typeof value === 'string') return (HAS_BIDI_CONTROL.test(value) ? visibleBidiText(value) : value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const shown = visibleBidi(value[i] as unknown);
      if (shown !== value[i]) (copy ??= [...value])[i] = shown;
    }
    return (copy ?? value) as T;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(record)) {
    const shown = visibleBidi(record[key]);
    if (shown !== record[key]) (copy ??= { ...record })[key] = shown;
  }
  return (copy ?? value) as T;
}
