// One simulated host: an ssh2 Server that never listens. The bastion hands
// it each forwarded channel with `server.injectSocket(channel)` (ssh2 runs
// its server protocol over any Duplex stream), so a thousand hosts need no
// sockets, ports or addresses of their own.
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import ssh2, { type Connection } from 'ssh2';
import { authenticateDemoClient } from './demo-client-auth';
import type { DemoClientKey } from './demo-client-key';
import { serveExecSessions } from './demo-exec-sessions';
import { DEFAULT_SLOW_BANNER_MS, DEFAULT_SLOW_RESPONSE_MS, type DemoFault } from './demo-faults';
import type { HostProfile } from './profiles/host-profile';

export const DEMO_SERVER_IDENT = 'OpsDeckDemo_1.0';

export interface DemoHostEndpoint {
  /** Serve one forwarded connection; `from` is what the host sees as the peer (the bastion). */
  attach(transport: Duplex, from: { address: string }): void;
  /** Drop every connection and timer of this host. */
  close(): void;
}

export interface DemoHostEndpointOptions {
  name: string;
  hostKeyFile: string;
  clientKey: DemoClientKey;
  profile: () => HostProfile;
  fault?: DemoFault;
}

export function createDemoHostEndpoint(options: DemoHostEndpointOptions): DemoHostEndpoint {
  const { fault } = options;
  const transports = new Map<number, Duplex>();
  const connections = new Set<Connection>();
  const timers = new Set<NodeJS.Timeout>();
  let nextPeerPort = 40_000;
  let closed = false;

  const server = new ssh2.Server({ hostKeys: [options.hostKeyFile], ident: DEMO_SERVER_IDENT }, (client, info) => {
    const transport = transports.get(info.port);
    connections.add(client);
    client.on('error', () => {
      // Peer resets and protocol errors end this connection only.
    });
    client.on('close', () => connections.delete(client));
    client.on('authentication', (ctx) => {
      if (fault?.kind === 'auth-failure') return ctx.reject(['publickey']);
      authenticateDemoClient(ctx, options.clientKey);
    });
    client.on('ready', () => {
      client.on('tcpip', (_accept, reject) => reject());
      serveExecSessions(client, {
        hostName: options.name,
        profile: options.profile,
        delayMs: fault?.kind === 'slow-responses' ? (fault.delayMs ?? DEFAULT_SLOW_RESPONSE_MS) : 0,
        garbage: fault?.kind === 'garbage-output',
        dropConnection: fault?.kind === 'drop-mid-command' ? () => transport?.destroy() : null,
        timers,
      });
    });
  });

  const inject = (transport: Duplex, peerPort: number) => {
    if (closed || transport.destroyed) return;
    server.injectSocket(transport as unknown as Socket);
    transports.set(peerPort, transport);
  };

  return {
    attach(transport, from) {
      // ssh2 reports socket.remoteAddress/remotePort as the peer: make them
      // the bastion's, with a port that tells this connection's transport apart.
      const peerPort = nextPeerPort++;
      if (nextPeerPort > 60_999) nextPeerPort = 40_000;
      Object.assign(transport, { remoteAddress: from.address, remotePort: peerPort, remoteFamily: 'IPv4' });
      transport.on('error', () => {});
      transport.once('close', () => transports.delete(peerPort));
      transports.set(peerPort, transport);
      if (fault?.kind === 'no-banner') {
        // Accept the channel, read and ignore whatever arrives, never answer.
        transport.resume();
        return;
      }
      if (fault?.kind === 'slow-banner') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          inject(transport, peerPort);
        }, fault.delayMs ?? DEFAULT_SLOW_BANNER_MS);
        timers.add(timer);
        return;
      }
      inject(transport, peerPort);
    },
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const transport of transports.values()) transport.destroy();
      transports.clear();
      for (const client of connections) client.end();
      connections.clear();
    },
  };
}
