// Encryption state as an icon AND words, never colour or icon alone: a
// closed lock for encrypted (key loaded or not), an open lock for data in
// the clear, a question mark for what could not be judged.
export type LockState = 'encrypted' | 'locked' | 'unencrypted' | 'exception' | 'unknown' | 'memory';

const GLYPH: Record<LockState, 'closed' | 'open' | 'question' | 'memory'> = {
  encrypted: 'closed',
  locked: 'closed',
  unencrypted: 'open',
  exception: 'open',
  unknown: 'question',
  memory: 'memory',
};

export function LockMarker({ state, label }: { state: LockState; label: string }) {
  return (
    <span className={`lock lock-${state}`} data-lock={state}>
      <LockIcon glyph={GLYPH[state]} />
      {label}
    </span>
  );
}

function LockIcon({ glyph }: { glyph: (typeof GLYPH)[LockState] }) {
  if (glyph === 'question' || glyph === 'memory') {
    return (
      <svg className="lock-icon" width="12" height="14" viewBox="0 0 12 14" aria-hidden="true">
        <rect x="1.5" y="2.5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" strokeDasharray={glyph === 'memory' ? '2 1.5' : undefined} />
        {glyph === 'question' && <path d="M4.5 5.5a1.5 1.5 0 1 1 2 1.4c-.4.2-.5.4-.5.8V8.5M6 9.6v.4" fill="none" stroke="currentColor" strokeLinecap="round" />}
      </svg>
    );
  }
  // The shackle: closed drops into the body; open is lifted and swung to the right.
  const shackle = glyph === 'closed' ? 'M3.5 6.5V4.5a2.5 2.5 0 0 1 5 0v2' : 'M8.5 6.5V3.5a2.5 2.5 0 0 1 5 0v1';
  return (
    <svg className="lock-icon" width={glyph === 'closed' ? 12 : 15} height="14" viewBox={glyph === 'closed' ? '0 0 12 14' : '0 0 15 14'} aria-hidden="true">
      <path d={shackle} fill="none" stroke="currentColor" strokeWidth="1.4" />
      <rect x="1.5" y="6.5" width="9" height="6.5" rx="1" fill="currentColor" />
    </svg>
  );
}
