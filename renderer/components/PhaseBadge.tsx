// A host's scan state by colour and by word, never colour alone.
import type { HostPhase } from '../../preload/contract';

const LABELS: Record<HostPhase, string> = {
  queued: 'queued',
  connecting: 'connecting',
  authenticating: 'authenticating',
  running: 'running',
  done: '✓ answered',
  failed: '✕ failed',
  cancelled: '– cancelled',
};

export function PhaseBadge({ phase }: { phase: HostPhase | null }) {
  if (!phase) return <span className="badge badge-none">not scanned</span>;
  return <span className={`badge badge-${phase}`}>{LABELS[phase]}</span>;
}
