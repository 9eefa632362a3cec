// `opsdeck scan`: scans the fleet (or one site, role or host) and prints a
// per-datacentre summary, or JSON with every host's result and raw outputs.
// Exit 0 when every host answered, 1 when some did not, 2 on bad usage or a
// bad inventory.
import type { HostScanDetail, ScanFinishedEvent, ScanProgressEvent, ScanScope } from '../../preload/contract';
import type { Engine } from '../engine/engine';
import { hasFlag, optionValue, rejectUnknownOptions } from './cli-args';
import { UsageError, type CliCommand, type CliIo } from './cli-io';
import { cliPrompter } from './cli-prompter';
import { engineForCli } from './engine-for-cli';
import { scanSummaryText } from './scan-summary';

const VALUE_OPTIONS = ['--inventory', '--dc', '--role', '--host', '--data-dir'];
const FLAGS = ['--json', '--accept-new', '--demo', '--all'];

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'scan the fleet, a site, a role or a host over SSH and print what answered',
  usage: 'opsdeck scan [--inventory FILE | --demo] [--dc ID | --role ROLE | --host NAME] [--json | --all] [--accept-new] [--data-dir DIR]',
  async run(args, io) {
    rejectUnknownOptions(args, VALUE_OPTIONS, FLAGS);
    const scope = scopeFrom(args);
    const inventoryPath = optionValue(args, '--inventory');
    const dataDir = optionValue(args, '--data-dir');
    if (inventoryPath && hasFlag(args, '--demo')) throw new UsageError('give either --inventory or --demo, not both');
    if (hasFlag(args, '--json') && hasFlag(args, '--all')) throw new UsageError('--json already has every finding; --all is for the text summary');
    const prompter = cliPrompter({ acceptNewHostKeys: hasFlag(args, '--accept-new'), stderr: io.stderr });
    const engine = await engineForCli(io, {
      ...(dataDir ? { dataDir } : {}),
      inventoryPath: inventoryPath ?? undefined,
      demoFleet: hasFlag(args, '--demo') ? 'always' : 'never',
      prompter,
    });
    try {
      return await scanWith(engine, scope, { json: hasFlag(args, '--json'), listInfo: hasFlag(args, '--all'), namedAsBlocked: prompter.namedAsBlocked }, io);
    } finally {
      await engine.dispose();
    }
  },
};

interface ScanOutput {
  json: boolean;
  listInfo: boolean;
  /** Hosts already named under a refused host key: their progress line does not repeat why. */
  namedAsBlocked: Set<string>;
}

async function scanWith(engine: Engine, scope: ScanScope, output: ScanOutput, io: CliIo): Promise<number> {
  const fleet = engine.fleet.view(() => null);
  if (fleet.problems.length > 0 || !engine.fleet.current) {
    for (const problem of fleet.problems) io.stderr.write(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}\n`);
    if (!engine.fleet.current) io.stderr.write('no usable inventory: give one with --inventory FILE\n');
    return 2;
  }
  for (const warning of engine.fleet.warnings()) io.stderr.write(`warning: ${warning}\n`);
  const finished = new Promise<ScanFinishedEvent>((resolve) => {
    engine.events.subscribe((name, payload) => {
      if (name === 'scan:finished') resolve(payload as ScanFinishedEvent);
      if (name === 'scan:progress' && !output.json) progress.write(payload as ScanProgressEvent);
    });
  });
  const progress = progressPrinter(io, output.namedAsBlocked);
  const started = await engine.handlers['scan.start']({ scope });
  // Ctrl-C cancels the scan: hosts not reached are reported cancelled, the summary still prints.
  const cancel = () => {
    io.stderr.write('cancelling the scan…\n');
    void engine.handlers['scan.cancel']({ runId: started.runId });
  };
  process.once('SIGINT', cancel);
  const outcome = await finished.finally(() => process.removeListener('SIGINT', cancel));
  if (outcome.runId !== started.runId) throw new Error('scan finished event for another run');
  const results = engine.fleet
    .targets(scope)
    .map((target) => engine.scans.lastResult(target.name))
    .filter((result): result is HostScanDetail => result !== null);
  if (output.json) io.stdout.write(`${JSON.stringify({ runId: started.runId, fleet: fleet.source, datacentres: fleet.datacentres, hosts: results }, null, 2)}\n`);
  else io.stdout.write(scanSummaryText(fleet.datacentres, results, { listInfo: output.listInfo }));
  return outcome.failed === 0 && !outcome.cancelled ? 0 : 1;
}

/** One line when hosts start connecting, then one per host that ends: done, failed or cancelled. */
function progressPrinter(io: CliIo, namedAsBlocked: Set<string>) {
  let connecting = 0;
  return {
    write(event: ScanProgressEvent) {
      if (event.phase === 'connecting' && connecting++ === 0) io.stderr.write(`connecting to ${event.total} ${event.total === 1 ? 'host' : 'hosts'}…\n`);
      if (event.phase === 'failed' && namedAsBlocked.has(event.host)) return;
      if (event.phase === 'done' || event.phase === 'failed' || event.phase === 'cancelled') {
        io.stderr.write(`[${event.done}/${event.total}] ${event.host}: ${event.phase}${event.reason ? ` (${event.reason})` : ''}\n`);
      }
    },
  };
}

function scopeFrom(args: string[]): ScanScope {
  const dc = optionValue(args, '--dc');
  const role = optionValue(args, '--role');
  const host = optionValue(args, '--host');
  const given = [dc, role, host].filter((value) => value !== undefined);
  if (given.length > 1) throw new UsageError('give at most one of --dc, --role, --host');
  if (dc) return { kind: 'dc', id: dc };
  if (role) return { kind: 'role', role };
  if (host) return { kind: 'host', name: host };
  return { kind: 'fleet' };
}
