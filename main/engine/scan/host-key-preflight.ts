// The connecting phase of a scan: before any command runs, connect to every
// host (bastions first, through the pool) far enough to see each host key;
// ask the operator once per site about all the unknown keys met (each with
// its fingerprint and the hosts it blocks); record the decisions; go one hop
// further behind the accepted ones; repeat until nothing new is met. No
// handshake is open while a person decides, so no connect timeout runs then.
import type { HostKeyBatch, OperatorPrompter } from '../ssh/operator-prompts';
import { rejectedHostKeyMessage, SshError, unknownHostKeyId, type UnknownHostKey } from '../ssh/ssh-error';
import type { SshRoute } from '../ssh/ssh-route';
import { hostKeyBatches, type BlockedHost } from './host-key-batches';
import type { ScanTarget } from './scan-target';

/** What the pre-flight needs from the transport (the SSH pool). */
export interface HostKeyGate {
  probe(route: SshRoute, signal?: AbortSignal): Promise<SshError | null>;
  acceptHostKey(key: UnknownHostKey): Promise<void>;
  refuseHostKey(key: UnknownHostKey): void;
  forgetRefusedHostKeys(): void;
}

export interface PreflightOptions {
  gate: HostKeyGate;
  prompter: OperatorPrompter;
  signal: AbortSignal;
  concurrency: number;
  siteName: (dc: string) => string;
  onConnecting?: (target: ScanTarget) => void;
}

/** Connects to every target; returns, by host name, why each one that could not be connected to cannot be scanned. */
export async function connectFirst(targets: ScanTarget[], options: PreflightOptions): Promise<Map<string, SshError>> {
  const { gate, signal } = options;
  gate.forgetRefusedHostKeys();
  const unreachable = new Map<string, SshError>();
  for (const target of targets) options.onConnecting?.(target);
  const hops = Math.max(0, ...targets.map((target) => target.route.jumps.length));
  let pending = targets;
  // One round per hop to learn its key, and one more to connect behind the last accepted one.
  for (let round = 0; pending.length > 0 && round <= hops + 1 && !signal.aborted; round++) {
    const blocked: (BlockedHost & { target: ScanTarget })[] = [];
    await forEachLimited(pending, options.concurrency, async (target) => {
      if (signal.aborted) return;
      const failure = await gate.probe(target.route, signal);
      if (!failure) return void unreachable.delete(target.name);
      unreachable.set(target.name, failure);
      if (failure.code === 'host-key-unknown' && failure.hostKey) {
        blocked.push({ target, host: target.name, dc: target.dc, siteRole: target.siteRole, key: failure.hostKey });
      }
    });
    if (blocked.length === 0 || signal.aborted) break;
    const accepted = new Set<string>();
    for (const batch of hostKeyBatches(blocked, options.siteName)) {
      const ids = new Set(await askUntilAborted(options.prompter, batch, signal));
      if (signal.aborted) break;
      for (const key of batch.keys) if (ids.has(key.id)) accepted.add(key.id);
    }
    // Cancelled while asking: nothing is recorded as accepted or refused.
    if (signal.aborted) break;
    for (const key of uniqueKeys(blocked.map((entry) => entry.key))) {
      if (accepted.has(unknownHostKeyId(key))) await gate.acceptHostKey(key);
      else gate.refuseHostKey(key);
    }
    for (const entry of blocked) {
      if (accepted.has(unknownHostKeyId(entry.key))) continue;
      unreachable.set(entry.host, new SshError('host-key-unknown-rejected', entry.host, rejectedHostKeyMessage(entry.host, entry.key), entry.key));
    }
    pending = blocked.filter((entry) => accepted.has(unknownHostKeyId(entry.key))).map((entry) => entry.target);
  }
  // Still undecided (a chain longer than the rounds allow): left for the scan, whose pool asks inline.
  for (const [host, failure] of unreachable) if (failure.code === 'host-key-unknown') unreachable.delete(host);
  return unreachable;
}

/** The batch asked as one question when the front end can, else key by key; a cancelled scan stops waiting (and accepts nothing). */
async function askUntilAborted(prompter: OperatorPrompter, batch: HostKeyBatch, signal: AbortSignal): Promise<string[]> {
  const asked = prompter.confirmUnknownHostKeys
    ? prompter.confirmUnknownHostKeys(batch)
    : (async () => {
        const accepted: string[] = [];
        for (const key of batch.keys) {
          if (signal.aborted) break;
          const { label, address, port, keyType, fingerprint } = key;
          if (await prompter.confirmUnknownHostKey({ label, address, port, keyType, fingerprint })) accepted.push(key.id);
        }
        return accepted;
      })();
  let onAbort: (() => void) | null = null;
  const aborted = new Promise<string[]>((resolve) => {
    onAbort = () => resolve([]);
    if (signal.aborted) resolve([]);
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([asked.catch(() => []), aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

function uniqueKeys(keys: UnknownHostKey[]): UnknownHostKey[] {
  return [...new Map(keys.map((key) => [unknownHostKeyId(key), key])).values()];
}

async function forEachLimited<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, worker));
}
