// What listens on each Debian demo host, by role: the daemons a mail
// provider runs, with stable pids. Feeds `ss -H -tulpn`.
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { hashInt } from '../../seeded-hash';
import type { SsSocket } from './ss-table';

interface Daemon {
  comm: string;
  /** Extra processes sharing the listening sockets (nginx workers). */
  workers?: number;
}

function users(host: DemoHostSpec, daemon: Daemon, fd: number): string {
  const pid = hashInt(600, 2400, host.name, daemon.comm);
  const pids = [pid, ...Array.from({ length: daemon.workers ?? 0 }, (_, index) => pid + 3 + index)];
  // ss lists the most recently created process first (workers before the master).
  const entries = pids.reverse().map((each) => `("${daemon.comm}",pid=${each},fd=${fd})`);
  return `users:(${entries.join(',')})`;
}

function tcp(host: DemoHostSpec, daemon: Daemon, address: string, port: number, backlog: number, fd: number): SsSocket {
  const peer = address.startsWith('[') ? '[::]' : address === '*' ? '*' : '0.0.0.0';
  return { netid: 'tcp', state: 'LISTEN', recvQ: 0, sendQ: backlog, localAddress: address, localPort: port, peerAddress: peer, process: users(host, daemon, fd) };
}

function udp(host: DemoHostSpec, daemon: Daemon, address: string, port: number, fd: number): SsSocket {
  const peer = address.startsWith('[') ? '[::]' : '0.0.0.0';
  return { netid: 'udp', state: 'UNCONN', recvQ: 0, sendQ: 0, localAddress: address, localPort: port, peerAddress: peer, process: users(host, daemon, fd) };
}

const SSHD: Daemon = { comm: 'sshd' };
const CHRONYD: Daemon = { comm: 'chronyd' };
const NODE_EXPORTER: Daemon = { comm: 'prometheus-node' };

function roleSockets(host: DemoHostSpec): SsSocket[] {
  switch (host.role) {
    case 'imap': {
      const dovecot: Daemon = { comm: 'dovecot' };
      return [
        tcp(host, dovecot, '0.0.0.0', 143, 100, 22),
        tcp(host, dovecot, '0.0.0.0', 993, 100, 24),
        tcp(host, dovecot, '127.0.0.1', 4190, 100, 30),
        tcp(host, dovecot, '[::]', 143, 100, 23),
        tcp(host, dovecot, '[::]', 993, 100, 25),
      ];
    }
    case 'mx': {
      const master: Daemon = { comm: 'master' };
      const rspamd: Daemon = { comm: 'rspamd', workers: 2 };
      return [
        tcp(host, master, '0.0.0.0', 25, 100, 13),
        tcp(host, master, '0.0.0.0', 465, 100, 20),
        tcp(host, master, '0.0.0.0', 587, 100, 17),
        tcp(host, rspamd, '127.0.0.1', 11332, 511, 12),
        tcp(host, rspamd, '127.0.0.1', 11333, 511, 14),
        tcp(host, rspamd, '127.0.0.1', 11334, 511, 16),
        tcp(host, master, '[::]', 25, 100, 14),
        tcp(host, master, '[::]', 465, 100, 21),
        tcp(host, master, '[::]', 587, 100, 18),
      ];
    }
    case 'web': {
      const nginx: Daemon = { comm: 'nginx', workers: 2 };
      return [tcp(host, nginx, '0.0.0.0', 80, 511, 6), tcp(host, nginx, '0.0.0.0', 443, 511, 7), tcp(host, nginx, '[::]', 80, 511, 8), tcp(host, nginx, '[::]', 443, 511, 9)];
    }
    case 'db': {
      const postgres: Daemon = { comm: 'postgres' };
      return [tcp(host, postgres, '0.0.0.0', 5432, 200, 6), tcp(host, { comm: 'postgres_export' }, '*', 9187, 4096, 3), tcp(host, postgres, '[::]', 5432, 200, 7)];
    }
    case 'backup':
    case 'cn':
      return [];
  }
}

export function debianListeningSockets(host: DemoHostSpec): SsSocket[] {
  const role = roleSockets(host);
  return [
    udp(host, CHRONYD, '127.0.0.1', 323, 5),
    udp(host, CHRONYD, '[::1]', 323, 6),
    tcp(host, SSHD, '0.0.0.0', 22, 128, 3),
    ...role.filter((socket) => !socket.localAddress.startsWith('[')),
    tcp(host, NODE_EXPORTER, '*', 9100, 4096, 3),
    tcp(host, SSHD, '[::]', 22, 128, 4),
    ...role.filter((socket) => socket.localAddress.startsWith('[')),
  ];
}
