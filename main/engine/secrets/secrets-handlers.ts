// The contract's secrets.* handler: forget every remembered key passphrase
// (the keychain's passphrase:* accounts), leaving other secrets alone.
import type { HandlerTable } from '../dispatch/dispatch-call';
import type { SecretStore } from './secret-store';

export function secretsHandlers(secrets: SecretStore): Pick<HandlerTable, 'secrets.forgetPassphrases'> {
  return {
    'secrets.forgetPassphrases': async () => {
      const accounts = (await secrets.list?.()) ?? [];
      let removed = 0;
      for (const account of accounts) if (account.startsWith('passphrase:') && (await secrets.delete(account))) removed++;
      return { removed };
    },
  };
}
