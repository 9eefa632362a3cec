import { generateKeyPairSync } from 'node:crypto';
import { expect, test } from 'vitest';
import { formatKnownHostsLine } from '../../../main/engine/ssh/known-hosts';
import { KnownHostsIndex } from '../../../main/engine/ssh/known-hosts-index';

// An ed25519 public key blob in SSH wire format: string "ssh-ed25519", string key.
const raw = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
const name = Buffer.from('ssh-ed25519');
const blob = Buffer.concat([Buffer.from([0, 0, 0, name.length]), name, Buffer.from([0, 0, 0, 32]), raw]);
const line = (host: string) => formatKnownHostsLine(host, 22, 'ssh-ed25519', blob, { hashed: true });
const file = (hosts: string[]) => hosts.map((host) => `${line(host)}\n`).join('');

/** Counts how often each entry's host field is matched against a name (each is one HMAC for a hashed line). */
function countMatches(index: KnownHostsIndex): { count: number } {
  const counter = { count: 0 };
  for (const entry of index.all()) {
    if (entry.kind !== 'key') continue;
    const hosts = entry.hosts;
    Object.defineProperty(entry, 'hosts', {
      get: () => {
        counter.count++;
        return hosts;
      },
      configurable: true,
    });
  }
  return counter;
}

test("a host's lines are found once: looking it up again examines nothing, and after lines were appended only those", () => {
  const hosts = Array.from({ length: 50 }, (_, index) => `h${index}.nj`);
  const index = new KnownHostsIndex();
  const text = file(hosts);
  index.update([{ path: 'opsdeck', text }]);
  const counter = countMatches(index);
  expect(index.linesFor('h7.nj').map((entry) => entry.line)).toEqual([8]);
  expect(counter.count).toBe(50);
  expect(index.linesFor('h7.nj')).toHaveLength(1);
  expect(counter.count).toBe(50);
  index.update([{ path: 'opsdeck', text: text + file(['h7.nj', 'x.nj']) }]);
  const appended = countMatches(index);
  expect(index.linesFor('h7.nj').map((entry) => entry.line)).toEqual([8, 51]);
  expect(appended.count).toBe(2);
});

test('a file rewritten, not appended to, is read whole again and every host found again', () => {
  const index = new KnownHostsIndex();
  index.update([
    { path: 'user', text: file(['a.nj']) },
    { path: 'opsdeck', text: file(['b.nj', 'c.nj']) },
  ]);
  expect(index.linesFor('c.nj').map((entry) => [entry.source, entry.line])).toEqual([['opsdeck', 2]]);
  // The operator's file grew: it is not the last file, so everything is read again (OpsDeck's lines follow it).
  index.update([
    { path: 'user', text: file(['a.nj', 'c.nj']) },
    { path: 'opsdeck', text: file(['b.nj', 'c.nj']) },
  ]);
  expect(index.linesFor('c.nj').map((entry) => [entry.source, entry.line])).toEqual([
    ['user', 2],
    ['opsdeck', 2],
  ]);
  // OpsDeck's file lost a line.
  index.update([
    { path: 'user', text: file(['a.nj']) },
    { path: 'opsdeck', text: file(['c.nj']) },
  ]);
  expect(index.linesFor('c.nj').map((entry) => [entry.source, entry.line])).toEqual([['opsdeck', 1]]);
  expect(index.linesFor('b.nj')).toEqual([]);
  // A file gone (read as empty) and a different set of files.
  index.update([{ path: 'opsdeck', text: '' }]);
  expect(index.linesFor('c.nj')).toEqual([]);
});

test('text appended to a last line without a newline is read whole again: the glued line is one (broken) line', () => {
  const index = new KnownHostsIndex();
  const unterminated = line('a.nj');
  index.update([{ path: 'opsdeck', text: unterminated }]);
  expect(index.linesFor('a.nj')).toHaveLength(1);
  index.update([{ path: 'opsdeck', text: `${unterminated}${line('b.nj')}\n` }]);
  expect(index.linesFor('a.nj')).toEqual([]);
  expect(index.all()).toMatchObject([{ kind: 'problem', line: 1 }]);
});
