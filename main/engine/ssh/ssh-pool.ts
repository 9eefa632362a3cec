// The SSH transport: one connection per route, reused for every command
// (parallel exec channels), jump hosts shared by everything behind them,
// bounded concurrency (global, per server and per bastion: sshd's default
// MaxStartups 10:30:100 drops handshakes beyond 10), timeouts, retries with
// backoff for transient failures only, cancellation, idle close. An unknown
// host key is asked about here, between connection attempts, never inside a
// handshake; a scan asks about them all first, through probe().
import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import type { SecretStore } from '../secrets/secret-store';
import type { HostKeyStore } from './host-key-store';
import { KeyedLimiter } from './keyed-limiter';
import { openSshConnection } from './open-ssh-connection';
import type { OperatorPrompter } from './operator-prompts';
import { backoffDelayMs } from './retry-backoff';
import type { HostOutputBudget } from './output-budget';
import { runExec, type ExecResult } from './run-exec';
import { rejectedHostKeyMessage, SshError, unknownHostKeyId, type UnknownHostKey } from './ssh-error';
import { endpointKey, jumpRoute, routeKey, type SshEndpoint, type SshRoute } from './ssh-route';
import { errorMessage } from '../errors/error-message';

export interface SshLimits {
  maxConnections: number;
  maxHandshakesPerServer: number;
  maxChannelsPerConnection: number;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  keepaliveIntervalMs: number;
  idleCloseMs: number;
  retries: number;
}

export const DEFAULT_SSH_LIMITS: SshLimits = {
  maxConnections: 256,
  maxHandshakesPerServer: 8,
  maxChannelsPerConnection: 8,
  connectTimeoutMs: 10_000,
  commandTimeoutMs: 60_000,
  keepaliveIntervalMs: 15_000,
  idleCloseMs: 60_000,
  retries: 2,
};

export interface ExecOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** The host's share of the scan's output budget. */
  budget?: HostOutputBudget;
  /** Per-command output cap (MAX_OUTPUT_BYTES by default). */
  maxOutputBytes?: number;
}

const FAILURE_MEMORY_MS = 10_000;
const CHANNEL_OPEN_RETRIES = 4;

export interface SshPoolOptions {
  hostKeys: Pick<HostKeyStore, 'check' | 'accept' | 'knownKeyTypes'>;
  prompter: OperatorPrompter;
  secrets: SecretStore;
  agentSocket?: string;
  defaultIdentityFiles?: string[];
  limits?: Partial<SshLimits>;
}

interface PooledConnection {
  key: string;
  client: Client;
  route: SshRoute;
  /** The jump host's connection this one is tunnelled through. */
  parent: PooledConnection | null;
  activeChannels: number;
  dependants: number;
  lastUsed: number;
  closed: boolean;
}

export class SshPool {
  private readonly limits: SshLimits;
  private readonly live = new Map<string, PooledConnection>();
  private readonly opening = new Map<string, Promise<PooledConnection>>();
  private readonly handshakes: KeyedLimiter;
  private readonly channels: KeyedLimiter;
  private readonly connectionSlots: KeyedLimiter;
  private readonly idleTimer: NodeJS.Timeout;
  /** Non-retryable failures (auth, host key) remembered briefly, so one refusal is not asked or tried again per command. */
  private readonly recentFailures = new Map<string, { error: SshError; until: number }>();
  private readonly demand = new Map<string, number>();
  /** Unknown keys the operator refused (by unknownHostKeyId), not asked again until forgetRefusedHostKeys(). */
  private readonly refusedHostKeys = new Set<string>();
  /** Questions in flight, so hosts behind one bastion ask about its key once. */
  private readonly hostKeyQuestions = new Map<string, Promise<boolean>>();
  private handshakesInFlight = 0;
  private disposed = false;
  /** Connection attempts made, by route key (for tests and diagnostics). */
  readonly attempts = new Map<string, number>();

  constructor(private readonly options: SshPoolOptions) {
    this.limits = { ...DEFAULT_SSH_LIMITS, ...options.limits };
    this.handshakes = new KeyedLimiter(this.limits.maxHandshakesPerServer);
    this.channels = new KeyedLimiter(this.limits.maxChannelsPerConnection);
    this.connectionSlots = new KeyedLimiter(this.limits.maxConnections);
    this.idleTimer = setInterval(() => this.closeIdle(), Math.max(1000, Math.min(this.limits.idleCloseMs, 15_000)));
    this.idleTimer.unref();
  }

