// A site's bastion: the only listening socket of its site (127.0.0.1). It
// authenticates the demo client and forwards `direct-tcpip` channels (what
// `ssh -J` and ssh2's forwardOut send) to hosts of ITS OWN site on port 22
// only; everything else is refused, as an sshd with PermitOpen would.
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import ssh2, { type Connection } from 'ssh2';
import { authenticateDemoClient } from './demo-client-auth';
import type { DemoClientKey } from './demo-client-key';
import { serveExecSessions } from './demo-exec-sessions';
import { DEMO_SERVER_IDENT, type DemoHostEndpoint } from './demo-host-endpoint';
import type { HostProfile } from './profiles/host-profile';

export interface DemoBastion {
  port: number;
  close(): Promise<void>;
}

export interface DemoBastionOptions {
  name: string;
  hostKeyFile: string;
  clientKey: DemoClientKey;
  /** 0 for any free port. */
  port: number;
  /** The bastion's own datacentre address: what hosts see as the peer. */
  internalAddress: string;
  profile: HostProfile;
  /** The endpoint for a destination this bastion may reach, or null. */
  route(destination: string, port: number): DemoHostEndpoint | null;
}

export async function startDemoBastion(options: DemoBastionOptions): Promise<DemoBastion> {
  const sockets = new Set<Socket>();
  const connections = new Set<Connection>();
  const timers = new Set<NodeJS.Timeout>();
  const ssh = new ssh2.Server({ hostKeys: [options.hostKeyFile], ident: DEMO_SERVER_IDENT }, (client) => {
    connections.add(client);
    client.on('error', () => {});
    client.on('close', () => connections.delete(client));
    client.on('authentication', (ctx) => authenticateDemoClient(ctx, options.clientKey));
    client.on('ready', () => {
      client.on('tcpip', (accept, reject, info) => {
        const endpoint = options.route(info.destIP, info.destPort);
        if (!endpoint) return reject();
        endpoint.attach(accept(), { address: options.internalAddress });
      });
      serveExecSessions(client, { hostName: options.name, profile: () => options.profile, delayMs: 0, garbage: false, dropConnection: null, timers });
    });
  });

  // ssh2 handles the protocol; the listening socket is ours so that stop()
  // can destroy every connection at once.
  const listener: NetServer = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setNoDelay(true);
    ssh.injectSocket(socket);
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', (error: NodeJS.ErrnoException) => reject(new Error(`bastion ${options.name} cannot listen on 127.0.0.1:${options.port}: ${error.code ?? error.message}`)));
    listener.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = listener.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    port,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
      for (const client of connections) client.end();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
