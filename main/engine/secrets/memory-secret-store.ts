// A SecretStore in memory, for tests and for sessions that must not touch
// the keychain.
import type { SecretStore } from './secret-store';

export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();
  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null;
  }
  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret);
  }
  async delete(account: string): Promise<boolean> {
    return this.secrets.delete(account);
  }
  async list(): Promise<string[]> {
    return [...this.secrets.keys()];
  }
}
