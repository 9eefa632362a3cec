// `opsdeck scan`: scans the fleet (or one site, role or host) and prints a
// per-datacentre summary, or JSON with every host's result and raw outputs.
// Exit 0 when every host answered, 1 when some did not, 2 on bad usage or a
// bad inventory.
import type { CliArgs } from './cli-args';
import type { HostScanDetail, ScanFinishedEvent, ScanProgressEvent, ScanScope } from '../../preload/contract';
import type { Engine } from '../engine/engine';
import { UsageError, type CliCommand, type CliIo } from './cli-io';
import { cliPrompter } from './cli-prompter';
import { engineForCli } from './engine-for-cli';
import { scanSummaryText } from './scan-summary';
import { terminalWriter } from './terminal-text';

const VALUE_OPTIONS = ['--inventory', '--dc', '--role', '--host', '--data-dir', '--command-timeout'];
const FLAGS = ['--json', '--accept-new', '--demo', '--all'];

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'scan the fleet, a site, a role or a host over SSH and print what answered',
  usage: 'opsdeck scan [--inventory FILE | --demo] [--dc ID | --role ROLE | --host NAME] [--json | --all] [--accept-new] [--command-timeout SECONDS] [--data-dir DIR]',
  accepts: { values: VALUE_OPTIONS, flags: FLAGS },
  async run(args, rawIo) {
    // Host text reaches both streams (progress, reasons, tables, --json): all of it is neutralised.
    const io: CliIo = { ...rawIo, stdout: terminalWriter(rawIo.stdout), stderr: terminalWriter(rawIo.stderr) };
    const scope = scopeFrom(args);
    const inventoryPath = args.value('--inventory');
    const dataDir = args.value('--data-dir');
    if (inventoryPath && args.flag('--demo')) throw new UsageError('give either --inventory or --demo, not both');
    if (args.flag('--json') && args.flag('--all')) throw new UsageError('--json already has every finding; --all is for the text summary');
    const commandTimeoutMs = commandTimeoutFrom(args);
    const prompter = cliPrompter({ acceptNewHostKeys: args.flag('--accept-new'), stderr: io.stderr });
    const engine = await engineForCli(io, {
      ...(dataDir ? { dataDir } : {}),
      ...(commandTimeoutMs ? { sshLimits: { commandTimeoutMs } } : {}),
      inventoryPath: inventoryPath ?? undefined,
      demoFleet: args.flag('--demo') ? 'always' : 'never',
      prompter,
    });
    try {
      return await scanWith(engine, scope, { json: args.flag('--json'), listInfo: args.flag('--all'), namedAsBlocked: prompter.namedAsBlocked }, io);
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
  if (output.json) writeScanJson(io, { runId: started.runId, fleet: fleet.source, datacentres: fleet.datacentres }, results);
  else io.stdout.write(scanSummaryText(fleet.datacentres, results, { listInfo: output.listInfo }));
  return outcome.failed === 0 && !outcome.cancelled ? 0 : 1;
}

/**
 * `{ runId, fleet, datacentres, hosts: [...] }`, written a piece at a time: a
 * host's outputs may hold tens of MiB, and one string of the whole document
 * would cost that many times over (or exceed V8's string limit).
 */
function writeScanJson(io: CliIo, head: Record<string, unknown>, results: HostScanDetail[]): void {
  const opening = JSON.stringify(head, null, 2);
  io.stdout.write(`${opening.slice(0, -2)},\n  "hosts": [`);
  results.forEach((result, index) => {
    const { outputs, ...rest } = result;
    const hostHead = JSON.stringify(rest);
    io.stdout.write(`${index === 0 ? '' : ','}\n    ${hostHead.slice(0, -1)},"outputs":[`);
    outputs.forEach(({ stdout, ...each }, position) => {
      io.stdout.write(`${position === 0 ? '' : ','}\n      ${JSON.stringify(each).slice(0, -1)},"stdout":"`);
      writeJsonStringBody(io, stdout);
      io.stdout.write('"}');
    });
    io.stdout.write(']}');
  });
  io.stdout.write('\n  ]\n}\n');
}

const JSON_SLICE_CHARS = 1 << 20;

/** A string's JSON escaping, without the quotes, a slice at a time (never splitting a surrogate pair). */
function writeJsonStringBody(io: CliIo, text: string): void {
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + JSON_SLICE_CHARS);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    io.stdout.write(JSON.stringify(text.slice(start, end)).slice(1, -1));
    start = end;
  }
}

/** --command-timeout SECONDS: how long one command may run (60 s by default). */
function commandTimeoutFrom(args: CliArgs): number | null {
  const text = args.value('--command-timeout');
  if (text === undefined) return null;
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || seconds < 1 || seconds > 3600) throw new UsageError(`--command-timeout must be a number of seconds from 1 to 3600, got "${text}"`);
  return seconds * 1000;
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

function scopeFrom(args: CliArgs): ScanScope {
  const dc = args.value('--dc');
  const role = args.value('--role');
  const host = args.value('--host');
  const given = [dc, role, host].filter((value) => value !== undefined);
  if (given.length > 1) throw new UsageError('give at most one of --dc, --role, --host');
  if (dc) return { kind: 'dc', id: dc };
  if (role) return { kind: 'role', role };
  if (host) return { kind: 'host', name: host };
  return { kind: 'fleet' };
}
