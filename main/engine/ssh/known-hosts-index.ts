// The known_hosts files as last read, and each looked-up host's matching
// lines. Every lookup still reads the files afresh (a line removed or
// @revoked by hand counts at the next connection), but a file whose text is
// unchanged is not parsed again, a file that only grew at its end (OpsDeck
// appending accepted keys) has only its new lines parsed, and a host's lines
// are found once: a later lookup checks only the lines added since. Without
// this, a 1,000-host scan parsed both files and computed an HMAC for every
// hashed line on every connection — 1,000 × 1,000 — and spent over a third
// of its CPU there.
import { parseKnownHosts, type KnownHostsEntry, type KnownHostsKey } from './known-hosts';
import { hostsFieldMatches } from './known-hosts-host-match';

interface FileState {
  path: string;
  text: string;
  entries: KnownHostsEntry[];
}

interface HostLines {
  /** The index's generation these lines were found in: a file rewritten (not appended to) starts a new one. */
  generation: number;
  /** How many of `entries` were examined. */
  examined: number;
  keys: KnownHostsKey[];
}

export class KnownHostsIndex {
  private files: FileState[] = [];
  private entries: KnownHostsEntry[] = [];
  private generation = 0;
  private readonly hosts = new Map<string, HostLines>();

  /** Takes the files' current texts (in lookup order: the operator's first, OpsDeck's own last). */
  update(texts: { path: string; text: string }[]): void {
    const same = texts.length === this.files.length && texts.every((file, index) => file.path === this.files[index]!.path);
    if (!same) return this.rebuild(texts);
    for (let index = 0; index < texts.length; index++) {
      const known = this.files[index]!;
      const { text } = texts[index]!;
      if (text === known.text) continue;
      const isLast = index === texts.length - 1;
      // Only the last file can grow in place (its entries end the list); the old text must end a line for the new one to start one.
      if (isLast && text.startsWith(known.text) && (known.text === '' || known.text.endsWith('\n'))) {
        const firstLine = countNewlines(known.text) + 1;
        const added = parseKnownHosts(text.slice(known.text.length), known.path, firstLine);
        known.text = text;
        known.entries.push(...added);
        this.entries.push(...added);
      } else {
        return this.rebuild(texts);
      }
    }
  }

  /** Every entry of every file, in order. */
  all(): readonly KnownHostsEntry[] {
    return this.entries;
  }

  /** The key lines (any marker) whose host field matches the lookup name (`host` or `[host]:port`). */
  linesFor(lookupName: string): readonly KnownHostsKey[] {
    let found = this.hosts.get(lookupName);
    if (!found || found.generation !== this.generation) {
      found = { generation: this.generation, examined: 0, keys: [] };
      this.hosts.set(lookupName, found);
    }
    for (let index = found.examined; index < this.entries.length; index++) {
      const entry = this.entries[index]!;
      if (entry.kind === 'key' && hostsFieldMatches(entry.hosts, lookupName)) found.keys.push(entry);
    }
    found.examined = this.entries.length;
    return found.keys;
  }

  private rebuild(texts: { path: string; text: string }[]): void {
    this.generation++;
    this.hosts.clear();
    this.files = texts.map(({ path, text }) => ({ path, text, entries: parseKnownHosts(text, path) }));
    this.entries = this.files.flatMap((file) => file.entries);
  }
}

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}
