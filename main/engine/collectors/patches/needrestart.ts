// `needrestart -b` (batch mode, needrestart 3.6 bookworm / 3.11 trixie):
// `NEEDRESTART-<KEY>: <value>` lines; SVC, CONT, SESS and PID repeat.
// KSTA: 0 unknown, 1 current, 2 ABI-compatible upgrade pending, 3 version
// upgrade pending. Inside a container the kernel and microcode lines are
// absent (not applicable — not "OK"); run without root, needrestart skips
// the kernel, microcode and service checks and lists only the user's own
// processes as `NEEDRESTART-PID: <comm>=<pid>,<pid>`.
import { commonFailure, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import { failureText } from './command-failure';
import { outputLines } from '../output-lines';

export type KernelStatus = 'unknown' | 'current' | 'abi-compatible-upgrade' | 'version-upgrade';

export interface NeedrestartKernel {
  /** Running kernel (uname -r). */
  current: string | null;
  /** Newest installed kernel image; absent when needrestart could not tell. */
  expected: string | null;
  status: KernelStatus;
  /** The raw KSTA number. */
  ksta: number | null;
}

export interface NeedrestartBatch {
  version: string | null;
  /**
   * 'full': kernel/service checks ran; 'no-kernel-check': only VER/SVC/…
   * lines (a container, or nothing to report); 'not-root': PID lines only.
   */
  mode: 'full' | 'no-kernel-check' | 'not-root';
  kernel: NeedrestartKernel | null;
  microcode: { status: 'unknown' | 'current' | 'obsolete'; current: string | null; expected: string | null } | null;
  services: string[];
  containers: string[];
  sessions: string[];
  processes: { command: string; pids: number[] }[];
}

const KERNEL_STATUS: Record<string, KernelStatus> = { '0': 'unknown', '1': 'current', '2': 'abi-compatible-upgrade', '3': 'version-upgrade' };
const MICROCODE_STATUS = { '0': 'unknown', '1': 'current', '2': 'obsolete' } as const;

export function parseNeedrestartBatch(stdout: string, stderr: string, exitCode: number | null): Parsed<NeedrestartBatch> {
  const common = commonFailure('needrestart', exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0) return parsedFailure('unparsed', `needrestart -b failed: ${failureText(exitCode, stderr)}`);
  const refused = refuseInput(stdout, 'needrestart -b');
  if (refused) return refused;
  const { lines, warnings, skipped } = outputLines(stdout, 'needrestart -b');
  const single = new Map<string, string>();
  const value: NeedrestartBatch = { version: null, mode: 'no-kernel-check', kernel: null, microcode: null, services: [], containers: [], sessions: [], processes: [] };
  let recognised = 0;
  for (const [index, line] of lines.entries()) {
    const match = /^NEEDRESTART-([A-Z]+):\s?(.*)$/.exec(line);
    if (!match) {
      if (line.trim()) skipped.push(skippedInput(`line ${index + 1}`, line, 'not a NEEDRESTART-KEY: value line'));
      continue;
    }
    recognised++;
    const key = match[1]!;
    const text = match[2]!.trim();
    if (key === 'SVC') value.services.push(text);
    else if (key === 'CONT') value.containers.push(text);
    else if (key === 'SESS') value.sessions.push(text);
    else if (key === 'PID') value.processes.push(parsePidLine(text));
    else single.set(key, text);
  }
  if (recognised === 0 || skipped.length > recognised)
    return parsedFailure(
      'unparsed',
      `not needrestart -b output: ${recognised === 0 ? 'no NEEDRESTART- line' : `${skipped.length} of ${skipped.length + recognised} lines are not NEEDRESTART- lines`} (${JSON.stringify(stdout.slice(0, 80))})`,
    );
  value.version = single.get('VER') ?? null;
  const ksta = single.get('KSTA');
  if (ksta !== undefined) {
    value.kernel = {
      current: single.get('KCUR') || null,
      expected: single.get('KEXP') || null,
      status: KERNEL_STATUS[ksta] ?? 'unknown',
      ksta: /^\d+$/.test(ksta) ? Number(ksta) : null,
    };
    if (!(ksta in KERNEL_STATUS)) warnings.push(`needrestart -b: unknown KSTA value ${JSON.stringify(ksta)}: the kernel status is unknown`);
    else if (ksta === '0') warnings.push('needrestart -b: KSTA 0, needrestart could not tell whether the running kernel is the newest: unknown');
  }
  const ucsta = single.get('UCSTA');
  if (ucsta !== undefined) {
    value.microcode = {
      status: MICROCODE_STATUS[ucsta as keyof typeof MICROCODE_STATUS] ?? 'unknown',
      current: single.get('UCCUR') ?? null,
      expected: single.get('UCEXP') ?? null,
    };
  }
  if (value.kernel || value.microcode) value.mode = 'full';
  else if (value.processes.length > 0 && value.services.length === 0) value.mode = 'not-root';
  if (value.mode === 'not-root') {
    return { ...parsedFailure('needs-privilege', "needrestart ran without root: kernel and service checks were skipped (only the login user's processes are listed)", value), warnings };
  }
  return parsedOk(value, warnings, skipped, 'needrestart -b');
}

/** `sshd=1234,5678` → { command: 'sshd', pids: [1234, 5678] }. */
function parsePidLine(text: string): { command: string; pids: number[] } {
  const at = text.lastIndexOf('=');
  if (at < 0) return { command: text, pids: [] };
  const pids = text
    .slice(at + 1)
    .split(',')
    .map((pid) => pid.trim())
    .filter((pid) => /^\d+$/.test(pid))
    .map(Number);
  return { command: text.slice(0, at), pids };
}
