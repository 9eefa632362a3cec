// A modal dialog for whatever the engine needs the operator to decide. Host
// keys are shown with their SHA256 fingerprints; answers are never stored
// here (a passphrase is kept only when "remember" is ticked, by the engine,
// in the OS keychain).
import { useEffect, useRef, useState } from 'react';
import type { AppInfo, OperatorPrompt } from '../../preload/contract';
import { getOpsDeck } from '../api/opsdeck';
import { HostKeyBatchPrompt } from './HostKeyBatchPrompt';
import { useOperatorPrompts } from './useOperatorPrompts';

type HostKeyPrompt = Extract<OperatorPrompt, { kind: 'host-key' }>;

export function OperatorPromptDialog() {
  const { queue, answer, cancelScan } = useOperatorPrompts();
  const dialog = useRef<HTMLDialogElement>(null);
  const current = queue[0];
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (current && !element.open) element.showModal();
    if (!current && element.open) element.close();
  }, [current]);
  const hostKeys = queue.filter((prompt): prompt is HostKeyPrompt => prompt.kind === 'host-key');
  return (
    <dialog ref={dialog} className="prompt-dialog" aria-labelledby="prompt-title" onCancel={(event) => event.preventDefault()}>
      {current?.kind === 'host-key' && <HostKeyPrompts prompts={hostKeys} onAnswer={(prompt, accept) => void answer(prompt.promptId, { kind: 'host-key', accept })} />}
      {current?.kind === 'host-keys' && (
        <HostKeyBatchPrompt key={current.promptId} prompt={current} onAnswer={(accept) => void answer(current.promptId, { kind: 'host-keys', accept })} onCancelScan={() => void cancelScan()} />
      )}
      {current?.kind === 'keyboard-interactive' && <KeyboardInteractive prompt={current} onAnswer={(responses) => void answer(current.promptId, { kind: 'keyboard-interactive', responses })} />}
      {current?.kind === 'passphrase' && <Passphrase prompt={current} onAnswer={(passphrase, remember) => void answer(current.promptId, { kind: 'passphrase', passphrase, remember })} />}
    </dialog>
  );
}

function HostKeyPrompts({ prompts, onAnswer }: { prompts: HostKeyPrompt[]; onAnswer: (prompt: HostKeyPrompt, accept: boolean) => void }) {
  return (
    <div>
      <h2 id="prompt-title">Unknown host key{prompts.length > 1 ? `s (${prompts.length})` : ''}</h2>
      <p>
        OpsDeck has never seen {prompts.length > 1 ? 'these hosts' : 'this host'}. Compare each fingerprint with the one your host inventory or provisioning records before accepting; an accepted key
        is remembered.
      </p>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">Key</th>
            <th scope="col">Fingerprint</th>
            <th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {prompts.map((prompt) => (
            <tr key={prompt.promptId}>
              <th scope="row" className="mono">
                {prompt.host}
                <div className="muted">
                  {prompt.address}:{prompt.port}
                </div>
              </th>
              <td className="mono">{prompt.keyType}</td>
              <td className="mono fingerprint">{prompt.fingerprint}</td>
              <td className="nowrap">
                <button type="button" className="small" onClick={() => onAnswer(prompt, true)}>
                  Accept
                </button>{' '}
                <button type="button" className="small danger" onClick={() => onAnswer(prompt, false)}>
                  Reject
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {prompts.length > 1 && (
        <div className="dialog-actions">
          <button type="button" onClick={() => prompts.forEach((prompt) => onAnswer(prompt, true))}>
            Accept all {prompts.length} shown
          </button>
          <button type="button" className="danger" onClick={() => prompts.forEach((prompt) => onAnswer(prompt, false))}>
            Reject all
          </button>
        </div>
      )}
    </div>
  );
}

function KeyboardInteractive({ prompt, onAnswer }: { prompt: Extract<OperatorPrompt, { kind: 'keyboard-interactive' }>; onAnswer: (responses: string[] | null) => void }) {
  const [responses, setResponses] = useState<string[]>(() => prompt.prompts.map(() => ''));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onAnswer(responses);
      }}
    >
      <h2 id="prompt-title">{prompt.host} asks</h2>
      {prompt.name && <p>{prompt.name}</p>}
      {prompt.instructions && <pre className="mono">{prompt.instructions}</pre>}
      {prompt.prompts.map((item, index) => (
        <label key={index} className="field">
          <span className="mono">{item.prompt}</span>
          <input
            type={item.echo ? 'text' : 'password'}
            autoComplete="off"
            autoFocus={index === 0}
            value={responses[index] ?? ''}
            onChange={(event) => setResponses((current) => current.map((value, i) => (i === index ? event.target.value : value)))}
          />
        </label>
      ))}
      <p className="muted">Answers go to the host and are never stored.</p>
      <div className="dialog-actions">
        <button type="submit">Send</button>
        <button type="button" className="danger" onClick={() => onAnswer(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Passphrase({ prompt, onAnswer }: { prompt: Extract<OperatorPrompt, { kind: 'passphrase' }>; onAnswer: (passphrase: string | null, remember: boolean) => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const keychain = useKeychain();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onAnswer(passphrase, remember && keychain.available);
      }}
    >
      <h2 id="prompt-title">Passphrase for {prompt.identityFile}</h2>
      <p>Needed to connect to {prompt.host}.</p>
      <label className="field">
        <span>Passphrase</span>
        <input type="password" autoComplete="off" autoFocus value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={remember && keychain.available} disabled={!keychain.available} onChange={(event) => setRemember(event.target.checked)} /> Remember in the OS keychain
      </label>
      {!keychain.available && <p className="muted">{keychain.reason}</p>}
      <div className="dialog-actions">
        <button type="submit">Unlock</button>
        <button type="button" className="danger" onClick={() => onAnswer(null, false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Whether a passphrase can be remembered here (the engine's keychain binding loaded); assumed so until the engine says. */
function useKeychain(): AppInfo['keychain'] {
  const [keychain, setKeychain] = useState<AppInfo['keychain']>({ available: true, reason: null });
  useEffect(() => {
    let live = true;
    void getOpsDeck()
      ?.app.info({})
      .then((result) => {
        if (live && result.ok) setKeychain(result.value.keychain);
      });
    return () => {
      live = false;
    };
  }, []);
  return keychain;
}
