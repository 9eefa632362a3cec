// Running the system tools the lab needs (argument vectors, never a shell
// string), with errors that name the Debian package when a tool is missing,
// and the process bookkeeping that lets the lab stop exactly its own daemons.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const PACKAGE_OF: Record<string, string> = {
  ip: 'iproute2',
  tc: 'iproute2',
  nft: 'nftables',
  'iptables-legacy-restore': 'iptables',
  'ip6tables-legacy-restore': 'iptables',
  sshd: 'openssh-server',
  '/usr/sbin/sshd': 'openssh-server',
  'ssh-keygen': 'openssh-client',
  unshare: 'util-linux',
  python3: 'python3',
  sysctl: 'procps',
};

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], options: { input?: string; timeoutMs?: number } = {}): RunResult {
  const result = spawnSync(command, args, { encoding: 'utf8', input: options.input, timeout: options.timeoutMs ?? 20_000 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${command} is missing: install the Debian package ${PACKAGE_OF[command] ?? command}`);
  }
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Runs and throws (with the tool's own message) unless it exits 0. */
export function must(command: string, args: string[], options: { input?: string; timeoutMs?: number } = {}): string {
  const result = run(command, args, options);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}): ${result.stderr.trim() || result.stdout.trim()}`);
  return result.stdout;
}

export function inNetns(netns: string, command: string, args: string[], options: { input?: string; timeoutMs?: number } = {}): RunResult {
  return run('ip', ['netns', 'exec', netns, command, ...args], options);
}

export function mustInNetns(netns: string, command: string, args: string[], options: { input?: string } = {}): string {
  return must('ip', ['netns', 'exec', netns, command, ...args], options);
}

export function namespaceExists(name: string): boolean {
  return existsSync(`/run/netns/${name}`);
}

export function listNamespaces(): string[] {
  return run('ip', ['netns', 'list'])
    .stdout.split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter(Boolean);
}

export function linkExists(name: string): boolean {
  return existsSync(`/sys/class/net/${name}`);
}

export function listLinks(): string[] {
  return run('ip', ['-o', 'link', 'show'])
    .stdout.split('\n')
    .map((line) => /^\d+: ([^:@]+)/.exec(line)?.[1] ?? '')
    .filter(Boolean);
}

export function namespacePids(netns: string): number[] {
  if (!namespaceExists(netns)) return [];
  return run('ip', ['netns', 'pids', netns]).stdout.split(/\s+/).filter(Boolean).map(Number);
}

/** Field 22 of /proc/PID/stat (start time in clock ticks after boot); null when the process is gone. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

export function processName(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

export function processAlive(pid: number, startTime: string): boolean {
  return processStartTime(pid) === startTime;
}

/** SIGTERM, then SIGKILL after a grace period; only while the pid is still the same process. */
export async function stopProcess(pid: number, startTime: string, graceMs = 2000): Promise<void> {
  if (!processAlive(pid, startTime)) return;
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid, startTime)) return;
    await sleep(20);
  }
  if (processAlive(pid, startTime)) signal(pid, 'SIGKILL');
  while (processAlive(pid, startTime) && Date.now() < deadline + 2000) await sleep(20);
}

/** SIGKILL at once, as a crash would; waits until the process is gone. */
export async function killProcess(pid: number, startTime: string): Promise<void> {
  if (!processAlive(pid, startTime)) return;
  signal(pid, 'SIGKILL');
  await waitFor(`process ${pid} to exit`, () => !processAlive(pid, startTime), 5000);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

export function requireRoot(what: string): void {
  if (process.getuid?.() !== 0) {
    throw new Error(`${what} builds network namespaces, bridges and sshd daemons and must run as root (uid 0); this process runs as uid ${process.getuid?.()}`);
  }
}
