// Honours ~/.ssh/config (the text; the caller reads the file): what OpenSSH
// would use for HostName, User, Port, IdentityFile and ProxyJump for a name,
// through the `ssh-config` package's compute(). Then applySshConfig fills, in
// an inventory, only what the inventory did not write on the host itself.
//
// Safety: config text is data here. `Match exec` is never run (matchExec:
// false) and CanonicalizeHostName is dropped, because ssh-config would spawn
// a shell or nslookup for them. Known gap of ssh-config 5.3: `?` in a Host
// pattern matches zero or one character (OpenSSH: exactly one).
import SSHConfig from 'ssh-config';
import type { HostEntry, Inventory, InventoryDefaults, JumpHost } from './inventory-schema';
import { parseJumpList, jumpFromProxyCommand, type JumpSpec } from './proxy-jump-spec';
import { unprintableReason, unsafeSshWordReason } from './ssh-argument-safety';
import { errorMessage } from '../errors/error-message';

export interface SshConfigJump {
  address: string;
  port?: number;
  user?: string;
  identityFiles: string[];
}

export interface SshConfigHost {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  /** Hops in dialling order; empty for none (or `ProxyJump none`). */
  proxyJump: SshConfigJump[];
  /** What in the config could not be used for this name, worded for a person. */
  problems: string[];
}

/** ProxyJump chains longer than this are certainly a mistake. */
const MAX_JUMP_DEPTH = 8;

export type SshConfigLookup = (alias: string) => SshConfigHost;

/** Parses the config once; the returned function answers for any name. */
export function sshConfigLookup(configText: string): SshConfigLookup {
  let config: SSHConfig;
  try {
    config = withoutCanonicalisation(SSHConfig.parse(configText));
  } catch (error) {
    const problem = `~/.ssh/config could not be read: ${errorMessage(error)}`;
    return () => ({ identityFiles: [], proxyJump: [], problems: [problem] });
  }
  return (alias) => {
    const resolved = resolveAlias(config, alias, [alias]);
    if (resolved.loop === null) return resolved.host;
    // A loop has no sensible chain: drop the config's ProxyJump altogether so
    // the inventory's own route (or none) applies, and say why.
    const problem = `~/.ssh/config: ProxyJump loop ${resolved.loop.join(' → ')}; the config's ProxyJump for ${alias} was not used`;
    return { ...resolved.host, proxyJump: [], problems: [...resolved.host.problems, problem] };
  };
}

export function resolveSshConfigHost(configText: string, alias: string): SshConfigHost {
  return sshConfigLookup(configText)(alias);
}

interface Resolution {
  host: SshConfigHost;
  /** The names of a ProxyJump loop, first name repeated at the end; null when there is none. */
  loop: string[] | null;
}

function resolveAlias(config: SSHConfig, alias: string, chain: string[]): Resolution {
  let computed: Record<string, string | string[]>;
  try {
    computed = config.compute(alias, { ignoreCase: true, matchExec: false });
  } catch (error) {
    const reason = errorMessage(error);
    return { host: { identityFiles: [], proxyJump: [], problems: [`~/.ssh/config could not be applied to ${alias}: ${reason}`] }, loop: null };
  }
  const problems: string[] = [];
  const text = (key: string): string | undefined => {
    const value = computed[key];
    return typeof value === 'string' ? value : Array.isArray(value) ? value.join(' ') : undefined;
  };
  if (text('include') !== undefined) problems.push(`~/.ssh/config: Include ${text('include')} is not followed; copy what ${alias} needs into the file`);
  const host: SshConfigHost = { identityFiles: identityFiles(computed['identityfile']), proxyJump: [], problems };
  const hostName = text('hostname');
  if (hostName !== undefined) host.hostName = expandHostTokens(hostName, alias);
  const user = text('user');
  if (user !== undefined) host.user = user;
  const port = text('port');
  if (port !== undefined) {
    const number = Number(port);
    if (/^\d{1,5}$/.test(port) && number >= 1 && number <= 65535) host.port = number;
    else problems.push(`~/.ssh/config: Port ${JSON.stringify(port)} for ${alias} is not 1-65535; ignored`);
  }
  const proxyJump = text('proxyjump');
  const proxyCommand = text('proxycommand');
  let specs: JumpSpec[] = [];
  if (proxyJump !== undefined) {
    const parsed = parseJumpList(proxyJump);
    if (parsed.ok) specs = parsed.jumps;
    else problems.push(`~/.ssh/config: ProxyJump for ${alias}: ${parsed.reason}`);
  } else if (proxyCommand !== undefined && proxyCommand.toLowerCase() !== 'none') {
    const jump = jumpFromProxyCommand(proxyCommand);
    if (typeof jump === 'string') problems.push(`~/.ssh/config: ${alias}: ${jump}`);
    else specs = [jump];
  }
  const chained = chainThrough(config, specs, chain, problems);
  if (Array.isArray(chained)) host.proxyJump = chained;
  return { host, loop: Array.isArray(chained) ? null : chained.loop };
}