  async exec(route: SshRoute, command: string, options: ExecOptions = {}): Promise<ExecResult> {
    if (this.disposed) throw new SshError('cancelled', route.target.label, `${route.target.label}: the SSH pool is closed`);
    const key = routeKey(route);
    // Demand pins the connection: idle closing never takes one a caller is about to use.
    this.demand.set(key, (this.demand.get(key) ?? 0) + 1);
    try {
      return await this.execPinned(route, command, options);
    } finally {
      const left = (this.demand.get(key) ?? 1) - 1;
      if (left === 0) this.demand.delete(key);
      else this.demand.set(key, left);
      if (this.connectionSlots.inUse('all') >= this.limits.maxConnections) this.closeIdle(0);
    }
  }

  /**
   * Connects (or reuses the connection) as far as the route goes without
   * asking anyone: null when connected, else why not — an unknown key of the
   * first hop that offered one comes back as a 'host-key-unknown' SshError
   * carrying the key. The connection stays pooled for the commands after it.
   */
  async probe(route: SshRoute, signal?: AbortSignal): Promise<SshError | null> {
    if (this.disposed) return new SshError('cancelled', route.target.label, `${route.target.label}: the SSH pool is closed`);
    try {
      await this.connectionFor(route, signal);
      return null;
    } catch (error) {
      const failure = error instanceof SshError ? error : new SshError('connect-failed', route.target.label, `${route.target.label}: ${String(error)}`);
      return this.refusedHostKeyError(failure) ?? failure;
    } finally {
      if (this.connectionSlots.inUse('all') >= this.limits.maxConnections) this.closeIdle(0);
    }
  }

  /** Records an operator's acceptance (in known_hosts, audited by the store given). */
  async acceptHostKey(key: UnknownHostKey): Promise<void> {
    this.refusedHostKeys.delete(unknownHostKeyId(key));
    await this.options.hostKeys.accept(key.knownAs.host, key.knownAs.port, key.keyType, Buffer.from(key.keyBase64, 'base64'));
  }

  /** Remembers a refusal: connections offering this key fail at once without asking again. */
  refuseHostKey(key: UnknownHostKey): void {
    this.refusedHostKeys.add(unknownHostKeyId(key));
  }

  /** A new scan asks again about keys refused in an earlier one. */
  forgetRefusedHostKeys(): void {
    this.refusedHostKeys.clear();
  }

  private refusedHostKeyError(error: SshError): SshError | null {
    const key = error.hostKey;
    if (error.code !== 'host-key-unknown' || !key || !this.refusedHostKeys.has(unknownHostKeyId(key))) return null;
    return new SshError('host-key-unknown-rejected', error.label, rejectedHostKeyMessage(error.label, key), key);
  }

  /** connectionFor, asking the operator about each unknown key met on the way (one question per key, however many hosts wait on it). */
  private async connectionAsking(route: SshRoute, signal?: AbortSignal): Promise<PooledConnection> {
    // Each accepted key lets the route go one hop further: at most one question per hop.
    for (let hop = 0; ; hop++) {
      try {
        return await this.connectionFor(route, signal);
      } catch (error) {
        if (!(error instanceof SshError) || error.code !== 'host-key-unknown' || !error.hostKey || hop > route.jumps.length) throw error;
        const refused = this.refusedHostKeyError(error);
        if (refused) throw refused;
        if (!(await this.askAboutHostKey(error.hostKey))) throw this.refusedHostKeyError(error) ?? error;
      }
    }
  }

  private askAboutHostKey(key: UnknownHostKey): Promise<boolean> {
    const id = unknownHostKeyId(key);
    let question = this.hostKeyQuestions.get(id);
    if (!question) {
      question = this.options.prompter
        .confirmUnknownHostKey({ label: key.label, address: key.address, port: key.port, keyType: key.keyType, fingerprint: key.fingerprint })
        .catch(() => false)
        .then(async (accepted) => {
          if (accepted) await this.acceptHostKey(key);
          else this.refuseHostKey(key);
          return accepted;
        })
        .finally(() => this.hostKeyQuestions.delete(id));
      this.hostKeyQuestions.set(id, question);
    }
    return question;
  }

