// Secrets (key passphrases the operator chose to remember) live only in the
// OS keychain, behind this interface so the backend can be swapped. No
// backend → a typed error; never a plaintext fallback.
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  list?(): Promise<string[]>;
}

export class SecretStoreUnavailableError extends Error {
  readonly code = 'secret-store-unavailable';
  constructor(reason: string) {
    super(`the OS keychain is not available (${reason}); OpsDeck will not keep secrets anywhere else`);
    this.name = 'SecretStoreUnavailableError';
  }
}

export function passphraseAccount(identityFile: string): string {
  return `passphrase:${identityFile}`;
}
