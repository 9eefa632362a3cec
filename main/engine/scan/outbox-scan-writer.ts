// Scan writes to a team store that may go away: each write goes to the team
// store when it is there and nothing is waiting; when it cannot be reached
// (or drops mid-write), the write — and every one after it, so their order
// holds — goes to the local outbox instead, and the scan goes on. A flush
// retries the outbox in order every `retryMs` until the store takes them
// all; a write the store already holds (its reply was lost) counts as done,
// so each lands once. Errors the server answers (a constraint, a permission)
// are not the store being away and are thrown as before.
import { errorMessage } from '../errors/error-message';
import { isConnectionLost } from '../store/connection-lost';
import type { ScanOutbox } from '../store/scan-outbox';
import type { ScanStore } from '../store/scan-store';
import { applyScanWrite, type ScanWrite } from '../store/scan-write';

export interface OutboxState {
  /** When the team store was first found away, or null while it takes writes. */
  offlineSince: string | null;
  /** Writes kept locally, waiting for it. */
  queued: number;
}

export interface OutboxScanWriterOptions {
  team: ScanStore;
  outbox: ScanOutbox;
  retryMs?: number;
  now?: () => Date;
  /** Told when the store goes away, comes back, the queue changes size, or writes an earlier session kept are taken up at start. */
  onState?: (state: OutboxState, change: 'offline' | 'online' | 'queued' | 'resuming') => void;
  onFlushError?: (error: unknown) => void;
}

const UNIQUE_VIOLATION = '23505';
const BATCH = 50;

export class OutboxScanWriter {
  private state: OutboxState = { offlineSince: null, queued: 0 };
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** The queued write the store last refused (not for being away), said once rather than at every retry. */
  private refusedSeq: number | null = null;
  private gateChain: Promise<unknown> = Promise.resolve();
  private readonly retryMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: OutboxScanWriterOptions) {
    this.retryMs = options.retryMs ?? 5_000;
    this.now = options.now ?? (() => new Date());
  }

  get current(): OutboxState {
    return { ...this.state };
  }

  /** At start: writes an earlier session left in the outbox are counted, and flushed at once. */
  async resume(): Promise<void> {
    if (!(await this.options.outbox.exists())) return;
    const queued = await this.options.outbox.count();
    if (queued === 0) return void (await this.options.outbox.close());
    // Offline since the oldest write was kept: that is when the store was last found away.
    this.state = { offlineSince: (await this.options.outbox.oldestQueuedAt()) ?? this.now().toISOString(), queued };
    this.options.onState?.(this.current, 'resuming');
    this.scheduleFlush(0);
  }

  async write(write: ScanWrite): Promise<void> {
    let wentOffline = false;
    if (this.state.queued === 0 && this.state.offlineSince === null) {
      try {
        return await apply(this.options.team, write);
      } catch (error) {
        if (!isConnectionLost(error)) throw error;
        wentOffline = this.state.offlineSince === null;
        this.state.offlineSince ??= this.now().toISOString();
      }
    }
    // Counted before this write resolves, so a write that depends on it (the run's end after its hosts) queues behind it.
    await this.gate(async () => {
      await this.options.outbox.push(write);
      this.state.queued++;
    });
    // Said once the write is kept, so the count told with "offline" includes it.
    this.options.onState?.(this.current, wentOffline ? 'offline' : 'queued');
    this.scheduleFlush(this.retryMs);
  }

  /** Writes the queued writes now, in order; resolves when the queue is empty or the store is still away. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flushing?.catch(() => {});
    await this.gate(() => this.options.outbox.close());
  }

  /** Pushing to the outbox and deciding it is empty (then closing it) never interleave. */
  private gate<T>(work: () => Promise<T>): Promise<T> {
    const run = this.gateChain.then(work, work);
    this.gateChain = run.catch(() => undefined);
    return run;
  }

  private goOffline(): void {
    if (this.state.offlineSince !== null) return;
    this.state.offlineSince = this.now().toISOString();
    this.options.onState?.(this.current, 'offline');
  }

  private scheduleFlush(delayMs: number): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delayMs);
    this.timer.unref?.();
  }

  private async drain(): Promise<void> {
    for (;;) {
      const queued = await this.options.outbox.oldest(BATCH);
      if (queued.length === 0) {
        const emptied = await this.gate(async () => {
          if ((await this.options.outbox.count()) > 0) return false;
          this.state = { offlineSince: null, queued: 0 };
          await this.options.outbox.close();
          return true;
        });
        if (!emptied) continue;
        this.options.onState?.(this.current, 'online');
        return;
      }
      for (const { seq, write } of queued) {
        try {
          await apply(this.options.team, write);
        } catch (error) {
          if (!isConnectionLost(error) && this.refusedSeq !== seq) {
            this.refusedSeq = seq;
            this.options.onFlushError?.(new Error(`a queued ${write.kind} write was refused by the team store and is kept in the outbox: ${errorMessage(error)}`, { cause: error }));
          }
          this.goOffline();
          this.scheduleFlush(this.retryMs);
          return;
        }
        await this.options.outbox.remove(seq);
        this.state.queued = Math.max(0, this.state.queued - 1);
      }
    }
  }
}

/** One write against the team store; a row it already holds (the reply to an earlier try was lost) is done. */
async function apply(team: ScanStore, write: ScanWrite): Promise<void> {
  try {
    await applyScanWrite(team, write);
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION && (write.kind === 'run-started' || write.kind === 'host-finished')) return;
    throw error;
  }
}
