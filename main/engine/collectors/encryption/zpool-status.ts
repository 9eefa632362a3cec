// `zpool status` (illumos): per pool a header block whose labels are
// right-aligned to the colon (`  pool:`, ` state:`, `status:`, `action:`,
// `   see:`, `  scan:`, `config:`, `errors:`) — status/action continue on
// TAB-indented lines — and a config table: a TAB, two spaces per nesting
// level (pool > raidz/mirror > disk), then NAME STATE READ WRITE CKSUM and
// optional text (`cannot open`). `logs`, `cache`, `spares`, `special` head
// their own groups at pool level. Pools are separated by a blank line.
// See zpool-status.md.
import { commonFailure, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import { failureText } from './command-failure';
import { outputLines } from '../output-lines';

export interface ZpoolVdev {
  name: string;
  state: string | null;
  read: string | null;
  write: string | null;
  cksum: string | null;
  note: string | null;
  children: ZpoolVdev[];
}

export interface ZpoolStatus {
  name: string;
  state: string | null;
  status: string | null;
  action: string | null;
  see: string | null;
  scan: string | null;
  errors: string | null;
  /** The config table's top rows: the pool itself, then any logs/cache/spares/special group. */
  config: ZpoolVdev[];
  /** Leaf devices of the pool's own row (not spares or cache), e.g. c1t1d0. */
  disks: string[];
}

const LABEL = /^ {0,6}(pool|state|status|action|see|scan|config|errors):(?: (.*))?$/;
const MAX_DEPTH = 16;

export function parseZpoolStatus(stdout: string, stderr: string, exitCode: number | null): Parsed<ZpoolStatus[]> {
  const common = commonFailure('zpool', exitCode, stderr);
  if (common) return common;
  if (/no pools available/.test(stdout) || /no pools available/.test(stderr)) return parsedOk([], ['zpool status: no pools available']);
  if (exitCode !== 0) return parsedFailure('unparsed', `zpool status failed: ${failureText(exitCode, stderr, stdout)}`);
  const refused = refuseInput(stdout, 'zpool status');
  if (refused) return refused;
  const { lines, warnings, skipped } = outputLines(stdout, 'zpool status');
  const pools: ZpoolStatus[] = [];
  let pool: ZpoolStatus | null = null;
  let field: 'status' | 'action' | 'scan' | null = null;
  let inConfig = false;
  let stack: Array<{ depth: number; vdev: ZpoolVdev }> = [];
  for (const [index, line] of lines.entries()) {
    const label = LABEL.exec(line);
    if (label) {
      const key = label[1]!;
      const value = (label[2] ?? '').trim();
      field = null;
      inConfig = false;
      if (key === 'pool') {
        pool = { name: value, state: null, status: null, action: null, see: null, scan: null, errors: null, config: [], disks: [] };
        pools.push(pool);
      } else if (!pool) {
        skipped.push(skippedInput(`line ${index + 1}`, line, `"${key}:" before any "pool:" line`));
      } else if (key === 'config') {
        inConfig = true;
        stack = [];
      } else if (key === 'status' || key === 'action' || key === 'scan') {
        pool[key] = value;
        field = key;
      } else if (key === 'state' || key === 'see' || key === 'errors') {
        pool[key] = value;
      }
      continue;
    }
    if (!pool || line.trim() === '') continue;
    if (inConfig && line.startsWith('\t')) {
      readConfigRow(pool, line.slice(1), stack, warnings);
      continue;
    }
    if (field && /^\s/.test(line)) {
      pool[field] = `${pool[field] ?? ''}\n${line.trim()}`.trim();
      continue;
    }
    skipped.push(skippedInput(`line ${index + 1}`, line, 'not a "label:" line, a continuation or a config row'));
  }
  for (const each of pools) each.disks = leaves(each.config.find((row) => row.name === each.name)?.children ?? []);
  if (pools.length === 0 && stdout.trim() !== '') return parsedFailure('unparsed', 'not zpool status output: no "pool:" line');
  return parsedOk(pools, warnings, skipped, 'zpool status');
}

function readConfigRow(pool: ZpoolStatus, row: string, stack: Array<{ depth: number; vdev: ZpoolVdev }>, warnings: string[]): void {
  const indent = row.length - row.trimStart().length;
  const fields = row.trim().split(/\s+/);
  if (fields[0] === 'NAME' && fields[1] === 'STATE') return;
  const depth = Math.floor(indent / 2);
  const [name, state, read, write, cksum, ...note] = fields as [string, ...Array<string | undefined>];
  const vdev: ZpoolVdev = { name, state: state ?? null, read: read ?? null, write: write ?? null, cksum: cksum ?? null, note: note.length ? note.join(' ') : null, children: [] };
  while (stack.length > 0 && stack[stack.length - 1]!.depth >= depth) stack.pop();
  const parent = stack[stack.length - 1];
  if (parent) parent.vdev.children.push(vdev);
  else pool.config.push(vdev);
  if (depth > MAX_DEPTH) warnings.push(`config row nested deeper than ${MAX_DEPTH}: ${name.slice(0, 60)}`);
  else stack.push({ depth, vdev });
}

function leaves(vdevs: ZpoolVdev[]): string[] {
  return vdevs.flatMap((vdev) => (vdev.children.length ? leaves(vdev.children) : [vdev.name]));
}
