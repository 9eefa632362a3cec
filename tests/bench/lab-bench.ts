// bench:lab — OpsDeck against OpenSSH (ControlMaster + xargs -P),
// parallel-ssh and Ansible ad-hoc on the network-namespace lab: the same
// hosts, the same 5 read-only commands, the same concurrency, side by side
// in one invocation, three repeats interleaved, medians. Uses the lab that
// is up, or brings one up (and takes it down after). Prints a table;
// asserts nothing.
//   npm run bench:lab [-- --hosts-per-site N] [--repeats R]   (as root)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanTargets } from '../../main/engine/fleet/scan-targets';
import { parseInventory } from '../../main/engine/inventory/parse-inventory';
import { labDown } from '../lab/lab-down';
import { requireRoot } from '../lab/lab-system';
import { ensureSbinOnPath, labUp, readLab } from '../lab/lab-up';
import { ansibleRun, COMMANDS, opensshRuns, opsdeckRuns, psshRun, type BenchContext, type BenchHost, type Run } from './lab-bench-tools';

function numberArg(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

const REPEATS = numberArg('--repeats', 3);
const TOOLS = [
  'OpsDeck, cold (new connections)',
  'OpsDeck, warm (pooled connections)',
  'OpenSSH ControlMaster + xargs -P, cold',
  'OpenSSH ControlMaster + xargs -P, warm',
  'parallel-ssh, 5 runs (new connections)',
  'Ansible ad-hoc -m command, 5 runs',
  'Ansible ad-hoc -m raw, 5 runs',
] as const;
type Tool = (typeof TOOLS)[number];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main(): Promise<void> {
  requireRoot('bench:lab');
  ensureSbinOnPath();
  const existing = readLab();
  const { lab, reused } = await labUp({ hostsPerSite: numberArg('--hosts-per-site', existing?.topology.hostsPerSite ?? 4), log: (line) => process.stderr.write(`[lab] ${line}\n`) });
  const parsed = parseInventory(readFileSync(lab.paths.inventory, 'utf8'), lab.paths.inventory);
  if (!parsed.ok) throw new Error(`lab inventory: ${parsed.problems[0]?.message}`);
  const hosts: BenchHost[] = scanTargets(parsed.inventory, { kind: 'fleet' }).map((target) => ({ name: target.name, route: target.route }));
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? hosts.length);
  const runs = new Map<Tool, Run[]>(TOOLS.map((tool) => [tool, []]));
  const scratch = mkdtempSync(join(tmpdir(), 'opsdeck-bench-lab-'));
  try {
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      const context = (name: string): BenchContext => ({ lab, hosts, concurrency, dir: mkdtempSync(join(scratch, `${name}-`)), tag: `${process.pid}-${repeat}` });
      const opsdeck = await opsdeckRuns(context('opsdeck'));
      runs.get(TOOLS[0])!.push(opsdeck.cold);
      runs.get(TOOLS[1])!.push(opsdeck.warm);
      const openssh = await opensshRuns(context('openssh'));
      runs.get(TOOLS[2])!.push(openssh.cold);
      runs.get(TOOLS[3])!.push(openssh.warm);
      runs.get(TOOLS[4])!.push(await psshRun(context('pssh')));
      runs.get(TOOLS[5])!.push(await ansibleRun(context('ansible'), 'command'));
      runs.get(TOOLS[6])!.push(await ansibleRun(context('ansible'), 'raw'));
      process.stderr.write(`repeat ${repeat + 1}/${REPEATS} done\n`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const base = runs.get(TOOLS[0])!;
  const baseWall = median(base.map((run) => run.wallS));
  const baseCpu = median(base.map((run) => run.cpuS));
  const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  const lines = [
    row(['tool', 'answered', 'wall s (median)', `wall s (${REPEATS} runs)`, 'wall vs OpsDeck cold', 'controller CPU s (median)', 'CPU vs OpsDeck cold']),
    row(['---', '---:', '---:', '---', '---:', '---:', '---:']),
  ];
  for (const tool of TOOLS) {
    const each = runs.get(tool)!;
    const wall = median(each.map((run) => run.wallS));
    const cpu = median(each.map((run) => run.cpuS));
    lines.push(
      row([
        tool,
        `${Math.min(...each.map((run) => run.answered))}/${hosts.length}`,
        wall.toFixed(2),
        each.map((run) => run.wallS.toFixed(2)).join(', '),
        `${(wall / baseWall).toFixed(1)}×`,
        cpu.toFixed(2),
        `${(cpu / baseCpu).toFixed(1)}×`,
      ]),
    );
  }
  const wallOf = (tool: Tool) => median(runs.get(tool)!.map((run) => run.wallS));
  const ansibleRatio = wallOf(TOOLS[5]) / baseWall;
  const opensshRatio = wallOf(TOOLS[2]) / baseWall;
  console.log(
    [
      '',
      `bench:lab — ${hosts.length} hosts behind ${lab.topology.sites.length} bastions (network namespaces, real sshd), ${COMMANDS.length} commands per host, concurrency ${concurrency}, ${REPEATS} repeats`,
      `commands: ${COMMANDS.map((command) => `\`${command}\``).join(', ')}`,
      `machine: ${cpus().length} CPUs, kernel ${release()}; latency between sites: ${lab.latency.applied ? `${lab.latency.delayMs} ms (netem)` : `none (${lab.latency.reason})`}`,
      '',
      ...lines,
      '',
      `target: OpsDeck cold at least 10× faster than Ansible ad-hoc (-m command): ${ansibleRatio.toFixed(1)}× — ${ansibleRatio >= 10 ? 'met' : 'NOT met'}`,
      `target: OpsDeck cold no slower than OpenSSH ControlMaster cold: ${opensshRatio.toFixed(1)}× — ${opensshRatio >= 1 ? 'met' : 'NOT met'}`,
    ].join('\n'),
  );
  if (!reused) {
    const { leftovers } = await labDown();
    process.stderr.write(`[lab] down; left behind: ${leftovers.length ? leftovers.join('; ') : 'nothing'}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(`bench:lab: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
