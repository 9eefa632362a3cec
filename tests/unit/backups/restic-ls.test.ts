// `restic ls --json latest` as Debian 12's restic 0.14.0 prints it
// (./fixtures, captured): the snapshot line first, which says which snapshot
// `latest` was and reads exactly as the same snapshot in `restic snapshots
// --json`, then the nodes, of which only regular files are candidates.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseResticLs, parseResticLsSnapshot } from '../../../main/engine/collectors/backups/restic-ls';
import { parseResticSnapshots } from '../../../main/engine/collectors/backups/restic-snapshots';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const ROOT = '/tmp/opsdeck-ls-fixture';

describe('restic ls --json latest (restic 0.14.0)', () => {
  test('the snapshot line reads as the same snapshot `restic snapshots --json` lists: id, time, paths, tags, hostname', () => {
    const listed = parseResticSnapshots(fixture('restic-snapshots-ls-latest.txt'));
    expect(listed.state).toBe('ok');
    const [daily, restoreTest] = listed.value!;
    expect(parseResticLsSnapshot(fixture('restic-ls-latest.txt'))).toEqual({ state: 'ok', value: daily, message: null });
    expect(parseResticLsSnapshot(fixture('restic-ls-latest-restore-test.txt'))).toEqual({ state: 'ok', value: restoreTest, message: null });
    expect(daily).toEqual({
      id: 'f238a52175ba47e991d4f5a6ce52517f7f0fa2f2334d2eac5db35476de2ffb3e',
      time: '2026-12-06T05:19:21.886Z',
      paths: [`${ROOT}/srv/mail`],
      tags: ['daily'],
      hostname: 'mail1',
    });
    expect(restoreTest!.tags).toEqual(['restore-test']);
  });

  test('the nodes: regular files only, with size and mtime; a name with a newline is skipped, never split', () => {
    const parsed = parseResticLs(fixture('restic-ls-latest.txt'));
    expect(parsed.state).toBe('ok');
    expect(parsed.value!.snapshotId).toBe('f238a52175ba47e991d4f5a6ce52517f7f0fa2f2334d2eac5db35476de2ffb3e');
    expect(parsed.value!.files).toEqual([
      { path: `${ROOT}/srv/mail/alice/Maildir/cur/1764000001.M1P4242.mail1:2,S`, size: 19, mtime: '2026-12-06T05:19:19.377Z' },
      { path: `${ROOT}/srv/mail/alice/Maildir/cur/1764000002.M2P4242.mail1:2,RS`, size: 19, mtime: '2026-12-06T05:19:19.381Z' },
      { path: `${ROOT}/srv/mail/bob/Maildir/new/with space.eml`, size: 2, mtime: '2026-12-06T05:19:19.381Z' },
    ]);
    expect(parsed.value!.skipped).toBe(1);
  });

  test('no output (restic 0.14 on an empty repository: exit 0, "Ignoring latest" on stderr) is no snapshot, not an empty one', () => {
    expect(parseResticLsSnapshot('')).toMatchObject({ state: 'unparsed', value: null, message: 'restic ls --json: no output' });
    expect(parseResticLs('').state).toBe('unparsed');
  });

  test('a first line that is a node, not JSON, or a snapshot without a 64-hex id or a time is not taken for the snapshot', () => {
    const lines = fixture('restic-ls-latest.txt').split('\n');
    const snapshot = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(parseResticLsSnapshot(lines.slice(1).join('\n'))).toMatchObject({ state: 'unparsed', message: 'restic ls --json: the first line is not the snapshot' });
    expect(parseResticLsSnapshot('Fatal: wrong password\n').message).toMatch(/the first line is not JSON/);
    expect(parseResticLsSnapshot(`${JSON.stringify({ ...snapshot, id: 'f238a521' })}\n`).message).toMatch(/no 64-hex id/);
    expect(parseResticLsSnapshot(`${JSON.stringify({ ...snapshot, time: 'yesterday' })}\n`).message).toMatch(/has no RFC 3339 time/);
  });

  test('a snapshot line without struct_type but with a tree (older restic) is still the snapshot', () => {
    const [first, ...rest] = fixture('restic-ls-latest.txt').split('\n');
    const { struct_type: _structType, ...older } = JSON.parse(first!) as Record<string, unknown>;
    const text = [JSON.stringify(older), ...rest].join('\n');
    expect(parseResticLsSnapshot(text).value!.id).toBe('f238a52175ba47e991d4f5a6ce52517f7f0fa2f2334d2eac5db35476de2ffb3e');
    expect(parseResticLs(text).value!.files).toHaveLength(3);
  });
});
