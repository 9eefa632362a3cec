// Prompts raised by the engine (unknown host keys, one-time passwords, key
// passphrases), queued in arrival order until the operator answers. On load
// the questions already waiting are fetched, so a reloaded page shows them
// again instead of leaving the scan waiting on nobody.
import { useCallback, useEffect, useState } from 'react';
import type { OperatorAnswer, OperatorPrompt } from '../../preload/contract';
import { getOpsDeck } from '../api/opsdeck';

export function useOperatorPrompts() {
  const [queue, setQueue] = useState<OperatorPrompt[]>([]);
  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    let live = true;
    const add = (prompts: OperatorPrompt[]) => setQueue((current) => [...current, ...prompts.filter((prompt) => !current.some((known) => known.promptId === prompt.promptId))]);
    const offPrompt = api.on('operator:prompt', (prompt) => add([prompt]));
    const offClosed = api.on('operator:prompt-closed', ({ promptId }) => setQueue((current) => current.filter((prompt) => prompt.promptId !== promptId)));
    void api.scan.current({}).then((result) => {
      if (live && result.ok) add(result.value.prompts);
    });
    return () => {
      live = false;
      offPrompt();
      offClosed();
    };
  }, []);
  const answer = useCallback(async (promptId: string, reply: OperatorAnswer) => {
    setQueue((current) => current.filter((prompt) => prompt.promptId !== promptId));
    await getOpsDeck()?.operator.answer({ promptId, answer: reply });
  }, []);
  /** Cancels the scan in progress from inside the dialog (the page behind it is inert while it is open). */
  const cancelScan = useCallback(async () => {
    const api = getOpsDeck();
    const current = await api?.scan.current({});
    if (api && current?.ok && current.value.run) await api.scan.cancel({ runId: current.value.run.runId });
  }, []);
  return { queue, answer, cancelScan };
}
