// The Ansible vars that say how to reach a host (ansible_host, ansible_port,
// ansible_user, ansible_ssh_private_key_file, ansible_ssh_common_args /
// ansible_ssh_extra_args with a ProxyJump or ProxyCommand), checked where they
// are written and read into OpsDeck's connection fields.
import { jumpsFromSshArguments, type JumpSpec } from './proxy-jump-spec';
import { unprintableReason, unsafeSshWordReason } from './ssh-argument-safety';
import { describeValue } from './zod-issue-message';

/** Each field's vars, preferred first (the `ansible_ssh_*` forms are Ansible's older names). */
const FIELD_VARS = {
  address: ['ansible_host', 'ansible_ssh_host'],
  port: ['ansible_port', 'ansible_ssh_port'],
  user: ['ansible_user', 'ansible_ssh_user'],
  identity: ['ansible_ssh_private_key_file', 'ansible_private_key_file'],
  sshArguments: ['ansible_ssh_common_args', 'ansible_ssh_extra_args'],
} as const;

type Field = keyof typeof FIELD_VARS;

function fieldOf(key: string): Field | null {
  for (const [field, keys] of Object.entries(FIELD_VARS) as [Field, readonly string[]][]) if (keys.includes(key)) return field;
  return null;
}

/** A value Ansible would template at run time; OpsDeck cannot evaluate it. */
export function isJinjaTemplate(value: unknown): boolean {
  return typeof value === 'string' && /\{\{|\{%/.test(value);
}

/** Why the var `key = value` cannot be imported, or null (also null for vars OpsDeck does not use). */
export function connectionVarProblem(key: string, value: unknown): string | null {
  const field = fieldOf(key);
  if (field === null || isJinjaTemplate(value)) return null;
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return `${key}: expected text, got ${describeValue(value)}`;
  const unsafe = (reason: string | null) => (reason ? `${key}: ${JSON.stringify(text)} ${reason}` : null);
  switch (field) {
    case 'address':
    case 'user':
      return unsafe(unsafeSshWordReason(text));
    case 'identity':
      return unsafe(unprintableReason(text));
    case 'port':
      return portFrom(text) === null ? `${key}: expected a port 1-65535, got ${describeValue(value)}` : null;
    case 'sshArguments': {
      for (const jump of jumpsFromSshArguments(text).jumps ?? []) {
        const reason = unsafeSshWordReason(jump.address) ?? (jump.user !== undefined ? unsafeSshWordReason(jump.user) : null);
        if (reason) return `${key}: jump host ${JSON.stringify(jump.user ? `${jump.user}@${jump.address}` : jump.address)} ${reason}`;
      }
      return null;
    }
  }
}

function portFrom(text: string): number | null {
  const port = Number(text.trim());
  return /^\s*\d{1,5}\s*$/.test(text) && port >= 1 && port <= 65535 ? port : null;
}

export interface AnsibleConnection {
  address?: string;
  port?: number;
  user?: string;
  identity?: string;
  /** null when the vars name no jump host. */
  jumps: JumpSpec[] | null;
  /** What was written but could not be used, e.g. a Jinja template or an unsupported ProxyCommand. */
  notes: string[];
}

/** Reads a host's effective vars (already checked by connectionVarProblem). */
export function connectionFromVars(vars: Record<string, unknown>): AnsibleConnection {
  const connection: AnsibleConnection = { jumps: null, notes: [] };
  const first = (field: Field): string | undefined => {
    for (const key of FIELD_VARS[field]) {
      const value = vars[key];
      if (value === undefined || value === null) continue;
      if (isJinjaTemplate(value)) {
        connection.notes.push(`${key} is a Jinja template (${String(value)}); OpsDeck does not evaluate templates, so it was left out`);
        continue;
      }
      return String(value);
    }
    return undefined;
  };
  const address = first('address');
  if (address !== undefined) connection.address = address;
  const portText = first('port');
  const port = portText === undefined ? null : portFrom(portText);
  if (port !== null) connection.port = port;
  const user = first('user');
  if (user !== undefined) connection.user = user;
  const identity = first('identity');
  if (identity !== undefined) connection.identity = identity;
  for (const key of FIELD_VARS.sshArguments) {
    const value = vars[key];
    if (typeof value !== 'string' || isJinjaTemplate(value)) continue;
    const found = jumpsFromSshArguments(value);
    if (found.problem) connection.notes.push(`${key}: ${found.problem}; imported without that jump host (add proxy_jump by hand)`);
    if (found.jumps) {
      connection.jumps = found.jumps;
      break;
    }
  }
  return connection;
}
