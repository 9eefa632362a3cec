import { describe, expect, test } from 'vitest';
import type { FindingView } from '../../../preload/contract';
import type { EncryptionFacts, StorageVolume } from '../../../main/engine/collectors/encryption/encryption-model';
import { encryptionCoverageViews } from '../../../main/engine/views/encryption-coverage-view';
import { scanDemoFleetEncryption } from './support/demo-fleet-scan';

const scanned = scanDemoFleetEncryption(new Date('2025-06-01T00:00:00Z'));
const rows = scanned.map((each) => ({ host: each.host.name, dc: each.host.dc, facts: JSON.parse(JSON.stringify(each.facts)) as unknown }));
const findings: FindingView[] = scanned.flatMap((each) => each.findings as FindingView[]);
const views = encryptionCoverageViews(rows, findings);
const view = (host: string) => views.find((each) => each.host === host)!;

describe('the fleet coverage view (posture.encryptionCoverage)', () => {
  test('mx1.nj: the unencrypted log disk is its own byte bucket; the host is not fully encrypted', () => {
    const mx1 = view('mx1.nj');
    const logVolume = scanned.find((each) => each.host.name === 'mx1.nj')!.facts.volumes.find((volume) => volume.mountpoints.includes('/var/log'))!;
    expect(mx1).toMatchObject({ dc: 'nj', os: 'debian', complete: true, status: 'logs-exception', findings: { low: 1 } });
    expect(mx1.bytes.logsUnencrypted).toBe(logVolume.sizeBytes);
    expect(mx1.bytes).toMatchObject({ dataUnencrypted: 0, unknown: 0 });
    expect(mx1.bytes.encrypted).toBeGreaterThan(1e12);
    expect(mx1.volumes).toEqual({ total: 4, encrypted: 3, logsUnencrypted: 1, dataUnencrypted: 0, unknown: 0, withoutSize: 0 });
  });

  test('a clean Debian host is fully encrypted with no findings; SmartOS datasets count with the bytes each holds itself', () => {
    expect(view('imap1.nj')).toMatchObject({ status: 'encrypted', findings: {}, bytes: { logsUnencrypted: 0, dataUnencrypted: 0, unknown: 0 } });
    const cn = view('cn1.nj');
    expect(cn).toMatchObject({ os: 'smartos', status: 'encrypted', bytes: { logsUnencrypted: 0, dataUnencrypted: 0 } });
    // usedbydataset: a parent's figure leaves out its children, so the sum counts every byte once.
    const facts = rows.find((row) => row.host === 'cn1.nj')!.facts as EncryptionFacts;
    const counted = facts.volumes.filter((volume) => volume.class === 'data' || volume.class === 'logs');
    expect(cn.bytes.encrypted).toBe(counted.reduce((sum, volume) => sum + (volume.sizeBytes ?? 0), 0));
    expect(cn.bytes.encrypted).toBeGreaterThan(20 * 1024 ** 3);
    expect(cn.volumes.withoutSize).toBe(0);
    expect(cn.volumes.total).toBeGreaterThan(5);
  });

  test('status: unencrypted data or swap outranks a volume that could not be judged; an unread volume list is not judged', () => {
    const imap = rows.find((row) => row.host === 'imap1.nj')!;
    const variant = (change: (facts: EncryptionFacts) => void) => {
      const facts = JSON.parse(JSON.stringify(imap.facts)) as EncryptionFacts;
      change(facts);
      return encryptionCoverageViews([{ ...imap, facts }], [])[0]!;
    };
    const setState = (facts: EncryptionFacts, mount: string, state: StorageVolume['encryption']) => (facts.volumes.find((volume) => volume.mountpoints.includes(mount))!.encryption = state);
    const swapPlain = variant((facts) => (facts.volumes.find((volume) => volume.class === 'swap')!.encryption = 'unencrypted'));
    expect([swapPlain.status, swapPlain.bytes.dataUnencrypted]).toEqual(['unencrypted', 0]);
    const dataPlain = variant((facts) => {
      setState(facts, '/srv/mail', 'unencrypted');
      setState(facts, '/var', 'unknown');
    });
    expect(dataPlain.status).toBe('unencrypted');
    expect(dataPlain.volumes).toMatchObject({ dataUnencrypted: 1, unknown: 1 });
    expect(variant((facts) => setState(facts, '/var', 'unknown')).status).toBe('not-judged');
    expect(variant((facts) => (facts.complete = false)).status).toBe('not-judged');
    expect(variant((facts) => (facts.volumes = [])).status).toBe('not-judged');
  });

  test('one row per host with facts; facts of another shape are left out, not fatal', () => {
    expect(views).toHaveLength(scanned.length);
    expect(
      encryptionCoverageViews(
        [
          { host: 'old', dc: 'nj', facts: { devices: [] } },
          { host: 'null', dc: 'nj', facts: null },
        ],
        [],
      ),
    ).toEqual([]);
  });
});
