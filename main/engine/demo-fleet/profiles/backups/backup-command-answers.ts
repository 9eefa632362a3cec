// How a demo host answers OpsDeck's backup commands: the fixed wrapper that
// loads the host's backup environment file and runs restic or borg
// (collectors/backups/backup-commands.ts, matched here word for word), and
// `systemctl show` for the backup and check units.
import { ENV_WRAPPER } from '../../../collectors/backups/backup-commands';
import { CHECK_WRAPPER } from '../../../collectors/backups/integrity-check-commands';
import { LEFTOVER_SCRATCH_COMMAND, RESTIC_LS_LATEST } from '../../../collectors/backups/restore-test-commands';
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { hasProblem } from '../../demo-fleet-spec';
import { hashInt } from '../../seeded-hash';
import { answer, failure, type CommandAnswer } from '../command-answer';
import { DAY_MS, HOUR_MS } from '../time-format';
import type { BorgPlan, HostBackupPlan, ResticPlan } from './backup-plan';
import { borgInfoLastJson, borgListJson } from './borg-output';
import { resticCheckText, resticSnapshotsJson } from './restic-output';
import { borgFileListAnswer, resticLsAnswer, restoreScriptAnswer } from './restore-test-answers';

const words = (line: string) => line.split(/\s+/).filter(Boolean).join(' ');
const WRAPPER_WORDS = words(ENV_WRAPPER);
const SWEEP_WORDS = words(LEFTOVER_SCRATCH_COMMAND);
const CHECK_WORDS = words(CHECK_WRAPPER);

/** The `sh` fallback: answers the environment wrapper, refuses anything else. */
export function backupShellAnswer(args: string[], asRoot: boolean, host: DemoHostSpec, plan: HostBackupPlan, now: Date): CommandAnswer {
  const invocation = ['sh', ...args].join(' ');
  const restore = restoreScriptAnswer(invocation, asRoot, host, plan, now);
  if (restore) return restore;
  // Demo hosts never leave a scratch directory behind.
  if (invocation === SWEEP_WORDS) return answer('');
  const wrapper = [WRAPPER_WORDS, CHECK_WORDS].find((each) => invocation.startsWith(`${each} `));
  if (!wrapper) return failure('sh: the demo fleet runs only the OpsDeck backup wrapper\n', 2);
  const match = /^'([^']*)' (.*)$/.exec(invocation.slice(wrapper.length + 1));
  if (!match) return failure('sh: malformed wrapper arguments\n', 2);
  const [, envFile, toolArgv] = match as unknown as [string, string, string];
  const job = [plan.restic, plan.borg].find((candidate) => candidate?.envFile === envFile) ?? null;
  // Environment files are root-only (they name the password file).
  if (!job || !asRoot) return failure(`opsdeck: cannot read the backup environment file ${envFile}\n`, 125);
  if (job.tool === 'restic') return resticAnswer(toolArgv, host, job);
  return borgAnswer(toolArgv, host, job);
}

function resticAnswer(argv: string, host: DemoHostSpec, plan: ResticPlan): CommandAnswer {
  if (argv === 'restic snapshots --json --no-lock --no-cache') return answer(resticSnapshotsJson(host, plan));
  const check = /^restic check --read-data-subset=(\d+\/\d+)$/.exec(argv);
  if (check) return answer(resticCheckText(host, plan, check[1]));
  if (argv === RESTIC_LS_LATEST) return resticLsAnswer('latest', host, plan);
  const ls = /^restic ls --json --no-lock --no-cache '([0-9a-f]{64})'$/.exec(argv);
  if (ls) return resticLsAnswer(ls[1]!, host, plan);
  return answer('', `opsdeck demo fleet: no simulated output for "${argv}" on ${host.name}\n`, 1);
}

function borgAnswer(argv: string, host: DemoHostSpec, plan: BorgPlan): CommandAnswer {
  if (/^borg list --json --bypass-lock --last \d+$/.test(argv)) return answer(borgListJson(host, plan));
  if (argv === 'borg info --json --bypass-lock --last 1') return answer(borgInfoLastJson(host, plan, true));
  const files = /^borg list --json-lines --bypass-lock '::([^']*)'$/.exec(argv);
  if (files) return borgFileListAnswer(files[1]!, host, plan);
  // borg check prints nothing when it finds nothing (without --verbose).
  if (argv === 'borg check --verify-data') return answer('');
  if (argv.startsWith('restic ')) return failure('sh: 1: exec: restic: not found\n', 127);
  return answer('', `opsdeck demo fleet: no simulated output for "${argv}" on ${host.name}\n`, 1);
}

/** `systemctl show --timestamp=unix -p … -- 'unit'…`: one block per unit, as systemd 252 prints them. */
export function systemctlShowAnswer(args: string[], host: DemoHostSpec, plan: HostBackupPlan, now: Date): CommandAnswer {
  const separator = args.indexOf('--');
  if (args[0] !== 'show' || separator < 0) return failure('Unknown command verb\n', 1);
  const units = args.slice(separator + 1).map((word) => word.replace(/^'(.*)'$/, '$1'));
  const blocks = units.map((unit) => unitBlock(unit, host, plan, now));
  return answer(`${blocks.join('\n\n')}\n`);
}

function unitBlock(unit: string, host: DemoHostSpec, plan: HostBackupPlan, now: Date): string {
  const job = [plan.restic, plan.borg].find((candidate) => candidate?.backupUnit === unit || candidate?.checkUnit === unit) ?? null;
  const block = (state: { load: string; active: string; result: string; status: string; exitedAt: Date | null }) =>
    [
      `Id=${unit}`,
      `LoadState=${state.load}`,
      `ActiveState=${state.active}`,
      `Result=${state.result}`,
      `ExecMainStatus=${state.status}`,
      `ExecMainExitTimestamp=${state.exitedAt ? `@${Math.floor(state.exitedAt.getTime() / 1000)}` : ''}`,
    ].join('\n');
  const succeeded = (exitedAt: Date) => block({ load: 'loaded', active: 'inactive', result: 'success', status: '0', exitedAt });
  if (!job) return block({ load: 'not-found', active: 'inactive', result: 'success', status: '0', exitedAt: null });
  if (unit === job.backupUnit) {
    // The stale backup: the nightly job has been failing since its repository filled up.
    if (hasProblem(host, 'stale-backup')) {
      const failed = new Date(now.getTime() - hashInt(1, 20, host.name, unit) * HOUR_MS);
      return block({ load: 'loaded', active: 'failed', result: 'exit-code', status: '1', exitedAt: failed });
    }
    const newest = job.runs.filter((run) => !run.tags.includes('restore-test')).at(-1);
    return succeeded(newest ? new Date(newest.at.getTime() + hashInt(60_000, 900_000, host.name, unit)) : new Date(0));
  }
  return succeeded(new Date(now.getTime() - hashInt(1, 6, host.name, unit) * DAY_MS - hashInt(0, 3_600_000, host.name, unit, 's')));
}
