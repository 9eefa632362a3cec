// The contestants of bench:lab, each running the same fixed read-only
// commands on the same lab hosts at the same concurrency, each measured
// for wall time and the CPU spent on the controlling side: OpsDeck's SSH
// pool (in this process: process.cpuUsage), OpenSSH with ControlMaster
// driven by xargs -P, parallel-ssh and Ansible ad-hoc (their whole process
// trees, persisting masters included: a cgroup per run).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostKeyStore } from '../../main/engine/ssh/host-key-store';
import { SshPool } from '../../main/engine/ssh/ssh-pool';
import type { SshRoute } from '../../main/engine/ssh/ssh-route';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import type { LabDescription } from '../lab/lab-up';
import { CpuCgroup } from './cpu-cgroup';

export const COMMANDS = ['cat /etc/os-release', 'uname -r', 'ss -H -tln', 'nft -j list ruleset', 'hostname'].map((command) => `env LC_ALL=C ${command}`);

export interface BenchHost {
  name: string;
  route: SshRoute;
}

export interface Run {
  wallS: number;
  cpuS: number;
  /** Hosts where every command exited 0. */
  answered: number;
}

export interface BenchContext {
  lab: LabDescription;
  hosts: BenchHost[];
  concurrency: number;
  /** A scratch folder for this repeat (configs, control sockets). */
  dir: string;
  /** Unique per run, for cgroup names. */
  tag: string;
}

// ------------------------------------------------------------------ OpsDeck

async function opsdeckPass(pool: SshPool, context: BenchContext): Promise<Run> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let answered = 0;
  const queue = [...context.hosts];
  await Promise.all(
    Array.from({ length: context.concurrency }, async () => {
      for (let host = queue.shift(); host; host = queue.shift()) {
        const route = host.route;
        const results = await Promise.allSettled(COMMANDS.map((command) => pool.exec(route, command, { timeoutMs: 60_000 })));
        if (results.every((result) => result.status === 'fulfilled' && result.value.exitCode === 0)) answered++;
        else for (const result of results) if (result.status === 'rejected') process.stderr.write(`OpsDeck ${host.name}: ${String(result.reason?.message ?? result.reason)}\n`);
      }
    }),
  );
  const wallS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { wallS, cpuS: (cpu.user + cpu.system) / 1e6, answered };
}

/** Cold: a new pool (every connection, bastions included, opened during the run); warm: the same pool again. */
export async function opsdeckRuns(context: BenchContext): Promise<{ cold: Run; warm: Run }> {
  const pool = new SshPool({
    hostKeys: new HostKeyStore({ userKnownHostsPath: context.lab.paths.knownHosts, opsdeckKnownHostsPath: join(context.dir, 'opsdeck_known_hosts') }),
    prompter: { confirmUnknownHostKey: async () => false, keyboardInteractive: async () => null, keyPassphrase: async () => null },
    secrets: new MemorySecretStore(),
  });
  try {
    const cold = await opsdeckPass(pool, context);
    const warm = await opsdeckPass(pool, context);
    return { cold, warm };
  } finally {
    await pool.dispose();
  }
}

// ------------------------------------------------------------ external tools

function measured(cgroup: CpuCgroup, argv: string[], env: NodeJS.ProcessEnv = process.env): Run & { stdout: string } {
  const cpuBefore = cgroup.cpuSeconds();
  const started = performance.now();
  const result = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024 });
  const wallS = (performance.now() - started) / 1000;
  if (result.error) throw new Error(`${argv.join(' ')}: ${result.error.message}`);
  return { wallS, cpuS: cgroup.cpuSeconds() - cpuBefore, answered: 0, stdout: result.stdout };
}

function hostsFile(context: BenchContext): string {
  const path = join(context.dir, 'hosts');
  writeFileSync(path, `${context.hosts.map((host) => host.name).join('\n')}\n`);
  return path;
}

/** Runs one command line per invocation (as ad-hoc tools do), all commands in sequence, in one cgroup. */
function invocations(cgroup: CpuCgroup, argvOf: (command: string) => string[], answeredIn: (stdout: string) => string[], env?: NodeJS.ProcessEnv): Run {
  const total: Run = { wallS: 0, cpuS: 0, answered: 0 };
  const answeredAll = new Map<string, number>();
  for (const command of COMMANDS) {
    const run = measured(cgroup, cgroup.wrap(argvOf(command)), env);
    total.wallS += run.wallS;
    total.cpuS += run.cpuS;
    for (const host of new Set(answeredIn(run.stdout))) answeredAll.set(host, (answeredAll.get(host) ?? 0) + 1);
  }
  total.answered = [...answeredAll.values()].filter((count) => count === COMMANDS.length).length;
  return total;
}

