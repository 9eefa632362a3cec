// Ansible INI inventories (ansible.builtin.ini): `[group]` host lines with
// `key=value` vars (split like shlex, as Ansible does), `[group:children]`,
// `[group:vars]`, hosts before any section in `ungrouped`, `host:port`, and
// host ranges. Every problem names the line and column.
import { addChild, addHost, emptyAnsibleModel, groupNamed, setVar, type AnsibleParse, type SourceSpot } from './ansible-model';
import { connectionVarProblem } from './ansible-connection-vars';
import { expandHostPattern } from './ansible-host-pattern';
import type { InventoryProblem } from './inventory-problem';
import { splitShellWords } from './shell-words';

type SectionKind = 'hosts' | 'children' | 'vars';

export function parseAnsibleIni(text: string, file: string): AnsibleParse {
  const model = emptyAnsibleModel();
  const problems: InventoryProblem[] = [];
  const problem = (spot: SourceSpot, message: string) => problems.push({ file, ...spot, message });
  let section: { group: string; kind: SectionKind } = { group: 'ungrouped', kind: 'hosts' };
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.trim();
    const spot = { line: index + 1, column: raw.length - raw.trimStart().length + 1 };
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    if (line.startsWith('[')) {
      const header = readSectionHeader(line);
      if (typeof header === 'string') problem(spot, header);
      else {
        section = header;
        groupNamed(model, header.group);
      }
      return;
    }
    if (section.kind === 'children') {
      const child = splitShellWords(line, { comments: true });
      if (child.ok && child.words[0]) addChild(model, section.group, child.words[0]);
    } else if (section.kind === 'vars') {
      const equals = line.indexOf('=');
      if (equals <= 0) return void problem(spot, `[${section.group}:vars]: expected key=value, got ${JSON.stringify(line)}`);
      const key = line.slice(0, equals).trim();
      const value = iniValue(line.slice(equals + 1).trim());
      const why = connectionVarProblem(key, value);
      if (why) problem(spot, `[${section.group}:vars] ${why}`);
      setVar(groupNamed(model, section.group).vars, key, value);
    } else {
      readHostLine(raw, spot, section.group, model, problem);
    }
  });
  return { model, problems, warnings: [] };
}

function readSectionHeader(line: string): { group: string; kind: SectionKind } | string {
  const match = /^\[([^\]]*)\]\s*(?:[#;].*)?$/.exec(line);
  const expected = 'expected a section header [group], [group:children] or [group:vars]';
  if (!match) return `${expected}, got ${JSON.stringify(line)}`;
  const [group = '', suffix, extra] = (match[1] ?? '').trim().split(':');
  if (group === '' || /\s/.test(group) || extra !== undefined) return `${expected}, got ${JSON.stringify(line)}`;
  if (suffix === undefined) return { group, kind: 'hosts' };
  if (suffix === 'children' || suffix === 'vars') return { group, kind: suffix };
  return `unknown section [${group}:${suffix}]; ${expected}`;
}

function readHostLine(raw: string, spot: SourceSpot, group: string, model: ReturnType<typeof emptyAnsibleModel>, problem: (spot: SourceSpot, message: string) => void): void {
  const split = splitShellWords(raw, { comments: true });
  if (!split.ok) return problem({ line: spot.line, column: split.index + 1 }, `[${group}]: ${split.reason}`);
  const [pattern, ...assignments] = split.words;
  if (pattern === undefined) return;
  const vars: Record<string, unknown> = {};
  const hostPort = /^([^:[\]]+|[^:]*\[[^\]]*\][^:]*):(\d+)$/.exec(pattern);
  if (hostPort) setVar(vars, 'ansible_port', hostPort[2]);
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    const at = { line: spot.line, column: Math.max(raw.indexOf(assignment.split('=')[0] ?? assignment), 0) + 1 };
    if (equals <= 0) return problem(at, `[${group}] ${pattern}: expected key=value after the host name, got ${JSON.stringify(assignment)}`);
    const key = assignment.slice(0, equals);
    const value = assignment.slice(equals + 1);
    const why = connectionVarProblem(key, value);
    if (why) problem(at, `[${group}] ${pattern}: ${why}`);
    setVar(vars, key, value);
  }
  const expanded = expandHostPattern(hostPort ? (hostPort[1] ?? pattern) : pattern);
  if (!expanded.ok) return problem(spot, `[${group}]: ${expanded.reason}`);
  for (const name of expanded.names) addHost(model, group, name, vars, spot);
}

/** A `[group:vars]` value: Ansible reads it as a Python literal, so quotes are removed. */
function iniValue(text: string): string {
  const quoted = /^(['"])(.*)\1$/s.exec(text);
  if (!quoted) return text;
  return (quoted[2] ?? '').replace(/\\(['"\\])/g, '$1');
}
