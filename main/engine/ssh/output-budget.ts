// Caps on what a host may send: per command, per host and per scan. A
// hostile or broken host can answer endlessly; without a cap per host (22
// commands x 40 MB) and per scan, one host costs gigabytes of memory and
// minutes. Budgets are charged as chunks arrive; what does not fit is not
// kept, and the output says it was cut and where.

import type { OutputTruncationView } from '../../../preload/contract';

export type OutputCapName = OutputTruncationView['cap'];

/** How an output was cut: which cap, its size, and how many bytes (stdout and stderr together) were kept. */
export type OutputTruncation = OutputTruncationView;

export interface OutputCaps {
  perCommandBytes: number;
  perHostBytes: number;
  perScanBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_OUTPUT_CAPS: OutputCaps = {
  // Real outputs are far smaller (nft -j of a mail host's ruleset: well under 1 MiB).
  perCommandBytes: 8 * MiB,
  // The CLI alone (PGlite included) is ~370 MB; a host at this cap keeps a scan well under 600 MB.
  perHostBytes: 16 * MiB,
  // Bytes of the hosts being scanned at once (released when a host's result is stored).
  perScanBytes: 128 * MiB,
};

/** The bytes held for the hosts being scanned at once, shared by all of them. */
export class ScanOutputPool {
  private used = 0;

  constructor(readonly limitBytes: number) {}

  /** Grants up to `bytes`, as many as the pool still has room for. */
  grant(bytes: number): number {
    const granted = Math.max(0, Math.min(bytes, this.limitBytes - this.used));
    this.used += granted;
    return granted;
  }

  /** Gives back a host's bytes once its result is stored (or dropped). */
  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  get usedBytes(): number {
    return this.used;
  }
}

/**
 * One host's allowance, drawn from the scan's pool. Once a chunk is cut the
 * host is cut for good: nothing more of it is kept, and its remaining
 * commands are not started.
 */
export class HostOutputBudget {
  private used = 0;
  private cutBy: OutputCapName | null = null;

  constructor(
    readonly limitBytes: number,
    private readonly pool: ScanOutputPool | null,
  ) {}

  /** Takes up to `bytes`; returns how many may be kept. */
  take(bytes: number): number {
    if (this.cutBy) return 0;
    const want = Math.min(bytes, this.limitBytes - this.used);
    const granted = this.pool ? this.pool.grant(want) : want;
    this.used += granted;
    if (granted < bytes) this.cutBy = want < bytes ? 'host' : 'scan';
    return granted;
  }

  /** Which cap cut this host's output, or null while it is within both. */
  get cut(): OutputCapName | null {
    return this.cutBy;
  }

  get capBytes(): number {
    return this.cutBy === 'scan' && this.pool ? this.pool.limitBytes : this.limitBytes;
  }

  get usedBytes(): number {
    return this.used;
  }

  /** Returns this host's bytes to the scan's pool (its result is stored; the next hosts may use them). */
  releaseToPool(): void {
    this.pool?.release(this.used);
  }
}

/** A byte count for an operator: "16 MiB", "1.5 MiB", "12 KiB", "1000 bytes". */
export function mebibytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MiB) return `${Math.round(bytes / 1024)} KiB`;
  return bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${(bytes / MiB).toFixed(1)} MiB`;
}