/** OpenSSH with ControlMaster/ControlPersist (the bastions too), each host's commands in sequence, xargs -P hosts at once. */
export async function opensshRuns(context: BenchContext): Promise<{ cold: Run; warm: Run }> {
  const controlDir = join(context.dir, 'cm');
  mkdirSync(controlDir);
  const config = join(context.dir, 'ssh_config');
  writeFileSync(config, `${readFileSync(context.lab.paths.sshConfig, 'utf8')}\nHost *\n  ControlMaster auto\n  ControlPath ${controlDir}/%C\n  ControlPersist 120\n`);
  const commands = join(context.dir, 'commands');
  writeFileSync(commands, `${COMMANDS.join('\n')}\n`);
  const perHost = join(context.dir, 'per-host.sh');
  // Host names arrive as arguments and commands from a file: nothing is spliced into the script.
  writeFileSync(perHost, ['fail=0', 'while IFS= read -r c; do ssh -F "$CFG" "$1" "$c" </dev/null >/dev/null 2>&1 || fail=1; done < "$CMDS"', '[ "$fail" = 0 ] && echo "$1"', ''].join('\n'));
  const hosts = hostsFile(context);
  const cgroup = CpuCgroup.create(`odl-bench-openssh-${context.tag}`);
  try {
    const pass = (): Run => {
      const run = measured(cgroup, cgroup.wrap(['sh', '-c', 'exec xargs -P "$1" -n 1 sh "$2" < "$3"', 'xargs-run', String(context.concurrency), perHost, hosts]), {
        ...process.env,
        CFG: config,
        CMDS: commands,
      });
      return { ...run, answered: run.stdout.split('\n').filter(Boolean).length };
    };
    const cold = pass();
    const warm = pass();
    return { cold, warm };
  } finally {
    await cgroup.dispose();
  }
}

/** parallel-ssh (Debian's pssh): one invocation per command, new connections every time. */
export async function psshRun(context: BenchContext): Promise<Run> {
  const hosts = hostsFile(context);
  const cgroup = CpuCgroup.create(`odl-bench-pssh-${context.tag}`);
  try {
    return invocations(
      cgroup,
      (command) => ['parallel-ssh', '-h', hosts, '-p', String(context.concurrency), '-t', '60', '-x', `-F ${context.lab.paths.sshConfig}`, command],
      (stdout) => [...stdout.matchAll(/\[SUCCESS\] (\S+)/g)].map((match) => match[1]!),
    );
  } finally {
    await cgroup.dispose();
  }
}

/** Ansible ad-hoc over the lab's INI inventory: forks = concurrency, pipelining and ControlPersist on, no facts. */
export async function ansibleRun(context: BenchContext, module: 'command' | 'raw'): Promise<Run> {
  const home = join(context.dir, `ansible-${module}`);
  mkdirSync(home);
  writeFileSync(
    join(home, 'ansible.cfg'),
    [
      '[defaults]',
      `inventory = ${context.lab.paths.ansibleInventory}`,
      `forks = ${context.concurrency}`,
      'host_key_checking = True',
      'gathering = explicit',
      'retry_files_enabled = False',
      'deprecation_warnings = False',
      `remote_tmp = ${join(home, 'remote-tmp')}`,
      `local_tmp = ${join(home, 'local-tmp')}`,
      '[ssh_connection]',
      'pipelining = True',
      'ssh_args = -o ControlMaster=auto -o ControlPersist=60s',
      `control_path_dir = ${join(home, 'cp')}`,
      '',
    ].join('\n'),
  );
  const env = { ...process.env, HOME: home, ANSIBLE_CONFIG: join(home, 'ansible.cfg'), ANSIBLE_NOCOLOR: '1', ANSIBLE_FORCE_COLOR: '0' };
  const cgroup = CpuCgroup.create(`odl-bench-ansible-${module}-${context.tag}`);
  try {
    return invocations(
      cgroup,
      (command) => ['ansible', 'all', '-m', module, '-a', command, '-o'],
      (stdout) => [...stdout.matchAll(/^(\S+) \| (?:CHANGED|SUCCESS) \| rc=0 \|/gm)].map((match) => match[1]!),
      env,
    );
  } finally {
    await cgroup.dispose();
  }
}
