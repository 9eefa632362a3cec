// `opsdeck demo-fleet`: the simulated fleet as its own process.
import { DEMO_FLEET_OPTIONS, DEMO_FLEET_USAGE, runDemoFleetProcess } from '../engine/demo-fleet/demo-fleet-process';
import type { CliCommand } from './cli-io';

export const demoFleetCommand: CliCommand = {
  name: 'demo-fleet',
  summary: 'run the simulated two-datacentre fleet (loopback only) as its own process',
  usage: DEMO_FLEET_USAGE,
  accepts: { values: DEMO_FLEET_OPTIONS },
  run: (args, io) => runDemoFleetProcess([...args.list], io),
};
