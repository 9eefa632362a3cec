// Whether an error from the team store means the server could not be
// reached or went away (refused, reset, shut down, restarting) — the errors
// a scan outlives by keeping its results locally — rather than one the
// server answered (a constraint, a permission, bad SQL), which it must not.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOENT']);
// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now; class 08 is connection exceptions.
const SERVER_GONE_CODES = new Set(['57P01', '57P02', '57P03']);
const GONE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|the database system is (starting up|shutting down|in recovery mode)|server closed the connection/i;

export function isConnectionLost(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_GONE_CODES.has(code) || code.startsWith('08'))) return true;
    if (current instanceof Error && GONE_MESSAGES.test(current.message)) return true;
  }
  return false;
}
