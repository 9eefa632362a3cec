// Routes operator questions to the UI as 'operator:prompt' events and waits
// for the matching operator.answer call. An unanswered question is declined
// after a while, so a scan never hangs on an empty screen. Answers are
// handed to the transport and never kept here.
import { randomUUID } from 'node:crypto';
import type { OperatorAnswer, OperatorPrompt } from '../../../preload/contract';
import type { EngineEvents } from '../contract/engine-events';
import type { OperatorPrompter } from '../ssh/operator-prompts';

interface Waiting {
  kind: OperatorPrompt['kind'];
  settle: (answer: OperatorAnswer | null) => void;
}

export class UiPromptBroker implements OperatorPrompter {
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    private readonly events: EngineEvents,
    private readonly timeoutMs = 5 * 60_000,
  ) {}

  async confirmUnknownHostKey(question: Parameters<OperatorPrompter['confirmUnknownHostKey']>[0]): Promise<boolean> {
    const answer = await this.ask({
      kind: 'host-key',
      host: question.label,
      address: question.address,
      port: question.port,
      keyType: question.keyType,
      fingerprint: question.fingerprint,
    });
    return answer?.kind === 'host-key' && answer.accept;
  }

  async keyboardInteractive(question: Parameters<OperatorPrompter['keyboardInteractive']>[0]): Promise<string[] | null> {
    const answer = await this.ask({
      kind: 'keyboard-interactive',
      host: question.label,
      name: question.name,
      instructions: question.instructions,
      prompts: question.prompts,
    });
    return answer?.kind === 'keyboard-interactive' ? answer.responses : null;
  }

  async keyPassphrase(question: Parameters<OperatorPrompter['keyPassphrase']>[0]): Promise<{ passphrase: string; remember: boolean } | null> {
    const answer = await this.ask({ kind: 'passphrase', host: question.label, identityFile: question.identityFile });
    return answer?.kind === 'passphrase' && answer.passphrase !== null ? { passphrase: answer.passphrase, remember: answer.remember } : null;
  }

  /** Returns false when no such question is waiting (answered, expired, or never asked). */
  answer(promptId: string, answer: OperatorAnswer): boolean {
    const waiting = this.waiting.get(promptId);
    if (!waiting || waiting.kind !== answer.kind) return false;
    waiting.settle(answer);
    return true;
  }

  pending(): number {
    return this.waiting.size;
  }

  /** Declines every open question (scan cancelled, engine closing). */
  declineAll(): void {
    for (const waiting of [...this.waiting.values()]) waiting.settle(null);
  }

  private ask(question: DistributiveOmit<OperatorPrompt, 'promptId'>): Promise<OperatorAnswer | null> {
    const promptId = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(null), this.timeoutMs);
      timer.unref?.();
      const settle = (answer: OperatorAnswer | null) => {
        clearTimeout(timer);
        if (!this.waiting.delete(promptId)) return;
        this.events.emit('operator:prompt-closed', { promptId });
        resolve(answer);
      };
      this.waiting.set(promptId, { kind: question.kind, settle });
      this.events.emit('operator:prompt', { ...question, promptId } as OperatorPrompt);
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
