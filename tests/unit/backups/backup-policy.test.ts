// The inventory's backups policy: validated with file:line:column problems,
// a host's own jobs replace its roles', and the values reach the host only
// as single-quoted arguments of a fixed script.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { backupCommands, ENV_WRAPPER, shellQuote } from '../../../main/engine/collectors/backups/backup-commands';
import { hostPolicy } from '../../../main/engine/fleet/host-policy';
import { formatInventoryProblem } from '../../../main/engine/inventory/inventory-problem';
import { parseInventory } from '../../../main/engine/inventory/parse-inventory';
import { splitShellWords } from '../../../main/engine/inventory/shell-words';
import { backupJob } from '../../support/backup-job';

const README = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
const README_JOB = /\n```\n(backups:\n[\s\S]*?)```/.exec(README)![1]!;

function inventory(roleBackups: string, hostExtra = ''): string {
  return [
    'datacentres:',
    '  - { id: nj, name: NJ, role: primary }',
    '  - { id: sea, name: SEA, role: secondary }',
    'defaults: { user: ops }',
    'roles:',
    '  imap:',
    ...roleBackups
      .trimEnd()
      .split('\n')
      .map((line) => `    ${line}`),
    'hosts:',
    '  - name: imap1.nj',
    '    os: debian',
    '    dc: nj',
    '    roles: [imap]',
    ...(hostExtra
      ? hostExtra
          .trimEnd()
          .split('\n')
          .map((line) => `    ${line}`)
      : []),
    '  - { name: imap2.nj, os: debian, dc: nj, roles: [imap] }',
  ].join('\n');
}

const problems = (text: string) => {
  const result = parseInventory(text, 'fleet.yaml');
  return result.ok ? [] : result.problems.map(formatInventoryProblem);
};

describe('backups policy in the inventory', () => {
  test('the README example is valid and resolves with its defaults', () => {
    const result = parseInventory(inventory(README_JOB), 'fleet.yaml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.inventory.roles.imap!.backups).toEqual([
      {
        tool: 'restic',
        envFile: '/etc/backup/restic.env',
        dataset: null,
        replicaHost: null,
        replicaDataset: null,
        repositoryDc: 'sea',
        paths: ['/srv/mail'],
        backupUnit: 'restic-backup.service',
        checkUnit: 'restic-check.service',
        rpoHours: null,
        restoreTestMaxAgeDays: null,
        integrityMaxAgeDays: 30,
        integritySubsets: 8,
        restoreTestSample: 20,
        canaries: [],
      },
    ]);
  });

  test("a host's own backups replace its roles'; other hosts keep the role's", () => {
    const result = parseInventory(inventory(README_JOB, 'backups: [ { tool: borg, env_file: /etc/backup/borg.env, repository_dc: sea } ]'), 'fleet.yaml');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const [own, other] = result.inventory.hosts.map((host) => hostPolicy(result.inventory, host));
    expect(own!.backups!.map((job) => job.tool)).toEqual(['borg']);
    expect(other!.backups!.map((job) => job.tool)).toEqual(['restic']);
  });

  test('an environment file that is shell text is refused where it is written', () => {
    expect(problems(inventory(README_JOB.replace('/etc/backup/restic.env', '"/etc/x.env; rm -rf /"')))).toEqual([
      expect.stringMatching(/^fleet\.yaml:9:19: roles\.imap\.backups\[0\]\.env_file: "\/etc\/x\.env; rm -rf \/" is not a plain absolute path \(the environment file\)/),
    ]);
  });

  test('an unknown repository datacentre, a missing env_file, a bad unit and an unknown key are each located', () => {
    expect(problems(inventory(README_JOB.replace('repository_dc: sea', 'repository_dc: bos')))).toEqual([
      'fleet.yaml:10:24: roles.imap.backups[0].repository_dc: unknown datacentre "bos"; expected one of nj, sea',
    ]);
    expect(problems(inventory('backups: [ { tool: restic, repository_dc: sea } ]'))).toEqual([expect.stringMatching(/^fleet\.yaml:7:16: roles\.imap\.backups\[0\]: missing required key "env_file"/)]);
    expect(problems(inventory(README_JOB.replace('restic-check.service', '-x.service')))).toEqual([expect.stringMatching(/check_unit: "-x\.service" is not a systemd unit name/)]);
    expect(problems(inventory(README_JOB.replace('paths:', 'pathz:')))).toEqual([expect.stringMatching(/unknown key "pathz"; expected one of tool, env_file/)]);
  });
});

