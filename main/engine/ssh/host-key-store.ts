// Strict host-key checking against the operator's known_hosts (read only) and
// OpsDeck's own known_hosts (where accepted keys are appended). Paths are
// injected so tests never read or write the real ~/.ssh.
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FileError } from '../errors/file-error';
import { formatKnownHostsLine, knownKeyTypesForHost, lookupHostKey, type HostKeyVerdict, type KnownHostsKey, type KnownHostsProblem } from './known-hosts';
import { knownHostsLookupName } from './known-hosts-host-match';
import { KnownHostsIndex } from './known-hosts-index';

export type RefusedHostKeyVerdict = Exclude<HostKeyVerdict, { status: 'known' }>;

export type HostKeyErrorCode = 'host-key-changed' | 'host-key-revoked' | 'host-key-unknown';

/** How a host is named to the operator: its inventory name and the address dialled. */
export type HostKeyHostLabel = string | { name: string; address: string };

export class HostKeyError extends Error {
  override readonly name = 'HostKeyError';
  readonly code: HostKeyErrorCode;
  constructor(
    readonly host: HostKeyHostLabel,
    readonly port: number,
    readonly verdict: RefusedHostKeyVerdict,
  ) {
    super(hostKeyRefusalMessage(host, port, verdict));
    this.code = `host-key-${verdict.status}`;
  }
}

export class KnownHostsFileError extends FileError<'known-hosts-unreadable'> {
  override readonly name = 'KnownHostsFileError';
  constructor(path: string, cause: unknown) {
    super('known-hosts-unreadable', path, `cannot read known_hosts file ${path}: ${(cause as Error).message}; fix its permissions or remove it`, { cause });
  }
}

/** The operator-facing explanation of why a connection is refused (or needs a decision). */
export function hostKeyRefusalMessage(host: HostKeyHostLabel, port: number, verdict: RefusedHostKeyVerdict): string {
  const who = typeof host === 'string' ? `${host}:${port}` : `${host.name} (${host.address}:${port})`;
  switch (verdict.status) {
    case 'changed': {
      const known = verdict.knownFingerprints.map((k) => `${k.keyType} ${k.fingerprint} (${k.source} line ${k.line})`).join(', ');
      return (
        `host key for ${who} changed: known ${known}, now offered ${verdict.fingerprint}; refusing to connect. ` +
        'Either the host was reinstalled or someone is intercepting the connection; ' +
        'verify the new fingerprint out of band and remove the old entry.'
      );
    }
    case 'revoked':
      return (
        `host key for ${who} is revoked: ${verdict.fingerprint} is marked @revoked (${verdict.source} line ${verdict.line}); ` +
        'refusing to connect. The host must be given a new key; do not remove the @revoked line.'
      );
    case 'unknown':
      return (
        `host key for ${who} is not known: offered ${verdict.fingerprint}; not connecting until it is accepted. ` +
        "Verify this fingerprint out of band (e.g. ssh-keygen -lf on the host's console) before accepting it."
      );
  }
}

export interface HostKeyStoreOptions {
  /** The operator's ~/.ssh/known_hosts: only ever read. */
  userKnownHostsPath?: string;
  /** OpsDeck's own known_hosts, where accepted keys are appended. */
  opsdeckKnownHostsPath: string;
  /** Write accepted hosts hashed (as Debian's HashKnownHosts yes); default true. */
  hashAcceptedHosts?: boolean;
}

export class HostKeyStore {
  private appending: Promise<void> = Promise.resolve();
  private readonly index = new KnownHostsIndex();
  /** A read of the files not yet started, which a lookup arriving now can share; null while none waits. */
  private nextRead: Promise<void> | null = null;
  private reading: Promise<void> = Promise.resolve();

  constructor(private readonly options: HostKeyStoreOptions) {}

  async check(host: string, port: number, keyType: string, keyBlob: Buffer): Promise<HostKeyVerdict> {
    return lookupHostKey(await this.linesFor(host, port), host, port, keyType, keyBlob);
  }

  /** The key types recorded for host:port, so the handshake can ask for one of them first. */
  async knownKeyTypes(host: string, port: number): Promise<string[]> {
    return knownKeyTypesForHost(await this.linesFor(host, port), host, port);
  }

  /** Malformed lines in either file, for the operator to fix (they are ignored by check). */
  async problems(): Promise<KnownHostsProblem[]> {
    await this.read();
    return this.index.all().filter((e): e is KnownHostsProblem => e.kind === 'problem');
  }

  /**
   * Records an operator's acceptance of a key the check found unknown. Refuses
   * (HostKeyError) a changed or revoked key: that needs the old entry removed by
   * hand, not a click. Accepting an already-known key does nothing.
   */
  accept(host: string, port: number, keyType: string, keyBlob: Buffer): Promise<void> {
    // Serialised so that two accepts never interleave their check and append.
    const run = this.appending.then(() => this.acceptNow(host, port, keyType, keyBlob));
    this.appending = run.catch(() => undefined);
    return run;
  }

  private async acceptNow(host: string, port: number, keyType: string, keyBlob: Buffer): Promise<void> {
    const verdict = await this.check(host, port, keyType, keyBlob);
    if (verdict.status === 'known') return;
    if (verdict.status !== 'unknown') throw new HostKeyError(host, port, verdict);
    const line = formatKnownHostsLine(host, port, keyType, keyBlob, { hashed: this.options.hashAcceptedHosts ?? true });
    await appendLine(this.options.opsdeckKnownHostsPath, line);
  }

  private async linesFor(host: string, port: number): Promise<readonly KnownHostsKey[]> {
    await this.read();
    return this.index.linesFor(knownHostsLookupName(host, port));
  }

  /**
   * Reads both files afresh: every lookup sees the files as they are once it was asked (a line removed
   * by hand counts at the next connection). Lookups arriving while a read runs share the next one.
   */
  private read(): Promise<void> {
    if (this.nextRead) return this.nextRead;
    const next = this.reading.then(async () => {
      this.nextRead = null;
      const paths = [this.options.userKnownHostsPath, this.options.opsdeckKnownHostsPath].filter((path): path is string => path !== undefined);
      const texts = await Promise.all(paths.map(async (path) => ({ path, text: await readIfPresent(path) })));
      this.index.update(texts);
    });
    this.nextRead = next;
    this.reading = next.catch(() => undefined);
    return next;
  }
}

async function readIfPresent(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new KnownHostsFileError(path, error);
  }
}

async function appendLine(path: string, line: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const file = await open(path, 'a+', 0o600);
  try {
    // Never glue our line onto a last line someone left without a newline.
    const { size } = await file.stat();
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await file.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    await file.chmod(0o600);
    await file.write(`${prefix}${line}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
}
