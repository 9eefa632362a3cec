// The team store's address and roles as plain data: a URL is checked before
// any connection and shown without its password; settings never keep a
// password; each role is refused in words what it may not do.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { readSettings } from '../../../main/engine/settings/engine-settings';
import { refusal } from '../../../main/engine/store/team-access';
import { describeStoreUrl, parseStoreUrl } from '../../../main/engine/store/store-url';

test('a store URL: parsed into its parts (TCP or a Unix socket folder), shown with the password as ***', () => {
  expect(parseStoreUrl('postgresql://alice:s3cret@db.example:6432/opsdeck')).toEqual({ user: 'alice', host: 'db.example', port: '6432', database: 'opsdeck' });
  expect(parseStoreUrl('postgresql:///opsdeck?host=/var/run/postgresql')).toEqual({ user: null, host: '/var/run/postgresql', port: '5432', database: 'opsdeck' });
  expect(describeStoreUrl('postgresql://alice:s3cret@db.example:6432/opsdeck')).toBe('postgresql://alice:***@db.example:6432/opsdeck');
  expect(() => parseStoreUrl('https://alice:s3cret@db/opsdeck')).toThrow('the team store address "https://alice:***@db/opsdeck" starts with "https:"');
});

test('settings refuse a team store URL that holds a password, naming the file and the field', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'opsdeck-settings-'));
  try {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ storeUrl: 'postgresql://alice:s3cret@db/opsdeck' }));
    await expect(readSettings(dir)).rejects.toThrow(`settings file ${join(dir, 'settings.json')}: storeUrl: the team store URL holds a password`);
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ storeUrl: 'postgresql://alice@db/opsdeck' }));
    expect((await readSettings(dir)).storeUrl).toBe('postgresql://alice@db/opsdeck');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('what each role may do: a viewer no scan, an operator no drill run, a drill lead and the embedded store everything', () => {
  expect(refusal('viewer', 'scan.start')).toMatch(/^your team store role is viewer: scan.start needs operator/);
  expect(refusal('viewer', 'reports.status')).toBeNull();
  expect(refusal('operator', 'scan.start')).toBeNull();
  expect(refusal('operator', 'drills.handOver')).toMatch(/role is operator: drills.handOver needs drill-lead/);
  expect(refusal('drill-lead', 'drills.handOver')).toBeNull();
  expect(refusal(null, 'drills.handOver')).toBeNull();
});
