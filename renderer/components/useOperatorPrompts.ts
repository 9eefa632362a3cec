// Prompts raised by the engine (unknown host keys, one-time passwords, key
// passphrases), queued in arrival order until the operator answers.
import { useCallback, useEffect, useState } from 'react';
import type { OperatorAnswer, OperatorPrompt } from '../../preload/contract';
import { getOpsDeck } from '../api/opsdeck';

export function useOperatorPrompts() {
  const [queue, setQueue] = useState<OperatorPrompt[]>([]);
  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    const offPrompt = api.on('operator:prompt', (prompt) => setQueue((current) => [...current, prompt]));
    const offClosed = api.on('operator:prompt-closed', ({ promptId }) =>
      setQueue((current) => current.filter((prompt) => prompt.promptId !== promptId)),
    );
    return () => {
      offPrompt();
      offClosed();
    };
  }, []);
  const answer = useCallback(async (promptId: string, reply: OperatorAnswer) => {
    setQueue((current) => current.filter((prompt) => prompt.promptId !== promptId));
    await getOpsDeck()?.operator.answer({ promptId, answer: reply });
  }, []);
  return { queue, answer };
}
