// Bidi controls in host text are shown in the UI as markers, never applied.
import { expect, test } from 'vitest';
import { visibleBidi, visibleBidiText } from '../../../renderer/api/visible-bidi';

test('every bidi embedding, override, isolate and mark becomes a visible [U+XXXX] marker', () => {
  expect(visibleBidiText('invoice\u202egnp.exe')).toBe('invoice[U+202E]gnp.exe');
  for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]) {
    expect(visibleBidiText(`a${String.fromCharCode(code)}b`)).toBe(`a[U+${code.toString(16).toUpperCase().padStart(4, '0')}]b`);
  }
});

test('results are mapped deeply, and parts without bidi controls are the same objects (no copy)', () => {
  const clean = { title: 'ok', evidence: { excerpt: ['fine'] } };
  const value = { ok: true, value: { findings: [clean, { title: 'x\u2067y', evidence: { excerpt: ['\u202dz'] } }], count: 2, none: null } };
  const shown = visibleBidi(value);
  expect(shown).toEqual({ ok: true, value: { findings: [clean, { title: 'x[U+2067]y', evidence: { excerpt: ['[U+202D]z'] } }], count: 2, none: null } });
  expect(shown.value.findings[0]).toBe(clean);
  expect(value.value.findings[1]!.title).toBe('x\u2067y');
  const untouched = { a: ['b', { c: 'd' }] };
  expect(visibleBidi(untouched)).toBe(untouched);
});
