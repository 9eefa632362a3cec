// `lab down`: removes, in reverse, everything the state file says the lab
// created (also after a crashed `lab up`): its daemons and every process
// left in its namespaces, the namespaces (their veths go with them), its
// bridges, its route and its folder. Nothing it did not record is touched.
// Then it looks for anything left behind and says what.
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { readState, type CreatedThing } from './lab-state';
import { linkExists, listLinks, listNamespaces, must, namespaceExists, namespacePids, processAlive, processStartTime, requireRoot, run, stopProcess } from './lab-system';
import { DEFAULT_LAB_DIR, LAB_PREFIX, LAB_SUPERNET } from './lab-topology';

export interface LabDownResult {
  removed: string[];
  leftovers: string[];
}

export async function labDown(options: { dir?: string; log?: (line: string) => void } = {}): Promise<LabDownResult> {
  requireRoot('lab down');
  const dir = options.dir ?? DEFAULT_LAB_DIR;
  const log = options.log ?? (() => undefined);
  const state = readState(dir);
  const created: CreatedThing[] = state?.created ?? (existsSync(dir) ? [{ kind: 'dir', path: dir }] : []);
  const removed: string[] = [];
  const namespaces = created.filter((thing) => thing.kind === 'netns').map((thing) => thing.name);

  const stopping: Promise<void>[] = [];
  for (const thing of created) if (thing.kind === 'process') stopping.push(stopProcess(thing.pid, thing.startTime).then(() => void removed.push(`process ${thing.label} (${thing.pid})`)));
  for (const netns of namespaces) {
    for (const pid of namespacePids(netns)) {
      const startTime = processStartTime(pid);
      if (startTime) stopping.push(stopProcess(pid, startTime).then(() => void removed.push(`process ${pid} in ${netns}`)));
    }
  }
  await Promise.all(stopping);

  for (const thing of [...created].reverse()) {
    switch (thing.kind) {
      case 'netns':
        if (namespaceExists(thing.name)) {
          must('ip', ['netns', 'delete', thing.name]);
          removed.push(`namespace ${thing.name}`);
        }
        break;
      case 'link':
        if (linkExists(thing.name)) {
          must('ip', ['link', 'delete', thing.name]);
          removed.push(`link ${thing.name}`);
        }
        break;
      case 'route':
        if (run('ip', ['-4', 'route', 'show', 'exact', thing.prefix, 'type', thing.type]).stdout.trim()) {
          must('ip', ['route', 'delete', thing.type, thing.prefix]);
          removed.push(`route ${thing.type} ${thing.prefix}`);
        }
        break;
      case 'dir':
        if (thing.path === dir && existsSync(dir)) {
          rmSync(dir, { recursive: true, force: true });
          removed.push(`folder ${dir}`);
        } else if (thing.path !== dir && existsSync(thing.path) && readdirSync(thing.path).length === 0) {
          rmdirSync(thing.path);
          removed.push(`folder ${thing.path}`);
        }
        break;
      case 'process':
        break;
    }
  }
  const leftovers = labLeftovers(dir, created);
  log(`removed ${removed.length} things; left behind: ${leftovers.length === 0 ? 'nothing' : leftovers.join('; ')}`);
  return { removed, leftovers };
}

/** Anything of the lab still present: what it recorded, and anything named or placed like it. */
export function labLeftovers(dir: string, created: CreatedThing[] = []): string[] {
  const leftovers: string[] = [];
  for (const name of listNamespaces()) if (name.startsWith(LAB_PREFIX) || created.some((thing) => thing.kind === 'netns' && thing.name === name)) leftovers.push(`namespace ${name}`);
  for (const name of listLinks()) if (name.startsWith(LAB_PREFIX)) leftovers.push(`link ${name}`);
  const routes = run('ip', ['-4', 'route', 'show', 'root', LAB_SUPERNET]).stdout.trim();
  if (routes) leftovers.push(`routes ${routes.replace(/\n/g, '; ')}`);
  for (const thing of created) if (thing.kind === 'process' && processAlive(thing.pid, thing.startTime)) leftovers.push(`process ${thing.label} (${thing.pid})`);
  for (const pid of processesMentioning(dir)) leftovers.push(`process ${pid} (${commandLine(pid)})`);
  if (existsSync(dir)) leftovers.push(`folder ${dir}`);
  return [...new Set(leftovers)];
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}

/** This process and the ones that started it (a script that names the lab's folder is not a leftover). */
function ancestors(): Set<number> {
  const chain = new Set<number>();
  for (let pid = process.pid; pid > 1 && !chain.has(pid);) {
    chain.add(pid);
    try {
      pid = Number(/^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      break;
    }
  }
  return chain;
}

/** Processes whose command line names the lab's folder (daemons, stubs, tools pointed at its files). */
function processesMentioning(dir: string): number[] {
  const mine = ancestors();
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => !mine.has(pid) && commandLine(pid).includes(dir));
}
