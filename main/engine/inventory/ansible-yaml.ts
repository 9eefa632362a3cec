// Ansible YAML inventories (ansible.builtin.yaml): top-level groups (usually
// `all:`), each with optional `hosts:` (name → vars), `children:` (nested
// groups) and `vars:`. Positions come from the YAML nodes, so problems name
// the line and column of the host or var concerned.
import { isAlias, isMap, isScalar, LineCounter, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import { addChild, addHost, emptyAnsibleModel, groupNamed, setVar, type AnsibleInventoryModel, type AnsibleParse, type SourceSpot } from './ansible-model';
import { connectionVarProblem } from './ansible-connection-vars';
import { expandHostPattern } from './ansible-host-pattern';
import type { InventoryProblem } from './inventory-problem';
import { positionOfOffset } from './yaml-locations';
import { describeValue } from './zod-issue-message';

const MAX_GROUP_DEPTH = 64;

export function parseAnsibleYaml(text: string, file: string): AnsibleParse {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, merge: true });
  const reader = new AnsibleYamlReader(doc, counter, file);
  if (doc.errors.length > 0) {
    for (const error of doc.errors) reader.problemAt(error.pos[0], `YAML syntax: ${error.message.split('\n')[0] ?? ''}`);
    return reader.result();
  }
  const root = doc.contents;
  if (!isMap(root)) {
    reader.problemAt(offsetOf(root), 'expected a mapping of groups (usually all: with hosts:, children: and vars:)');
    return reader.result();
  }
  for (const pair of root.items) {
    const name = reader.keyText(pair.key);
    if (name !== null) reader.group(name, pair.value as Node | null, null, pair.key as Node, []);
  }
  return reader.result();
}

class AnsibleYamlReader {
  readonly model: AnsibleInventoryModel = emptyAnsibleModel();
  private readonly problems: InventoryProblem[] = [];
  private readonly warnings: string[] = [];

  constructor(
    private readonly doc: Document,
    private readonly counter: LineCounter,
    private readonly file: string,
  ) {}

  result(): AnsibleParse {
    return { model: this.model, problems: this.problems, warnings: this.warnings };
  }

  problemAt(offset: number, message: string): void {
    this.problems.push({ file: this.file, ...positionOfOffset(this.counter, offset), message });
  }

  private spot(node: unknown): SourceSpot {
    return positionOfOffset(this.counter, offsetOf(node));
  }

  keyText(key: unknown): string | null {
    if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
    this.problemAt(offsetOf(key), 'expected a name here');
    return null;
  }

  /** Follows `*alias` to its anchor, refusing one that points back into the group being read. */
  private resolved(node: Node | null, ancestors: Node[]): Node | null {
    const target = isAlias(node) ? (node.resolve(this.doc) ?? null) : node;
    if (target && ancestors.includes(target)) {
      this.problemAt(offsetOf(node), 'this alias refers to a group that contains it');
      return null;
    }
    return target as Node | null;
  }

  group(name: string, body: Node | null, parent: string | null, at: Node, ancestors: Node[]): void {
    groupNamed(this.model, name);
    if (parent !== null) addChild(this.model, parent, name);
    const node = this.resolved(body, ancestors);
    if (node === null || (isScalar(node) && node.value === null)) return;
    if (ancestors.length >= MAX_GROUP_DEPTH) return void this.problemAt(offsetOf(at), `group ${name}: nested more than ${MAX_GROUP_DEPTH} deep`);
    if (!isMap(node)) return void this.problemAt(offsetOf(node), `group ${name}: expected a mapping with hosts:, children: or vars:, got ${describeValue(this.plain(node))}`);
    for (const pair of node.items) {
      const key = this.keyText(pair.key);
      const value = this.resolved(pair.value as Node | null, [...ancestors, node]);
      if (key === 'hosts') this.hosts(name, value);
      else if (key === 'children') this.children(name, value, [...ancestors, node]);
      else if (key === 'vars') this.vars(name, value, (vars) => mergeVars(groupNamed(this.model, name).vars, vars));
      else if (key !== null) this.warnings.push(`group ${name}: key ${JSON.stringify(key)} ignored (only hosts, children and vars are read)`);
    }
  }

  private children(parent: string, node: Node | null, ancestors: Node[]): void {
    if (node === null || (isScalar(node) && node.value === null)) return;
    if (!isMap(node)) return void this.problemAt(offsetOf(node), `group ${parent}: children: expected a mapping of group names`);
    for (const pair of node.items) {
      const child = this.keyText(pair.key);
      if (child !== null) this.group(child, pair.value as Node | null, parent, pair.key as Node, ancestors);
    }
  }

  private hosts(group: string, node: Node | null): void {
    if (node === null || (isScalar(node) && node.value === null)) return;
    if (!isMap(node)) {
      return void this.problemAt(offsetOf(node), `group ${group}: hosts: expected a mapping of host names (each name followed by ":"), got ${describeValue(this.plain(node))}`);
    }
    for (const pair of node.items) {
      const pattern = this.keyText(pair.key);
      if (pattern === null) continue;
      const spot = this.spot(pair.key);
      const expanded = expandHostPattern(pattern);
      if (!expanded.ok) {
        this.problemAt(offsetOf(pair.key), `group ${group}: ${expanded.reason}`);
        continue;
      }
      this.vars(`${group}/${pattern}`, this.resolved(pair.value as Node | null, []), (vars) => {
        for (const name of expanded.names) addHost(this.model, group, name, vars, spot);
      });
    }
  }

  private vars(owner: string, node: Node | null, use: (vars: Record<string, unknown>) => void): void {
    const vars: Record<string, unknown> = {};
    if (node !== null && !(isScalar(node) && node.value === null)) {
      if (!isMap(node)) return void this.problemAt(offsetOf(node), `${owner}: expected a mapping of vars, got ${describeValue(this.plain(node))}`);
      for (const pair of (node as YAMLMap).items) {
        const key = this.keyText(pair.key);
        if (key === null) continue;
        const value = this.plain(pair.value);
        const why = connectionVarProblem(key, value);
        if (why) this.problemAt(offsetOf(pair.key), `${owner}: ${why}`);
        setVar(vars, key, value);
      }
    }
    use(vars);
  }

  private plain(node: unknown): unknown {
    if (node === null || node === undefined) return null;
    try {
      return (node as Node).toJS(this.doc, { maxAliasCount: 100 });
    } catch {
      return null;
    }
  }
}

function offsetOf(node: unknown): number {
  const range = (node as Node | null | undefined)?.range;
  return range?.[0] ?? 0;
}

function mergeVars(target: Record<string, unknown>, vars: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(vars)) setVar(target, key, value);
}
