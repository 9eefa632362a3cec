// Counting semaphores, one per key, with FIFO waiters; acquire() resolves to
// a release function. An aborted waiter leaves the queue.
export class KeyedLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly limit: number) {}

  async acquire(key: string, signal?: AbortSignal): Promise<() => void> {
    if ((this.active.get(key) ?? 0) < this.limit) return this.take(key);
    await new Promise<void>((resolve, reject) => {
      const queue = this.waiting.get(key) ?? [];
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = queue.indexOf(wake);
        if (index >= 0) queue.splice(index, 1);
        reject(signal!.reason instanceof Error ? signal!.reason : new Error('cancelled'));
      };
      queue.push(wake);
      this.waiting.set(key, queue);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    return this.take(key);
  }

  inUse(key: string): number {
    return this.active.get(key) ?? 0;
  }

  total(): number {
    let sum = 0;
    for (const count of this.active.values()) sum += count;
    return sum;
  }

  private take(key: string): () => void {
    this.active.set(key, (this.active.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.active.get(key) ?? 1) - 1;
      if (left === 0) this.active.delete(key);
      else this.active.set(key, left);
      const next = this.waiting.get(key)?.shift();
      if (this.waiting.get(key)?.length === 0) this.waiting.delete(key);
      next?.();
    };
  }
}
