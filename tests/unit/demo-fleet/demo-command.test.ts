import { describe, expect, it } from 'vitest';
import { parseDemoCommand } from '../../../main/engine/demo-fleet/demo-command';
import { run } from './support/demo-answers';

describe('parseDemoCommand', () => {
  it('strips sudo -n and env LC_ALL=C and collapses whitespace', () => {
    expect(parseDemoCommand('sudo -n env LC_ALL=C nft  -j list   ruleset')).toEqual({ sudo: true, invocation: 'nft -j list ruleset', tool: 'nft' });
    expect(parseDemoCommand('env LC_ALL=C hostname')).toEqual({ sudo: false, invocation: 'hostname', tool: 'hostname' });
    expect(parseDemoCommand('LC_ALL=C uname -s')).toEqual({ sudo: false, invocation: 'uname -s', tool: 'uname' });
    expect(parseDemoCommand('  hostname  ')).toEqual({ sudo: false, invocation: 'hostname', tool: 'hostname' });
  });
});

describe('command answers', () => {
  it('answers the same invocation with or without the locale prefix', () => {
    expect(run('imap1.nj', 'hostname').stdout).toBe('imap1.nj\n');
    expect(run('imap1.nj', 'env LC_ALL=C hostname').stdout).toBe('imap1.nj\n');
    expect(run('imap1.nj', 'sudo -n env LC_ALL=C hostname').stdout).toBe('imap1.nj\n');
  });

  it('unknown commands are "not found" from the login shell, exit 127', () => {
    expect(run('imap1.nj', 'env LC_ALL=C frobnicate --all')).toEqual({ stdout: '', stderr: 'sh: 1: frobnicate: not found\n', exitCode: 127 });
    expect(run('cn1.nj', 'env LC_ALL=C frobnicate')).toEqual({ stdout: '', stderr: 'sh: frobnicate: not found\n', exitCode: 127 });
    // Tools that only exist where they are used.
    expect(run('web1.nj', 'env LC_ALL=C restic snapshots --json').exitCode).toBe(127);
    expect(run('cn1.nj', 'sudo -n env LC_ALL=C nft -j list ruleset')).toMatchObject({ stderr: 'sh: nft: not found\n', exitCode: 127 });
    expect(run('imap1.nj', 'env LC_ALL=C zfs get all').exitCode).toBe(127);
  });

  it('says plainly when an installed tool is used in a way the demo does not simulate', () => {
    const result = run('imap1.nj', 'sudo -n env LC_ALL=C nft list ruleset');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/no simulated output for "nft list ruleset" on imap1\.nj/);
  });

  it('reports missing files the way cat and tail do', () => {
    expect(run('imap1.nj', 'env LC_ALL=C cat /etc/nothing')).toEqual({ stdout: '', stderr: 'cat: /etc/nothing: No such file or directory\n', exitCode: 1 });
    expect(run('imap1.nj', 'env LC_ALL=C cat /var/run/reboot-required')).toMatchObject({ stderr: 'cat: /var/run/reboot-required: No such file or directory\n', exitCode: 1 });
  });

  it('the planted host refuses every sudo -n with "a password is required"', () => {
    expect(run('mx1.sea', 'sudo -n env LC_ALL=C nft -j list ruleset')).toEqual({ stdout: '', stderr: 'sudo: a password is required\n', exitCode: 1 });
    expect(run('mx1.sea', 'env LC_ALL=C hostname').stdout).toBe('mx1.sea\n');
  });
});
