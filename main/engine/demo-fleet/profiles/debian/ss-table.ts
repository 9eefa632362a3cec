// `ss -H -tulpn` text, laid out the way iproute2 6.1 renders it: every column
// as wide as its widest cell (no header with -H), the queues printed with
// %-6d, local/peer address right-aligned with the port left-aligned after
// the colon, every line padded to the widest process field. Without root
// the process column is absent altogether (ss-H-tulpn-nonroot.txt).
export interface SsSocket {
  netid: 'tcp' | 'udp';
  state: 'LISTEN' | 'UNCONN';
  recvQ: number;
  sendQ: number;
  /** `0.0.0.0`, `[::]`, `*`, `127.0.0.1`, `[::1]`, `0.0.0.0%eth0`… */
  localAddress: string;
  localPort: number;
  peerAddress: string;
  /** `users:(("sshd",pid=812,fd=3))` */
  process: string;
}

export function renderSsTable(sockets: readonly SsSocket[], withProcesses: boolean): string {
  const rows = sockets.map((socket) => {
    const cells = [socket.netid, socket.state, String(socket.recvQ).padEnd(6), String(socket.sendQ).padEnd(6), `${socket.localAddress}:`, String(socket.localPort), `${socket.peerAddress}:`, '*'];
    if (withProcesses) cells.push(socket.process);
    return cells;
  });
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]!.length))) ?? [];
  // Separators before each column: none before Netid and before each Port.
  const separators = ['', ' ', ' ', ' ', ' ', '', ' ', '', ' '];
  const rightAligned = new Set([4, 6]);
  return rows
    .map((row) =>
      row
        .map((cell, column) => {
          const width = widths[column]!;
          const padded = rightAligned.has(column) ? cell.padStart(width) : cell.padEnd(width);
          return separators[column] + padded;
        })
        .join(''),
    )
    .map((line) => `${line}\n`)
    .join('');
}
