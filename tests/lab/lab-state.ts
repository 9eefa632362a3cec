// The lab's record of what it created, written *before* each thing is
// created, so `lab down` after a crash still knows every namespace, link,
// route, process and file that may exist — and touches nothing else.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type CreatedThing =
  | { kind: 'dir'; path: string }
  | { kind: 'netns'; name: string }
  /** A link in the root namespace (bridges; veth ends go with their namespace). */
  | { kind: 'link'; name: string }
  | { kind: 'route'; type: 'unreachable'; prefix: string }
  /** A daemon: its pid and the start time from /proc/PID/stat, so a recycled pid is never killed. */
  | { kind: 'process'; label: string; pid: number; startTime: string };

export interface LabState {
  version: 1;
  /** False until `lab up` finished: a false here after the fact means it crashed. */
  complete: boolean;
  hostsPerSite: number;
  createdAt: string;
  created: CreatedThing[];
}

export function statePath(dir: string): string {
  return join(dir, 'state.json');
}

export function readState(dir: string): LabState | null {
  const path = statePath(dir);
  if (!existsSync(path)) return null;
  const state = JSON.parse(readFileSync(path, 'utf8')) as LabState;
  if (state.version !== 1 || !Array.isArray(state.created)) throw new Error(`${path} is not a lab state file this version understands`);
  return state;
}

export class StateRecorder {
  constructor(
    private readonly dir: string,
    readonly state: LabState,
  ) {}

  static begin(dir: string, hostsPerSite: number): StateRecorder {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const recorder = new StateRecorder(dir, { version: 1, complete: false, hostsPerSite, createdAt: new Date().toISOString(), created: [{ kind: 'dir', path: dir }] });
    recorder.save();
    return recorder;
  }

  /** Records the thing, then creates it. */
  create<T>(thing: CreatedThing, make: () => T): T {
    this.record(thing);
    return make();
  }

  record(thing: CreatedThing): void {
    this.state.created.push(thing);
    this.save();
  }

  forgetProcess(pid: number): void {
    this.state.created = this.state.created.filter((thing) => !(thing.kind === 'process' && thing.pid === pid));
    this.save();
  }

  finish(): void {
    this.state.complete = true;
    this.save();
  }

  save(): void {
    const path = statePath(this.dir);
    writeFileSync(`${path}.tmp`, `${JSON.stringify(this.state, null, 2)}\n`, { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  }
}

/** The recorder of a lab that is up, for changes made later (a daemon restarted by a test). */
export function resumeRecorder(dir: string): StateRecorder {
  const state = readState(dir);
  if (!state) throw new Error(`no lab state in ${dir}: is the lab up? (npm run lab -- up)`);
  return new StateRecorder(dir, state);
}
