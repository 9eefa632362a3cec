// Debian firewall outputs for a demo host: `nft -j list ruleset`,
// `iptables-save`, `ip6tables-save` from the captured templates, adapted to
// the host's release, and its listening sockets.
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { hasProblem } from '../../demo-fleet-spec';
import { ctime } from '../time-format';
import { CAPTURED_FIREWALL, type CapturedFirewall } from './captured-firewall-outputs';
import { janssonCompact } from './jansson-json';

export function capturedFirewallFor(host: DemoHostSpec): CapturedFirewall {
  let key = `${host.role}-${host.dc}`;
  if (hasProblem(host, 'db-port-open-to-any')) key = `db-open-${host.dc}`;
  if (hasProblem(host, 'site-firewall-drift')) key = `imap-plain-${host.dc}`;
  const captured = CAPTURED_FIREWALL[key];
  if (!captured) throw new Error(`no captured firewall template "${key}" for ${host.name}`);
  return captured;
}

const TRIXIE_METAINFO = { version: '1.1.3', release_name: 'Commodore Bullmoose #4', json_schema_version: 1 };
const ELEMENT_ORDER_TRIXIE = ['metainfo', 'table', 'chain', 'set', 'rule'];

/**
 * The captures come from nftables 1.0.6 (bookworm). Trixie's 1.1.3 prints
 * the same objects with its own metainfo and lists a table's chains before
 * its sets (nft-j-list-ruleset.md, "Ordering differs by version").
 */
export function nftJsonForRelease(captured: string, release: DemoHostSpec['release']): string {
  if (release !== 'trixie') return captured;
  const document = JSON.parse(captured) as { nftables: Array<Record<string, unknown>> };
  const kind = (element: Record<string, unknown>) => Object.keys(element)[0] ?? '';
  const reordered: Array<Record<string, unknown>> = [];
  let tableGroup: Array<Record<string, unknown>> = [];
  const flush = () => {
    const rank = (element: Record<string, unknown>) => {
      const index = ELEMENT_ORDER_TRIXIE.indexOf(kind(element));
      return index < 0 ? ELEMENT_ORDER_TRIXIE.length : index;
    };
    reordered.push(
      ...tableGroup
        .map((element, index) => ({ element, index }))
        .sort((a, b) => rank(a.element) - rank(b.element) || a.index - b.index)
        .map((entry) => entry.element),
    );
    tableGroup = [];
  };
  for (const element of document.nftables) {
    if (kind(element) === 'metainfo') reordered.push({ metainfo: TRIXIE_METAINFO });
    else {
      if (kind(element) === 'table') flush();
      tableGroup.push(element);
    }
  }
  flush();
  return `${janssonCompact({ nftables: reordered })}\n`;
}

/** iptables-save headers carry the time of the run; trixie ships iptables 1.8.11. */
export function iptablesSaveText(template: string, release: DemoHostSpec['release'], now: Date): string {
  const versioned = release === 'trixie' ? template.replaceAll('v1.8.9 (nf_tables)', 'v1.8.11 (nf_tables)') : template;
  return versioned.replaceAll('@DATE@', ctime(now));
}

export const NFT_NOT_ROOT = 'Operation not permitted (you must be root)\nnetlink: Error: cache initialization failed: Operation not permitted\n';

export function iptablesSaveNotRoot(tool: 'iptables-save' | 'ip6tables-save', release: DemoHostSpec['release']): string {
  const version = release === 'trixie' ? 'v1.8.11' : 'v1.8.9';
  return `${tool} ${version} (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n`;
}