  private async execPinned(route: SshRoute, command: string, options: ExecOptions): Promise<ExecResult> {
    const connection = await this.connectionAsking(route, options.signal);
    connection.activeChannels++;
    try {
      const release = await this.channels.acquire(connection.key, options.signal).catch(() => {
        throw new SshError('cancelled', route.target.label, `${route.target.label}: cancelled`);
      });
      try {
        return await this.execRetryingRefusedChannel(connection, route, command, options);
      } catch (error) {
        throw blameLostJump(connection, error);
      } finally {
        release();
      }
    } finally {
      connection.activeChannels--;
      connection.lastUsed = Date.now();
    }
  }

  /**
   * sshd frees a session slot only once it has reaped the command and
   * closed the channel on its side, so a new channel opened right after one
   * closed can be refused ("no more sessions") although fewer than
   * MaxSessions are open as the client counts them: try again shortly.
   */
  private async execRetryingRefusedChannel(connection: PooledConnection, route: SshRoute, command: string, options: ExecOptions): Promise<ExecResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await runExec(connection.client, route.target.label, command, {
          timeoutMs: options.timeoutMs ?? this.limits.commandTimeoutMs,
          signal: options.signal,
          budget: options.budget,
          maxOutputBytes: options.maxOutputBytes,
        });
      } catch (error) {
        if (!(error instanceof SshError) || error.code !== 'channel-refused' || attempt >= CHANNEL_OPEN_RETRIES || options.signal?.aborted) throw error;
        await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      }
    }
  }

  stats(): { connections: number; handshakesInFlight: number } {
    return { connections: this.live.size, handshakesInFlight: this.handshakesInFlight };
  }

  /** Closes connections unused for idleCloseMs (or maxIdleMs) that carry nothing. */
  closeIdle(maxIdleMs = this.limits.idleCloseMs): void {
    const now = Date.now();
    for (const connection of this.live.values()) {
      const idle = connection.activeChannels === 0 && connection.dependants === 0 && !this.demand.has(connection.key);
      if (idle && now - connection.lastUsed >= maxIdleMs) this.drop(connection);
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearInterval(this.idleTimer);
    await Promise.allSettled([...this.opening.values()]);
    for (const connection of [...this.live.values()]) this.drop(connection);
  }

  private async connectionFor(route: SshRoute, signal?: AbortSignal): Promise<PooledConnection> {
    const key = routeKey(route);
    const existing = this.live.get(key);
    if (existing && !existing.closed) return existing;
    const failure = this.recentFailures.get(key);
    if (failure && failure.until > Date.now()) throw failure.error;
    let pending = this.opening.get(key);
    if (!pending) {
      pending = this.openWithRetry(route, key, signal)
        .catch((error: unknown) => {
          // An unknown key is not remembered as a failure: it is decided, then the route is opened again.
          if (error instanceof SshError && !error.retryable && error.code !== 'cancelled' && error.code !== 'host-key-unknown') {
            this.recentFailures.set(key, { error, until: Date.now() + FAILURE_MEMORY_MS });
          }
          throw error;
        })
        .finally(() => this.opening.delete(key));
      this.opening.set(key, pending);
    }
    return pending;
  }

  private async openWithRetry(route: SshRoute, key: string, signal?: AbortSignal): Promise<PooledConnection> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.open(route, key, signal);
      } catch (error) {
        const retryable = error instanceof SshError && error.retryable && error.code !== 'jump-failed';
        if (!retryable || attempt >= this.limits.retries || signal?.aborted || this.disposed) throw error;
        await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(attempt)));
      }
    }
  }

  private async open(route: SshRoute, key: string, signal?: AbortSignal): Promise<PooledConnection> {
    const parentRoute = jumpRoute(route);
    const parent = parentRoute ? await this.jumpConnection(parentRoute, route.target, signal) : null;
    const releaseSlot = await this.connectionSlots.acquire('all', signal);
    const serverKey = `${route.target.address}:${route.target.port}`;
    const viaKey = parent ? `via ${parent.key}` : null;
    const releases: (() => void)[] = [];
    try {
      releases.push(await this.handshakes.acquire(serverKey, signal));
      if (viaKey) releases.push(await this.handshakes.acquire(viaKey, signal));
      this.handshakesInFlight++;
      this.attempts.set(key, (this.attempts.get(key) ?? 0) + 1);
      try {
        const sock = parent ? await forward(parent, route.target) : undefined;
        const client = await openSshConnection(route.target, sock, {
          hostKeys: this.options.hostKeys,
          prompter: this.options.prompter,
          secrets: this.options.secrets,
          agentSocket: this.options.agentSocket,
          defaultIdentityFiles: this.options.defaultIdentityFiles ?? [],
          readyTimeoutMs: this.limits.connectTimeoutMs,
          keepaliveIntervalMs: this.limits.keepaliveIntervalMs,
          via: parent ? `through ${parent.route.target.label} (${parent.route.target.address}:${parent.route.target.port})` : null,
        });
        const connection: PooledConnection = { key, client, route, parent, activeChannels: 0, dependants: 0, lastUsed: Date.now(), closed: false };
        if (parent) parent.dependants++;
        client.on('close', () => {
          connection.closed = true;
          if (this.live.get(key) === connection) this.live.delete(key);
          if (parent) parent.dependants--;
          releaseSlot();
        });
        client.on('error', () => undefined);
        this.live.set(key, connection);
        return connection;
      } finally {
        this.handshakesInFlight--;
      }
    } catch (error) {
      releaseSlot();
      throw error;
    } finally {
      for (const release of releases) release();
    }
  }

  private async jumpConnection(route: SshRoute, target: SshEndpoint, signal?: AbortSignal): Promise<PooledConnection> {
    try {
      return await this.connectionFor(route, signal);
    } catch (error) {
      const reason = errorMessage(error);
      const code = error instanceof SshError && (error.code.startsWith('host-key') || error.code === 'auth-failed' || error.code === 'cancelled') ? error.code : 'jump-failed';
      const bastion = route.target;
      const bastionWhere = `${bastion.user}@${bastion.label} (${bastion.address}:${bastion.port})`;
      // The bastion's own error starts by naming it; say it once.
      const detail = reason.startsWith(`${bastionWhere}: `) ? reason.slice(bastionWhere.length + 2) : reason;
      const message = `${target.label}: cannot reach it through ${bastion.label} (${bastion.user}@${bastion.address}:${bastion.port}): ${detail}`;
      throw new SshError(code, target.label, message, error instanceof SshError ? error.hostKey : null);
    }
  }

  private drop(connection: PooledConnection): void {
    connection.closed = true;
    this.live.delete(connection.key);
    connection.client.end();
  }
}

