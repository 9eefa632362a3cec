// One site's unknown host keys, asked together before a scan connects: each
// key once, with its fingerprint and the hosts it stands in front of. The
// operator accepts all, accepts the ticked ones, or refuses all; or cancels
// the scan from here (the page behind a modal dialog cannot be used).
import { useState } from 'react';
import type { OperatorPrompt } from '../../preload/contract';

type HostKeysPrompt = Extract<OperatorPrompt, { kind: 'host-keys' }>;

const HOSTS_SHOWN = 8;

export function HostKeyBatchPrompt({ prompt, onAnswer, onCancelScan }: { prompt: HostKeysPrompt; onAnswer: (accept: string[]) => void; onCancelScan: () => void }) {
  const [ticked, setTicked] = useState<Set<string>>(() => new Set());
  const toggle = (id: string) =>
    setTicked((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const count = prompt.keys.length;
  return (
    <div>
      <h2 id="prompt-title">
        {count === 1 ? 'Unknown host key' : `${count} unknown host keys`} at {prompt.siteName}
      </h2>
      <p>
        OpsDeck has not seen {count === 1 ? 'this key' : 'these keys'} before, and connects to nothing behind {count === 1 ? 'it' : 'them'} until you decide. Compare each fingerprint with your records
        (for example <code>ssh-keygen -lf</code> on the host&apos;s console) before accepting; an accepted key is remembered. The scan waits for you: no connection times out meanwhile.
      </p>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Accept</th>
            <th scope="col">Server</th>
            <th scope="col">Key</th>
            <th scope="col">Fingerprint</th>
            <th scope="col">Hosts it blocks</th>
          </tr>
        </thead>
        <tbody>
          {prompt.keys.map((key) => {
            const blocked = key.hosts.filter((host) => host !== key.label);
            return (
              <tr key={key.id}>
                <td>
                  <input type="checkbox" checked={ticked.has(key.id)} onChange={() => toggle(key.id)} aria-label={`Accept the key of ${key.label}`} />
                </td>
                <th scope="row" className="mono">
                  {key.label}
                  <div className="muted">
                    {key.address}:{key.port}
                  </div>
                </th>
                <td className="mono nowrap">{key.keyType}</td>
                <td className="mono fingerprint">{key.fingerprint}</td>
                <td className="mono" title={blocked.join(', ')}>
                  {blocked.length === 0 ? 'itself' : `${blocked.length}: ${blocked.slice(0, HOSTS_SHOWN).join(', ')}${blocked.length > HOSTS_SHOWN ? ', …' : ''}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={() => onAnswer(prompt.keys.map((key) => key.id))}>
          Accept all ({count})
        </button>
        <button type="button" disabled={ticked.size === 0} onClick={() => onAnswer([...ticked])}>
          Accept selected ({ticked.size})
        </button>
        <button type="button" className="danger" onClick={() => onAnswer([])}>
          Refuse all
        </button>
        <button type="button" className="danger" onClick={onCancelScan}>
          Cancel scan
        </button>
      </div>
    </div>
  );
}
