// How a host is reached: the target and the jump hosts in front of it
// (outermost first). Connections are keyed by their whole route, so two
// hosts with the same address behind different bastions never share one.
export interface SshEndpoint {
  /** Inventory name, for messages. */
  label: string;
  address: string;
  port: number;
  user: string;
  identityFile?: string;
  /**
   * The name its host key is recorded under instead of address:port (as
   * OpenSSH's HostKeyAlias): for a server whose port changes, such as the
   * demo fleet's loopback bastions, so an accepted key stays accepted.
   */
  hostKeyAlias?: string;
}

export interface SshRoute {
  target: SshEndpoint;
  jumps: SshEndpoint[];
}

export function endpointKey(endpoint: SshEndpoint): string {
  return `${endpoint.user}@${endpoint.address}:${endpoint.port}`;
}

export function routeKey(route: SshRoute): string {
  return [...route.jumps, route.target].map(endpointKey).join(' > ');
}

/** The route of the last jump host itself (what a target's forwardOut runs on). */
export function jumpRoute(route: SshRoute): SshRoute | null {
  const last = route.jumps.at(-1);
  return last ? { target: last, jumps: route.jumps.slice(0, -1) } : null;
}

/** The name and port an endpoint's host key is looked up and recorded under (an alias has no port, as in OpenSSH). */
export function hostKeyName(endpoint: SshEndpoint): { host: string; port: number } {
  return endpoint.hostKeyAlias ? { host: endpoint.hostKeyAlias, port: 22 } : { host: endpoint.address, port: endpoint.port };
}