/** A command cut off because a jump host in front of the target went away says which one (the outermost that did). */
function blameLostJump(connection: PooledConnection, error: unknown): unknown {
  if (!(error instanceof SshError) || error.code !== 'connection-lost') return error;
  let culprit: PooledConnection | null = null;
  for (let hop = connection.parent; hop; hop = hop.parent) if (hop.closed) culprit = hop;
  if (!culprit) return error;
  const jump = culprit.route.target;
  return new SshError('connection-lost', error.label, `${error.message}: the jump host ${jump.label} (${endpointKey(jump)}) in front of it dropped its connection`);
}

function forward(parent: PooledConnection, target: SshEndpoint): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    parent.client.forwardOut('127.0.0.1', 0, target.address, target.port, (error, stream) => {
      if (error) {
        reject(
          new SshError(
            'jump-failed',
            target.label,
            `${target.label} (${target.address}:${target.port}): ${parent.route.target.label} (${endpointKey(parent.route.target)}) would not open a tunnel to it: ${error.message}`,
          ),
        );
      } else {
        // The channel is half-open by default: when the target's sshd dies
        // the jump host sends EOF but keeps the channel until we close our
        // side, and ssh2 reports 'close' (failing the commands in flight)
        // only then; without this they would wait for their timeouts.
        stream.once('end', () => stream.destroy());
        resolve(stream);
      }
    });
  });
}
