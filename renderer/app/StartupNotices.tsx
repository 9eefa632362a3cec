// What the engine met while starting or since (an interrupted scan, a data
// folder that was open to others, history that could not be saved): shown
// once at the top of every page until the operator dismisses it.
import { useState } from 'react';

export function StartupNotices({ notices }: { notices: string[] }) {
  const [dismissed, setDismissed] = useState(0);
  const shown = notices.slice(dismissed);
  if (shown.length === 0) return null;
  return (
    <section className="startup-notices" role="alert" aria-label="Notices from the engine" data-testid="startup-notices">
      <ul>
        {shown.map((notice, index) => (
          <li key={index}>{notice}</li>
        ))}
      </ul>
      <button type="button" onClick={() => setDismissed(notices.length)}>
        Dismiss
      </button>
    </section>
  );
}
