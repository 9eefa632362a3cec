// bench:firewall — how long OpsDeck takes to read a host's firewall and work
// out what is exposed, at 1k, 10k and 100k rules, and how its pages keep up
// (`npm run bench:firewall [-- 1000,10000 [parse,table,matrix]]`: sizes of
// part 1, then which parts to run). Prints tables; asserts nothing.
//
// Part 1 (here): parse and analyse in Node. Rulesets come from
// tests/support/firewall-ruleset-generator.ts (sets, jumps, one service
// chain per port block, ~30 listening sockets). Baselines side by side:
// JSON.parse alone on the same nft -j text (the floor for any JSON reader),
// and OpsDeck's iptables-save parser on the same rules in iptables-save
// text. "analyse" is the exposure of every socket plus the input default,
// on the parsed ruleset; "facts" is the whole area step (parse +
// reconcile + analyse) as a scan runs it; heap is what the facts retain.
//
// Part 2 (rules table in Chromium: time from keystroke to painted result at
// 50k rows) lives in firewall-table-bench.ts, part 3 (the fleet matrix in
// Chromium at 1,000 demo hosts against 24) in firewall-matrix-bench.ts.
import { effectiveExposure, unlistedPortExposure } from '../../main/engine/collectors/firewall/exposure';
import { FIREWALL_COMMAND_IDS as ids } from '../../main/engine/collectors/firewall/firewall-commands';
import { firewallFacts } from '../../main/engine/collectors/firewall/firewall-facts';
import { parseIp6tablesSave, parseIptablesSave } from '../../main/engine/collectors/firewall/iptables-save';
import { parseNftJson } from '../../main/engine/collectors/firewall/nft-json';
import { parseSsListeners } from '../../main/engine/collectors/firewall/ss-listeners';
import type { CommandOutput } from '../../main/engine/collectors/host-command';
import { generateFirewallRuleset, type GeneratedRuleset } from '../support/firewall-ruleset-generator';
import { printMatrixBench, runMatrixBench } from './firewall-matrix-bench';
import { printRulesTableBench, runRulesTableBench } from './firewall-table-bench';
import { timedMedian as median } from './timed-median';

const SIZES = (process.argv[2] ?? '1000,10000,100000').split(',').map(Number);
const PARTS = new Set((process.argv[3] ?? 'parse,table,matrix').split(','));
const TARGET_MS = 100;

interface Row {
  rules: number;
  mb: number;
  jsonParseMs: number;
  parseMs: number;
  iptablesMs: number;
  analyseMs: number;
  factsMs: number;
  heapMb: number;
  factsJsonMb: number;
  reachable: number;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function output(id: string, stdout: string): CommandOutput {
  return { id, command: id, stdout, stderr: '', exitCode: 0, durationMs: 0, error: null };
}

function measure(size: number): Row {
  const generated: GeneratedRuleset = generateFirewallRuleset(size);
  const runs = size >= 100_000 ? 3 : 7;
  const ruleset = parseNftJson(generated.nftJson, '', 0).value!;
  const listeners = parseSsListeners(generated.ss, '', 0).value!.listeners;
  const outputs = [output(ids.nftJson, generated.nftJson), output(ids.iptablesSave, ''), output(ids.ip6tablesSave, ''), output(ids.ssListeners, generated.ss)];
  const row: Row = {
    rules: generated.rules,
    mb: generated.nftJson.length / 1024 / 1024,
    jsonParseMs: median(runs, () => JSON.parse(generated.nftJson)),
    parseMs: median(runs, () => parseNftJson(generated.nftJson, '', 0)),
    iptablesMs: median(runs, () => [parseIptablesSave(generated.iptablesSave, '', 0), parseIp6tablesSave(generated.ip6tablesSave, '', 0)]),
    analyseMs: median(runs, () => [effectiveExposure(ruleset, listeners), unlistedPortExposure(ruleset, 4), unlistedPortExposure(ruleset, 6)]),
    factsMs: median(runs, () => firewallFacts('debian', outputs)),
    heapMb: 0,
    factsJsonMb: 0,
    reachable: 0,
  };
  gc();
  const before = process.memoryUsage().heapUsed;
  const facts = firewallFacts('debian', outputs);
  gc();
  row.heapMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  row.factsJsonMb = JSON.stringify(facts).length / 1024 / 1024;
  row.reachable = facts.exposure.filter((entry) => entry.reachability === 'any' || entry.reachability === 'some').length;
  if (facts.ruleset.rules.length < generated.rules) throw new Error(`only ${facts.ruleset.rules.length} of ${generated.rules} rules in the facts`);
  return row;
}

function table(header: string[], align: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

function runParsePart(): void {
  const rows = SIZES.map((size) => {
    const row = measure(size);
    process.stderr.write(`${size} rules done\n`);
    return row;
  });
  const f = (value: number, digits = 1) => value.toFixed(digits);
  console.log(`\nbench:firewall — part 1: parse and analyse (Node ${process.version}, ~30 listening sockets; median of 7 runs, 3 at 100k)\n`);
  console.log(
    table(
      [
        'rules',
        'nft -j MB',
        'JSON.parse ms (floor)',
        'parseNftJson ms',
        'parse / JSON.parse',
        'iptables-save parse ms (same rules)',
        'analyse ms',
        'parse + analyse ms',
        `vs ${TARGET_MS} ms target`,
        'facts step ms',
        'facts heap MB',
        'facts JSON MB',
        'reachable sockets',
      ],
      ['---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:'],
      rows.map((row) => [
        row.rules,
        f(row.mb),
        f(row.jsonParseMs),
        f(row.parseMs),
        f(row.parseMs / row.jsonParseMs, 2),
        f(row.iptablesMs),
        f(row.analyseMs),
        f(row.parseMs + row.analyseMs),
        f((row.parseMs + row.analyseMs) / TARGET_MS, 2),
        f(row.factsMs),
        f(row.heapMb),
        f(row.factsJsonMb),
        row.reachable,
      ]),
    ),
  );
}

/** Part 2: the rules table in Chromium at 50k rules (tests/bench/firewall-table-bench.ts; needs the built renderer). */
async function runRendererPart(): Promise<void> {
  printRulesTableBench(await runRulesTableBench(50_000));
}

/** Part 3: the fleet matrix in Chromium, 1,000 demo hosts against the default 24 (tests/bench/firewall-matrix-bench.ts). */
async function runMatrixPart(): Promise<void> {
  const small = await runMatrixBench(24);
  printMatrixBench(await runMatrixBench(1000), small);
}

if (PARTS.has('parse')) runParsePart();
if (PARTS.has('table')) await runRendererPart();
if (PARTS.has('matrix')) await runMatrixPart();
