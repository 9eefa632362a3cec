// SecretStore on the OS keychain through keytar (libsecret on Linux). keytar
// is an optional dependency (its native build needs libsecret's headers, so
// `npm ci` skips it where they are missing) and is loaded at run time: a
// machine without it runs everything that needs no remembered secret, and
// says so once (keychainAvailability).
import { createRequire } from 'node:module';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store';
import { errorMessage } from '../errors/error-message';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

export const KEYCHAIN_SERVICE = 'OpsDeck';

export interface KeychainAvailability {
  available: boolean;
  /** For the operator, when not available: what is missing and what that means. */
  reason: string | null;
}

/** Whether the keychain binding loads here; loading it is all that is tried (no keychain access, no prompt). */
export function keychainAvailability(load: () => unknown = () => createRequire(import.meta.url)('keytar')): KeychainAvailability {
  try {
    load();
    return { available: true, reason: null };
  } catch (error) {
    const why = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    return {
      available: false,
      reason:
        `key passphrases cannot be remembered on this machine: the OS keychain binding (keytar) is not installed (${why}). ` +
        'Everything else works; passphrases are asked each time. To remember them, install libsecret-1-dev and run npm ci again.',
    };
  }
}

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
        throw new SecretStoreUnavailableError(`keytar cannot load: ${errorMessage(error)}`);
      }
    }
    try {
      return await work(this.keytar);
    } catch (error) {
      throw new SecretStoreUnavailableError(errorMessage(error));
    }
  }
}
