// Jump hosts as OpenSSH writes them, read into plain data: a ProxyJump list
// (`ops@bastion:2222,10.2.0.2`, `ssh://user@host:port`, `[2001:db8::1]:22`),
// and the ssh arguments that carry one (`-J …`, `-o ProxyJump=…`, and the
// older `-o ProxyCommand="ssh -W %h:%p user@bastion"`). Only read, never run.
import { splitShellWords } from './shell-words';

export interface JumpSpec {
  address: string;
  port?: number;
  user?: string;
  identity?: string;
}

export type JumpListParse = { ok: true; jumps: JumpSpec[] } | { ok: false; reason: string };

/** A ProxyJump value; `none` is the empty chain (ssh_config(5)). */
export function parseJumpList(text: string): JumpListParse {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'none') return { ok: true, jumps: [] };
  const jumps: JumpSpec[] = [];
  for (const part of trimmed.split(',')) {
    const jump = parseJumpSpec(part.trim());
    if (typeof jump === 'string') return { ok: false, reason: jump };
    jumps.push(jump);
  }
  return { ok: true, jumps };
}

/** One `[user@]host[:port]` (or `ssh://` URI); a string is the reason it is not one. */
export function parseJumpSpec(text: string): JumpSpec | string {
  const spec = text.startsWith('ssh://') ? text.slice('ssh://'.length).replace(/\/$/, '') : text;
  const at = spec.lastIndexOf('@');
  const user = at >= 0 ? spec.slice(0, at) : undefined;
  const hostPort = at >= 0 ? spec.slice(at + 1) : spec;
  let host = hostPort;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(hostPort);
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2];
  } else if (hostPort.split(':').length === 2) {
    [host = '', portText] = hostPort.split(':');
  }
  if (host === '' || user === '') return `expected [user@]host[:port], got ${JSON.stringify(text)}`;
  const jump: JumpSpec = { address: host };
  if (user !== undefined) jump.user = user;
  if (portText !== undefined) {
    const port = Number(portText);
    if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65535) return `port ${JSON.stringify(portText)} in ${JSON.stringify(text)} is not 1-65535`;
    jump.port = port;
  }
  return jump;
}

export interface SshArgsJumps {
  /** The chain the arguments ask for, or null when they name none. */
  jumps: JumpSpec[] | null;
  /** Why a proxy setting present in the arguments could not be used. */
  problem: string | null;
}

/** The jump chain named by ssh arguments (`-J`, `-o ProxyJump`, `-o ProxyCommand`); the first one given wins, as in ssh. */
export function jumpsFromSshArguments(args: string): SshArgsJumps {
  const split = splitShellWords(args);
  if (!split.ok) return { jumps: null, problem: `cannot split ${JSON.stringify(args)}: ${split.reason}` };
  const words = split.words;
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? '';
    let value: string | undefined;
    if (word === '-J' || word === '-o') value = words[(index += 1)];
    else if (word.startsWith('-J') || word.startsWith('-o')) value = word.slice(2);
    if (value === undefined) continue;
    const setting = word.startsWith('-J') ? { key: 'proxyjump', value } : sshOption(value);
    if (setting.key === 'proxyjump') return fromJumpList(setting.value);
    if (setting.key === 'proxycommand') return fromProxyCommand(setting.value);
  }
  return { jumps: null, problem: null };
}

function sshOption(text: string): { key: string; value: string } {
  const match = /^\s*([A-Za-z]+)\s*(?:=|\s)\s*(.*)$/s.exec(text);
  return match ? { key: (match[1] ?? '').toLowerCase(), value: match[2] ?? '' } : { key: '', value: '' };
}

function fromJumpList(text: string): SshArgsJumps {
  const parsed = parseJumpList(text);
  return parsed.ok ? { jumps: parsed.jumps, problem: null } : { jumps: null, problem: `ProxyJump ${parsed.reason}` };
}

function fromProxyCommand(command: string): SshArgsJumps {
  const jump = jumpFromProxyCommand(command);
  return typeof jump === 'string' ? { jumps: null, problem: jump } : { jumps: [jump], problem: null };
}

/** ssh options that take an argument (ssh(1) SYNOPSIS). */
const SSH_FLAGS_WITH_ARGUMENT = new Set('BbcDEeFIiJLlmOoPpQRSWw'.split(''));

/**
 * `ssh -W %h:%p [-p port] [-l user] [-i key] [user@]bastion` (or the older
 * `ssh [user@]bastion nc %h %p`) is a one-hop jump; any other command is not
 * something OpsDeck can reproduce over its own connections.
 */
export function jumpFromProxyCommand(command: string): JumpSpec | string {
  const unsupported = `ProxyCommand ${JSON.stringify(command)} is not "ssh -W %h:%p [user@]bastion"; use ProxyJump instead`;
  const split = splitShellWords(command);
  if (!split.ok) return `cannot split ProxyCommand ${JSON.stringify(command)}: ${split.reason}`;
  const [program = '', ...words] = split.words;
  if (program !== 'ssh' && !program.endsWith('/ssh')) return unsupported;
  const invocation = readSshInvocation(words);
  if (invocation === null) return unsupported;
  const { options, destination, remoteCommand } = invocation;
  const forwardsStdio = /^\[?%h\]?:%p$/.test(options.get('W') ?? '');
  const viaNetcat = remoteCommand.length === 3 && /^(nc|netcat|ncat)$/.test(remoteCommand[0] ?? '') && remoteCommand[1] === '%h' && remoteCommand[2] === '%p';
  if (!(forwardsStdio ? remoteCommand.length === 0 : viaNetcat)) return unsupported;
  const jump = parseJumpSpec(destination);
  if (typeof jump === 'string') return jump;
  const port = options.get('p');
  if (port !== undefined) {
    const withPort = parseJumpSpec(`[${jump.address}]:${port}`);
    if (typeof withPort === 'string') return withPort;
    jump.port = withPort.port;
  }
  const user = options.get('l');
  if (user !== undefined && jump.user === undefined) jump.user = user;
  const identity = options.get('i');
  if (identity !== undefined) jump.identity = identity;
  return jump;
}

interface SshInvocation {
  /** Single-letter options with their argument (`-o Port=…`/`-o User=…` folded into p/l). */
  options: Map<string, string>;
  destination: string;
  remoteCommand: string[];
}

/** ssh's own argument order: options, destination, more options, then the remote command. */
function readSshInvocation(words: string[]): SshInvocation | null {
  const options = new Map<string, string>();
  let destination: string | undefined;
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? '';
    if (!word.startsWith('-') || word.length === 1) {
      if (destination !== undefined) return { options, destination, remoteCommand: words.slice(index) };
      destination = word;
      continue;
    }
    for (let at = 1; at < word.length; at += 1) {
      const flag = word[at] ?? '';
      if (!SSH_FLAGS_WITH_ARGUMENT.has(flag)) continue;
      const argument = at + 1 < word.length ? word.slice(at + 1) : words[(index += 1)];
      if (argument === undefined) return null;
      const option = flag === 'o' ? sshOption(argument) : null;
      if (option?.key === 'port') options.set('p', option.value);
      else if (option?.key === 'user') options.set('l', option.value);
      else if (flag !== 'o') options.set(flag, argument);
      break;
    }
  }
  return destination === undefined ? null : { options, destination, remoteCommand: [] };
}
