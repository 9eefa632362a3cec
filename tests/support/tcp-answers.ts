// Whether a TCP connection to host:port opens within a time limit, from this
// process's own network namespace: the lab's health check and the tests
// proving a host is reachable only through its bastion.
import { createConnection } from 'node:net';

export function tcpAnswers(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}
