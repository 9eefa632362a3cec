// Drill step commands go through the audit log and the engine's executor:
// recorded before they run (and not run when that fails), completed after,
// for inventory hosts only, with every argv word quoted so that a real
// /bin/sh gives the words back unchanged.
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { auditedStepRunner, quoteArgv, StepHostUnknown } from '../../../main/engine/drills/audited-step-runner';
import type { CommandAudit } from '../../../main/engine/scan/command-audit';
import type { CommandExecutor } from '../../../main/engine/scan/command-executor';
import type { ScanTarget } from '../../../main/engine/scan/scan-target';

const TARGET = { name: 'mx1.sea', dc: 'sea', address: '10.20.16.12', route: { target: { label: 'mx1.sea', address: '10.20.16.12', port: 22, user: 'ops' }, jumps: [] } } as unknown as ScanTarget;

function harness(options: { auditFails?: boolean } = {}) {
  const log: string[] = [];
  const audit: CommandAudit = {
    commandStarted: async (start) => {
      if (options.auditFails) throw new Error('disk full');
      log.push(`audit start ${start.host} ${start.command}`);
      return 7;
    },
    commandEnded: async (seq, end) => {
      log.push(`audit end ${seq} exit ${end.exitCode}`);
    },
  };
  const executor: CommandExecutor = {
    exec: async (route, command) => {
      log.push(`exec ${route.target.label} ${command}`);
      return { stdout: 'ok\n', stderr: '', exitCode: 0, signal: null, durationMs: 3 };
    },
  };
  const runner = auditedStepRunner({ executor, audit, targetFor: (host) => (host === 'mx1.sea' ? TARGET : null), auditRunId: 'drill-1', timeoutMs: 10_000 });
  return { log, runner };
}

describe('auditedStepRunner', () => {
  test('records the command in the audit log before running it, and its end after', async () => {
    const { log, runner } = harness();
    expect(await runner.run('mx1.sea', ['nc', '-z', '127.0.0.1', '25'], 'verification')).toEqual({ exitCode: 0, stdout: 'ok\n', stderr: '' });
    expect(log).toEqual([`audit start mx1.sea 'nc' '-z' '127.0.0.1' '25'`, `exec mx1.sea 'nc' '-z' '127.0.0.1' '25'`, 'audit end 7 exit 0']);
  });

  test('does not run the command when the audit log cannot record it', async () => {
    const { log, runner } = harness({ auditFails: true });
    await expect(runner.run('mx1.sea', ['true'], 'change')).rejects.toThrow('disk full');
    expect(log).toEqual([]);
  });

  test('refuses a host that is not in the inventory', async () => {
    const { log, runner } = harness();
    await expect(runner.run('evil.example', ['true'], 'change')).rejects.toBeInstanceOf(StepHostUnknown);
    expect(log).toEqual([]);
  });

  test('quoted words reach a real shell unchanged: no expansion, splitting or command substitution', () => {
    const words = ['printf', '%s\\n', '$(id)', '`id`', "it's", 'a b', '; rm -rf /', '*', '$HOME', ''];
    const echoed = execFileSync('/bin/sh', ['-c', `${quoteArgv(words)}`], { encoding: 'utf8' });
    expect(echoed.split('\n').slice(0, -1)).toEqual(words.slice(2));
  });
});
