// Every finding kind OpsDeck can raise is mapped to an Annex 2 control. The
// kinds are found on their own: every exported *_FINDING_KINDS table in any
// *finding-kinds.ts under main/engine (a new area's table is picked up
// without touching this test), so a kind left out of the map fails here.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { CONTROLS } from '../../../main/engine/posture/finding';
import { areasOfControl, CHECK_CONTROLS, controlOfFinding, FINDING_KIND_CONTROLS, findingKindOf } from '../../../main/engine/reports/controls-map';

const ENGINE = join(__dirname, '../../../main/engine');

async function kindTables(): Promise<{ file: string; name: string; kinds: string[] }[]> {
  const files = (await readdir(ENGINE, { recursive: true })).filter((file) => file.endsWith('finding-kinds.ts'));
  const tables = [];
  for (const file of files) {
    const module = (await import(join(ENGINE, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (name.endsWith('_FINDING_KINDS') && value && typeof value === 'object')
        tables.push({ file: relative(ENGINE, join(ENGINE, file)), name, kinds: Object.values(value as Record<string, string>) });
    }
  }
  return tables;
}

test('the finding-kind tables are found (firewall, encryption, patches, backups at least)', async () => {
  const names = (await kindTables()).map((table) => table.name);
  expect(names).toEqual(expect.arrayContaining(['FIREWALL_FINDING_KINDS', 'ENCRYPTION_FINDING_KINDS', 'PATCH_FINDING_KINDS', 'BACKUP_FINDING_KINDS']));
});

test('no finding kind is unmapped: each kind of each table has exactly one entry in the controls map', async () => {
  const mappedKinds = Object.keys(FINDING_KIND_CONTROLS).map((key) => key.slice(key.indexOf('.') + 1));
  const unmapped: string[] = [];
  for (const table of await kindTables()) {
    for (const kind of table.kinds) {
      const entries = mappedKinds.filter((mapped) => mapped === kind);
      if (entries.length !== 1) unmapped.push(`${table.name}.${kind} (${table.file}): ${entries.length} entries`);
    }
  }
  expect(unmapped).toEqual([]);
});

test('every mapped kind and check names a control that CONTROLS knows, with an Annex 2 section', () => {
  for (const control of [...Object.values(FINDING_KIND_CONTROLS), ...Object.values(CHECK_CONTROLS)]) {
    expect(CONTROLS[control].section).toMatch(/^\d+$/);
  }
});

test('a finding is placed by the kind at the head of its id, not by the control it carries', () => {
  expect(findingKindOf('firewall.port-beyond-baseline:db1.nj:tcp/5432')).toBe('firewall.port-beyond-baseline');
  expect(controlOfFinding({ id: 'backups.unencrypted:db1.sea:0', control: 'backupVerification' })).toBe('onDiskEncryption');
  expect(controlOfFinding({ id: 'patches.security-updates:imap1.nj', control: 'softwareUpdates' })).toBe('vendorSecurityUpdates');
});

test('the areas behind a control come from the map', () => {
  expect(areasOfControl('onDiskEncryption').sort()).toEqual(['backups', 'encryption']);
  expect(areasOfControl('necessaryCommunications')).toEqual(['firewall']);
  expect(areasOfControl('staffAccessLogging')).toEqual(['access']);
  expect(areasOfControl('physicalDataCentreSecurity')).toEqual(['access']);
});
