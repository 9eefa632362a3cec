// What `opsdeck restore-test` and `opsdeck integrity-check` share: their
// options (--host NAME and one optional whole number), an engine for the
// inventory (or the demo fleet), the action started on one host, its
// progress on stderr (not with --json), the result printed, the engine
// disposed. Exit 2 when the action could not start.
import type { CliArgs } from './cli-args';
import type { EventName } from '../../preload/contract';
import { UsageError, type CliCommand, type CliIo } from './cli-io';
import { cliPrompter } from './cli-prompter';
import { engineForCli } from './engine-for-cli';

type CliEngine = Awaited<ReturnType<typeof engineForCli>>;
type Target = ReturnType<CliEngine['fleet']['targets']>[number];

export interface HostAction<R> {
  command: Omit<CliCommand, 'run' | 'accepts'>;
  /** The optional whole number the action takes (--files, --job): at most `digits` digits, `expected` says what it is. */
  count: { option: string; digits: number; expected: string };
  progressEvent: EventName;
  start: (engine: CliEngine, target: Target, count: number | undefined) => Promise<{ done: Promise<R> }>;
  print: (engine: CliEngine, result: R, json: boolean) => Promise<string>;
  passed: (result: R) => boolean;
}

export function hostActionCommand<R>(action: HostAction<R>): CliCommand {
  return {
    ...action.command,
    accepts: { values: ['--inventory', '--host', action.count.option, '--data-dir'], flags: ['--json', '--accept-new', '--demo'] },
    async run(args, io) {
      const host = args.value('--host');
      if (!host) throw new UsageError('--host is required');
      const countText = args.value(action.count.option);
      if (countText !== undefined && !new RegExp(`^\\d{1,${action.count.digits}}$`).test(countText)) {
        throw new UsageError(`${action.count.option} needs ${action.count.expected}, got ${JSON.stringify(countText)}`);
      }
      return runHostAction(args, io, host, countText === undefined ? undefined : Number(countText), action);
    },
  };
}

async function runHostAction<R>(args: CliArgs, io: CliIo, host: string, count: number | undefined, action: HostAction<R>): Promise<number> {
  const inventoryPath = args.value('--inventory');
  const dataDir = args.value('--data-dir');
  if (inventoryPath && args.flag('--demo')) throw new UsageError('give either --inventory or --demo, not both');
  const engine = await engineForCli(io, {
    ...(dataDir ? { dataDir } : {}),
    inventoryPath: inventoryPath ?? undefined,
    demoFleet: args.flag('--demo') ? 'always' : 'never',
    prompter: cliPrompter({ acceptNewHostKeys: args.flag('--accept-new'), stderr: io.stderr }),
  });
  try {
    if (!engine.fleet.current) {
      io.stderr.write('no usable inventory: give one with --inventory FILE\n');
      return 2;
    }
    const json = args.flag('--json');
    const unsubscribe = engine.events.subscribe((name, payload) => {
      if (name !== action.progressEvent || json) return;
      const event = payload as { host: string; phase: string; detail: string };
      if (event.phase !== 'done') io.stderr.write(`${event.host}: ${event.phase} ${event.detail}\n`);
    });
    let started;
    try {
      const [target] = engine.fleet.targets({ kind: 'host', name: host });
      started = await action.start(engine, target!, count);
    } catch (error) {
      unsubscribe();
      io.stderr.write(`opsdeck ${action.command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    const result = await started.done;
    unsubscribe();
    io.stdout.write(await action.print(engine, result, json));
    return action.passed(result) ? 0 : 1;
  } finally {
    await engine.dispose();
  }
}
