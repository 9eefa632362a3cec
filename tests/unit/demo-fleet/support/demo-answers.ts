// Runs a command line against a demo host's profile, as the SSH server
// would, and returns the answer as text.
import { parseDemoCommand } from '../../../../main/engine/demo-fleet/demo-command';
import { demoFleetSpec, type DemoFleetSpec } from '../../../../main/engine/demo-fleet/demo-fleet-spec';
import { demoHostProfile } from '../../../../main/engine/demo-fleet/profiles/demo-host-profile';

export const NOW = new Date('2026-12-01T12:00:00Z');
export const SPEC = demoFleetSpec();

export interface TextAnswer {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function hostSpec(name: string, spec: DemoFleetSpec = SPEC) {
  const host = spec.hosts.find((candidate) => candidate.name === name);
  if (!host) throw new Error(`no demo host ${name}`);
  return host;
}

export function run(hostName: string, line: string, options: { spec?: DemoFleetSpec; now?: Date } = {}): TextAnswer {
  const spec = options.spec ?? SPEC;
  const profile = demoHostProfile(spec, hostSpec(hostName, spec), options.now ?? NOW);
  const result = profile.answer(parseDemoCommand(line));
  return { stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8'), exitCode: result.exitCode };
}

/** As OpsDeck sends a privileged command. */
export function runRoot(hostName: string, invocation: string, options: { spec?: DemoFleetSpec; now?: Date } = {}): TextAnswer {
  return run(hostName, `sudo -n env LC_ALL=C ${invocation}`, options);
}

export function runUser(hostName: string, invocation: string, options: { spec?: DemoFleetSpec; now?: Date } = {}): TextAnswer {
  return run(hostName, `env LC_ALL=C ${invocation}`, options);
}

export const DAY_S = 86_400;
export const nowSeconds = Math.floor(NOW.getTime() / 1000);
