import { describe, expect, test } from 'vitest';
import { parseDebsecanDetail } from '../../../main/engine/collectors/patches/debsecan';
import { expectMatchesExpected, fixture } from './support/fixture-sections';

describe('debsecan --format detail', () => {
  test('one entry per (CVE, installed binary package), with urgency, remote flag and fixed version', () => {
    const parsed = parseDebsecanDetail(fixture('debian/debsecan-detail.txt'), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.warnings).toEqual([]);
    const entries = parsed.value!.entries;
    expect(entries).toHaveLength(10);
    expect(entries[0]).toEqual({
      id: 'CVE-2023-4911',
      package: 'libc6',
      installed: '2.36-9+deb12u1',
      sourcePackage: 'glibc',
      fixedVersion: '2.36-9+deb12u3',
      fixAvailable: true,
      urgency: 'high',
      remotelyExploitable: false,
      obsolete: false,
    });
    expect(entries.find((entry) => entry.id === 'CVE-2024-6387' && entry.package === 'openssh-server')).toMatchObject({
      remotelyExploitable: true,
      urgency: 'high',
      fixedVersion: '1:9.2p1-2+deb12u3',
    });
    expect(entries.find((entry) => entry.id === 'CVE-2024-2961')!.urgency).toBeNull();
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(5);
    expectMatchesExpected('debsecan-detail', parsed.value);
  });

  test('every (CVE, package) pair of the summary format appears in the detail format', () => {
    const detail = parseDebsecanDetail(fixture('debian/debsecan-detail.txt'), '', 0).value!.entries.map((entry) => `${entry.id} ${entry.package}`);
    const summary = fixture('debian/debsecan-summary.txt')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ').slice(0, 2).join(' '));
    expect(detail).toEqual(summary);
  });

  test('the summary format is not mistaken for the detail format', () => {
    expect(parseDebsecanDetail(fixture('debian/debsecan-summary.txt'), '', 0).status).toBe('unparsed');
  });

  test('no network and refused options are named, not "unparsed"', () => {
    const offline = parseDebsecanDetail('', fixture('debian/debsecan-error-no-network.txt'), 1);
    expect(offline.status).toBe('unsupported');
    expect(offline.message).toMatch(/could not download.*Name or service not known/);
    const refused = parseDebsecanDetail('', fixture('debian/debsecan-error-only-fixed-without-suite.txt'), 1);
    expect(refused).toMatchObject({ status: 'unsupported', message: 'debsecan refused to run: --only-fixed requires --suite' });
  });

  test('nothing vulnerable: empty output, exit 0; not installed: tool-missing', () => {
    expect(parseDebsecanDetail('', '', 0)).toMatchObject({ status: 'ok', value: { entries: [] } });
    expect(parseDebsecanDetail('', 'sh: 1: debsecan: not found\n', 127).status).toBe('tool-missing');
  });
});
