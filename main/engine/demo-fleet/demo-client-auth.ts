// Public-key authentication for the demo's servers: user `ops` with exactly
// the demo client key, signature checked. Anything else is refused with the
// list of methods that could work, as sshd does.
import type { AuthContext } from 'ssh2';
import type { DemoClientKey } from './demo-client-key';

export const DEMO_USER = 'ops';

export function authenticateDemoClient(ctx: AuthContext, clientKey: DemoClientKey): void {
  if (ctx.method !== 'publickey' || ctx.username !== DEMO_USER) return ctx.reject(['publickey']);
  if (ctx.key.algo !== 'ssh-ed25519' || !ctx.key.data.equals(clientKey.publicBlob)) return ctx.reject(['publickey']);
  // Without a signature the client only asks whether this key would do.
  if (!ctx.signature || !ctx.blob) return ctx.accept();
  const valid = clientKey.parsed.verify(ctx.blob, ctx.signature, ctx.hashAlgo);
  if (valid === true) ctx.accept();
  else ctx.reject(['publickey']);
}