describe('zfs-send replica in the inventory', () => {
  const zfs = (fields: string) => `backups: [ { tool: zfs-send, dataset: zones/data, repository_dc: sea${fields} } ]`;

  test('the replica host is asked to list the receiving dataset of each source naming it', () => {
    const result = parseInventory(inventory('backups: []', zfs(', replica_host: imap2.nj, replica_dataset: zones/replica/imap1.nj')), 'fleet.yaml');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const [source, replica] = result.inventory.hosts.map((host) => hostPolicy(result.inventory, host));
    expect(source!.backups![0]).toMatchObject({ replicaHost: 'imap2.nj', replicaDataset: 'zones/replica/imap1.nj' });
    expect(source!.replicaOf).toBeUndefined();
    expect(replica!.replicaOf).toEqual([{ sourceHost: 'imap1.nj', sourceDataset: 'zones/data', dataset: 'zones/replica/imap1.nj' }]);
  });

  test('an unknown replica host, a half-named replica and a replica on restic are each located', () => {
    expect(problems(inventory('backups: []', zfs(', replica_host: nas9.nj, replica_dataset: zones/r')))).toEqual([
      expect.stringMatching(/hosts\[0\]\.backups\[0\]\.replica_host: unknown host "nas9\.nj"/),
    ]);
    expect(problems(inventory('backups: []', zfs(', replica_host: imap2.nj')))).toEqual(['fleet.yaml:13:16: hosts[0].backups[0]: missing required key "replica_dataset"']);
    expect(problems(inventory('backups: [ { tool: restic, env_file: /etc/r.env, repository_dc: sea, replica_host: imap2.nj } ]'))).toEqual([
      expect.stringMatching(/replica_host: a replica applies only to zfs-send, not to restic/),
    ]);
  });
});

describe('backup commands carry inventory values only as quoted arguments', () => {
  const job = (envFile: string, units: [string | null, string | null] = ['a.service', 'b.service']) => backupJob('borg', { envFile, backupUnit: units[0], checkUnit: units[1] });

  test('the wrapper is constant; the environment file is its one quoted argument; stdin is closed', () => {
    const [list, info, units] = backupCommands('debian', [job('/etc/backup/borg.env')]);
    expect(list!.command).toBe(`${ENV_WRAPPER} '/etc/backup/borg.env' borg list --json --bypass-lock --last 60`);
    expect(info!.command).toBe(`${ENV_WRAPPER} '/etc/backup/borg.env' borg info --json --bypass-lock --last 1`);
    expect(ENV_WRAPPER).toContain('exec "$@" </dev/null');
    expect(units!.command).toBe("systemctl show --timestamp=unix -p Id,LoadState,ActiveState,Result,ExecMainStatus,ExecMainExitTimestamp -- 'a.service' 'b.service'");
  });

  test('any value, even one validation would refuse, stays exactly one word', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (value) => {
        const words = splitShellWords(`${shellQuote(value)} next`);
        expect(words).toEqual({ ok: true, words: [value, 'next'] });
      }),
      { numRuns: 500 },
    );
    const [list] = backupCommands('debian', [job("/etc/x'; touch /tmp/p; '")]);
    const words = splitShellWords(list!.command);
    expect(words.ok && words.words.slice(4, 5)).toEqual(["/etc/x'; touch /tmp/p; '"]);
  });
});
