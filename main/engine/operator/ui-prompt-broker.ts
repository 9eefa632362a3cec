// Routes operator questions to the UI as 'operator:prompt' events and waits
// for the matching operator.answer call. Open questions are kept (without
// answers) so a page that reloads can show them again. An unanswered
// question is declined after a while, so a scan never hangs on an empty
// screen; declining only settles a promise here, the transport is never
// waiting inside a handshake for it. Answers are handed to the transport
// and never kept here.
import { randomUUID } from 'node:crypto';
import type { OperatorAnswer, OperatorPrompt } from '../../../preload/contract';
import type { EngineEvents } from '../dispatch/engine-events';
import type { HostKeyBatch, OperatorPrompter } from '../ssh/operator-prompts';

interface Waiting {
  prompt: OperatorPrompt;
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

  async confirmUnknownHostKeys(batch: HostKeyBatch): Promise<string[]> {
    const answer = await this.ask({ kind: 'host-keys', site: batch.site, siteName: batch.siteName, keys: batch.keys });
    if (answer?.kind !== 'host-keys') return [];
    const offered = new Set(batch.keys.map((key) => key.id));
    return answer.accept.filter((id) => offered.has(id));
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
    if (!waiting || waiting.prompt.kind !== answer.kind) return false;
    waiting.settle(answer);
    return true;
  }

  pending(): number {
    return this.waiting.size;
  }

  /** The questions still open, oldest first (answers are never kept). */
  openPrompts(): OperatorPrompt[] {
    return [...this.waiting.values()].map((waiting) => structuredClone(waiting.prompt));
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
      const prompt = { ...question, promptId } as OperatorPrompt;
      this.waiting.set(promptId, { prompt, settle });
      this.events.emit('operator:prompt', prompt);
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
