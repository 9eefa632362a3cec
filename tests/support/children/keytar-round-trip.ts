// Child for the keychain test: runs inside a private D-Bus session with an
// unlocked gnome-keyring, and prints what the store saw at each step.
import { KeytarSecretStore } from '../../../main/engine/secrets/keytar-secret-store';

const store = new KeytarSecretStore('OpsDeck-test');
const account = 'passphrase:/tmp/id_ed25519';
await store.set(account, 's3cret phrase');
const got = await store.get(account);
const listed = await store.list();
const deleted = await store.delete(account);
const after = await store.get(account);
process.stdout.write(JSON.stringify({ got, listed, deleted, after }) + '\n');
