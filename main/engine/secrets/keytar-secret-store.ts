// SecretStore on the OS keychain through keytar (libsecret on Linux). keytar
// is loaded lazily, so a machine without a keyring still runs everything
// that needs no secret.
import { createRequire } from 'node:module';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

export const KEYCHAIN_SERVICE = 'OpsDeck';

export class KeytarSecretStore implements SecretStore {
  private keytar: Keytar | null = null;

  constructor(private readonly service = KEYCHAIN_SERVICE) {}

  async get(account: string): Promise<string | null> {
    return this.call((keytar) => keytar.getPassword(this.service, account));
  }

  async set(account: string, secret: string): Promise<void> {
    await this.call((keytar) => keytar.setPassword(this.service, account, secret));
  }

  async delete(account: string): Promise<boolean> {
    return this.call((keytar) => keytar.deletePassword(this.service, account));
  }

  async list(): Promise<string[]> {
    return this.call(async (keytar) => (await keytar.findCredentials(this.service)).map((credential) => credential.account));
  }

  private async call<T>(work: (keytar: Keytar) => Promise<T>): Promise<T> {
    if (!this.keytar) {
      try {
        this.keytar = createRequire(import.meta.url)('keytar') as Keytar;
      } catch (error) {
        throw new SecretStoreUnavailableError(`keytar cannot load: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    try {
      return await work(this.keytar);
    } catch (error) {
      throw new SecretStoreUnavailableError(error instanceof Error ? error.message : String(error));
    }
  }
}