/**
 * Each hop is itself a name in the config. Like ssh, only the first hop's own
 * ProxyJump applies (it is reached by a separate ssh); later hops are reached
 * through the chain, which overrides theirs.
 */
function chainThrough(config: SSHConfig, specs: JumpSpec[], chain: string[], problems: string[]): SshConfigJump[] | { loop: string[] } {
  const hops: SshConfigJump[] = [];
  for (const [index, spec] of specs.entries()) {
    if (chain.includes(spec.address) || chain.length >= MAX_JUMP_DEPTH) return { loop: [...chain, spec.address] };
    const resolved = resolveAlias(config, spec.address, [...chain, spec.address]);
    if (resolved.loop !== null) return { loop: resolved.loop };
    problems.push(...resolved.host.problems.filter((problem) => !problems.includes(problem)));
    if (index === 0) hops.push(...resolved.host.proxyJump);
    hops.push(hopFrom(spec, resolved.host));
  }
  return hops;
}

function hopFrom(spec: JumpSpec, resolved: SshConfigHost): SshConfigJump {
  const hop: SshConfigJump = {
    address: resolved.hostName ?? spec.address,
    identityFiles: spec.identity !== undefined ? [spec.identity] : resolved.identityFiles,
  };
  const user = spec.user ?? resolved.user;
  if (user !== undefined) hop.user = user;
  const port = spec.port ?? resolved.port;
  if (port !== undefined) hop.port = port;
  return hop;
}

function identityFiles(value: string | string[] | undefined): string[] {
  const files = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return files.filter((file) => file.toLowerCase() !== 'none');
}

/** HostName may say `%h.example.net` (ssh_config(5) TOKENS); only %h and %% make sense here. */
function expandHostTokens(hostName: string, alias: string): string {
  return hostName.replace(/%([%h])/g, (_, token: string) => (token === 'h' ? alias : '%'));
}

function withoutCanonicalisation(config: SSHConfig): SSHConfig {
  const unsafe = (line: SSHConfig[number]) => 'param' in line && /^canonicalizehostname$/i.test(line.param);
  for (const line of config) {
    if ('config' in line) {
      const kept = line.config.filter((inner) => !unsafe(inner));
      line.config.splice(0, line.config.length, ...kept);
    }
  }
  const kept = config.filter((line) => !unsafe(line));
  config.splice(0, config.length, ...kept);
  return config;
}

// ---------------------------------------------------------------- applying it to an inventory

export interface SshConfigApplied {
  inventory: Inventory;
  /** Config entries that could not be used, each naming the host or bastion concerned. */
  warnings: string[];
}

/**
 * A new inventory where every value not written on the host (or jump host)
 * itself comes from ~/.ssh/config, matched by the host's name and then by its
 * address, falling back to the inventory's `defaults`. A datacentre bastion or
 * a host's `proxy_jump` still wins over a ProxyJump in the config. Apply it to
 * a freshly parsed inventory; applying it again with another config gives the
 * same result as applying that config alone.
 */
export function applySshConfig(inventory: Inventory, configText: string): SshConfigApplied {
  const lookup = sshConfigLookup(configText);
  const warnings = new Set<string>();
  const apply = new ConfigApplier(lookup, inventory.defaults, (who, problem) => warnings.add(`${who}: ${problem}`));
  const datacentres = inventory.datacentres.map((dc) => ({ ...dc, bastion: dc.bastion ? apply.jump(dc.bastion, `bastion of ${dc.id}`) : null }));
  const hosts = inventory.hosts.map((host) => apply.host(host, datacentres.find((dc) => dc.id === host.dc)?.bastion ?? null));
  return { inventory: { ...structuredClone(inventory), datacentres, hosts }, warnings: [...warnings] };
}

