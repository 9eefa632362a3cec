// Severity by colour and by word, never colour alone.
import type { Severity } from '../../preload/contract';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge severity-${severity}`}>{severity}</span>;
}
