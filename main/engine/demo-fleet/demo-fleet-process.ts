// `opsdeck demo-fleet`: runs the demo fleet as its own process (for the
// benchmark and for reliability tests), prints one JSON line saying where it
// is, writes the inventory next to the client key, and stops cleanly on
// SIGTERM / SIGINT.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { DEFAULT_DEMO_HOSTS, demoFleetSpec } from './demo-fleet-spec';
import { demoKnownHosts } from './demo-known-hosts';
import { startDemoFleet } from './demo-ssh-server';
import { errorMessage } from '../errors/error-message';

export const DEMO_FLEET_USAGE = 'opsdeck demo-fleet [--hosts N] [--port-base P] [--data-dir DIR] [--fault-rate R] [--fault-seed S] [--now ISO-TIME]';

export interface DemoFleetProcessIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** Resolves when the fleet should stop; default: the first SIGTERM or SIGINT. */
  stopSignal?: Promise<unknown>;
}

interface DemoFleetArgs {
  hosts: number;
  portBase: number | undefined;
  dataDir: string;
  faultRate: number;
  faultSeed: string | undefined;
  now: Date;
}

class DemoFleetUsageError extends Error {}

export const DEMO_FLEET_OPTIONS = ['--hosts', '--port-base', '--data-dir', '--fault-rate', '--fault-seed', '--now'];

function parseArgs(args: string[], env: DemoFleetProcessIo['env']): DemoFleetArgs {
  const values = new Map<string, string>();
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (!DEMO_FLEET_OPTIONS.includes(arg)) throw new DemoFleetUsageError(`unknown argument ${arg}`);
    const value = args[++index];
    if (value === undefined || value.startsWith('--')) throw new DemoFleetUsageError(`${arg} needs a value`);
    values.set(arg, value);
  }
  const number = (name: string, fallback: number | undefined, valid: (value: number) => boolean, what: string) => {
    const text = values.get(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!valid(value)) throw new DemoFleetUsageError(`${name} must be ${what}, got "${text}"`);
    return value;
  };
  const nowText = values.get('--now');
  const now = nowText === undefined ? new Date() : new Date(nowText);
  if (Number.isNaN(now.getTime())) throw new DemoFleetUsageError(`--now must be an ISO date-time, got "${nowText}"`);
  return {
    hosts: number('--hosts', DEFAULT_DEMO_HOSTS, Number.isInteger, 'a whole number')!,
    portBase: number('--port-base', undefined, (value) => Number.isInteger(value) && value > 0 && value < 65_535, 'a TCP port from 1 to 65534'),
    dataDir: values.get('--data-dir') ?? defaultDemoDataDir(env),
    faultRate: number('--fault-rate', 0, (value) => value >= 0 && value <= 1, 'between 0 and 1')!,
    faultSeed: values.get('--fault-seed'),
    now,
  };
}

/** `<OpsDeck data folder>/demo-fleet`, the folder the app's own demo uses. */
export function defaultDemoDataDir(env: DemoFleetProcessIo['env']): string {
  const base = env.OPSDECK_DATA_DIR || join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'OpsDeck');
  return join(base, 'demo-fleet');
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

export async function runDemoFleetProcess(args: string[], io: DemoFleetProcessIo): Promise<number> {
  let parsed: DemoFleetArgs;
  let spec;
  try {
    parsed = parseArgs(args, io.env);
    spec = demoFleetSpec({ hosts: parsed.hosts });
  } catch (error) {
    if (error instanceof DemoFleetUsageError || error instanceof RangeError) {
      io.stderr.write(`opsdeck demo-fleet: ${error.message}\nusage: ${DEMO_FLEET_USAGE}\n`);
      return 2;
    }
    throw error;
  }
  // Listen for signals before starting so an early SIGTERM is not lost.
  const stopSignal = io.stopSignal ?? waitForSignal();
  let fleet;
  try {
    fleet = await startDemoFleet({
      spec,
      now: parsed.now,
      dataDir: parsed.dataDir,
      faultRate: parsed.faultRate,
      ...(parsed.portBase === undefined ? {} : { portBase: parsed.portBase }),
      ...(parsed.faultSeed === undefined ? {} : { faultSeed: parsed.faultSeed }),
    });
  } catch (error) {
    io.stderr.write(`opsdeck demo-fleet: cannot start: ${errorMessage(error)}\n`);
    return 1;
  }
  const inventoryPath = join(parsed.dataDir, 'demo-inventory.yaml');
  const knownHostsPath = join(parsed.dataDir, 'demo-known-hosts');
  await writeFile(inventoryPath, fleet.inventoryYaml, { mode: 0o600 });
  await writeFile(knownHostsPath, demoKnownHosts(fleet), { mode: 0o600 });
  io.stdout.write(
    `${JSON.stringify({
      ready: true,
      label: 'Demo fleet (simulated)',
      bastions: fleet.bastions,
      hosts: spec.hosts.length,
      inventoryPath,
      clientKeyPath: fleet.clientKeyPath,
      knownHostsPath,
      now: parsed.now.toISOString(),
      faults: fleet.faults,
    })}\n`,
  );
  await stopSignal;
  await fleet.stop();
  return 0;
}
