import { describe, expect, test } from 'vitest';
import { isPatchesCliFormat, parsePatchesForCli } from '../../../main/engine/collectors/patches/patches-cli';
import { fixture } from './support/fixture-sections';

describe('opsdeck parse patches', () => {
  test('--format apt-sim: summary and the parsed value, as plain JSON', () => {
    const result = parsePatchesForCli('apt-sim', fixture('debian/apt-get-s-upgrade-nonroot-preamble.txt') + fixture('debian/apt-get-s-upgrade.txt'));
    expect(result).toMatchObject({ format: 'apt-sim', status: 'ok', message: null, summary: { updates: 119, security: 79, newPackages: 0, removals: 0, keptBack: 0, asRoot: false } });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
  test('--format needrestart', () => {
    expect(parsePatchesForCli('needrestart', fixture('debian/needrestart-b-trixie.txt')).summary).toEqual({
      kernelStatus: 'version-upgrade',
      runningKernel: '6.12.115+deb13-amd64',
      newestKernel: '6.12.118+deb13-amd64',
      rebootNeeded: true,
      services: 2,
    });
    expect(parsePatchesForCli('needrestart', fixture('debian/needrestart-b-container.txt')).summary.rebootNeeded).toBeNull();
  });
  test('--format piadm', () => {
    expect(parsePatchesForCli('piadm', fixture('smartos/piadm-list.txt')).summary).toEqual({ images: 3, running: '20241128T004404Z', next: '20241212T000541Z', rebootPending: true });
    expect(parsePatchesForCli('piadm', fixture('smartos/piadm-list-not-bootable.txt'))).toMatchObject({ status: 'unsupported', summary: { images: 0, rebootPending: null } });
  });
  test('--format pkg-audit', () => {
    expect(parsePatchesForCli('pkg-audit', fixture('smartos/pkg_admin-audit.txt'))).toMatchObject({ status: 'ok', summary: { advisories: 5, packages: 4, endOfLife: 0 } });
  });
  test('the wrong file for the format says so instead of inventing results', () => {
    expect(parsePatchesForCli('piadm', fixture('debian/needrestart-b.txt')).status).toBe('unparsed');
    expect(parsePatchesForCli('apt-sim', fixture('smartos/pkgin-n-upgrade.txt')).status).toBe('unparsed');
  });
  test('format names', () => {
    expect(isPatchesCliFormat('apt-sim')).toBe(true);
    expect(isPatchesCliFormat('apt')).toBe(false);
  });
});
