// `opsdeck demo-fleet`: the simulated fleet as its own process.
import { DEMO_FLEET_USAGE, runDemoFleetProcess } from '../engine/demo-fleet/demo-fleet-process';
import type { CliCommand } from './cli-io';

export const demoFleetCommand: CliCommand = {
  name: 'demo-fleet',
  summary: 'run the simulated two-datacentre fleet (loopback only) as its own process',
  usage: DEMO_FLEET_USAGE,
  run: (args, io) => runDemoFleetProcess(args, io),
};