class ConfigApplier {
  constructor(
    private readonly lookup: SshConfigLookup,
    private readonly defaults: InventoryDefaults,
    private readonly warn: (who: string, problem: string) => void,
  ) {}

  found(name: string, who: string): SshConfigHost {
    const found = this.lookup(name);
    for (const problem of found.problems) this.warn(who, problem);
    const safe: SshConfigHost = { ...found, identityFiles: found.identityFiles.filter((file) => this.accept(who, 'IdentityFile', file, unprintableReason)) };
    if (found.hostName !== undefined && !this.accept(who, 'HostName', found.hostName, unsafeSshWordReason)) delete safe.hostName;
    if (found.user !== undefined && !this.accept(who, 'User', found.user, unsafeSshWordReason)) delete safe.user;
    // One bad hop spoils the chain: dropping only that hop would route through fewer hosts than the config says.
    const hopsSafe = found.proxyJump.every(
      (hop) => this.accept(who, 'ProxyJump host', hop.address, unsafeSshWordReason) && (hop.user === undefined || this.accept(who, 'ProxyJump user', hop.user, unsafeSshWordReason)),
    );
    if (!hopsSafe) safe.proxyJump = [];
    return safe;
  }

  /** Values from the config reach ssh as arguments, so they pass the inventory's own checks. */
  private accept(who: string, what: string, value: string, reason: (value: string) => string | null): boolean {
    const why = reason(value);
    if (why) this.warn(who, `~/.ssh/config ${what} ${JSON.stringify(value)} ${why}; ignored`);
    return why === null;
  }

  jump(jump: JumpHost, who: string): JumpHost {
    const found = this.found(jump.address, who);
    const explicit = new Set(jump.explicit);
    const identity = explicit.has('identity') ? jump.identity : (found.identityFiles[0] ?? this.defaults.identity);
    return {
      address: jump.address,
      port: explicit.has('port') ? jump.port : (found.port ?? this.defaults.port),
      user: explicit.has('user') ? jump.user : (found.user ?? this.defaults.user ?? jump.user),
      ...(identity !== undefined ? { identity } : {}),
      ...(jump.hostKeyAlias !== undefined ? { hostKeyAlias: jump.hostKeyAlias } : {}),
      explicit: [...jump.explicit],
    };
  }

  host(host: HostEntry, bastion: JumpHost | null): HostEntry {
    const explicit = new Set(host.explicit);
    const byName = this.found(host.name, host.name);
    const byAddress = explicit.has('address') && host.address !== host.name ? this.found(host.address, host.name) : null;
    const pick = <T>(get: (found: SshConfigHost) => T | undefined): T | undefined => get(byName) ?? (byAddress ? get(byAddress) : undefined);
    const user = explicit.has('user') ? host.user : (pick((f) => f.user) ?? this.defaults.user ?? host.user);
    const identity = explicit.has('identity') ? host.identity : (pick((f) => f.identityFiles[0]) ?? this.defaults.identity);
    const configured: HostEntry = {
      ...structuredClone(host),
      address: explicit.has('address') ? host.address : (byName.hostName ?? host.name),
      port: explicit.has('port') ? host.port : (pick((f) => f.port) ?? this.defaults.port),
      user,
      ...this.jumps(host, bastion, pick((f) => (f.proxyJump.length > 0 ? f.proxyJump : undefined)) ?? [], user),
    };
    if (identity !== undefined) configured.identity = identity;
    else delete configured.identity;
    return configured;
  }

  private jumps(host: HostEntry, bastion: JumpHost | null, fromConfig: SshConfigJump[], user: string): Pick<HostEntry, 'jumps' | 'jumpsFrom'> {
    if (host.jumpsFrom === 'host') return { jumps: host.jumps.map((jump) => this.jump(jump, `${host.name} (jump host ${jump.address})`)), jumpsFrom: 'host' };
    if (host.jumpsFrom === 'datacentre' && bastion) return { jumps: [structuredClone(bastion)], jumpsFrom: 'datacentre' };
    if (fromConfig.length === 0) return { jumps: [], jumpsFrom: 'none' };
    const jumps = fromConfig.map((hop) => {
      const identity = hop.identityFiles[0] ?? this.defaults.identity;
      return {
        address: hop.address,
        port: hop.port ?? this.defaults.port,
        user: hop.user ?? this.defaults.user ?? user,
        ...(identity !== undefined ? { identity } : {}),
        explicit: [],
      };
    });
    return { jumps, jumpsFrom: 'ssh-config' };
  }
}
