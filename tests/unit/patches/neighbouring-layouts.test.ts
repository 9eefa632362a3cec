// Issue 18, patch formats: the older `piadm list` header ("BOOT BITS?") is
// read like the current one, and a refusal never quotes the header it says
// is missing; needrestart's KSTA 0 ("could not tell") stays unknown in the
// parse summary and in the reboot verdict, whatever else is absent; other
// commands' output and random bytes are refused. Inputs written from
// smartos-live's piadm.sh and needrestart's batch format (README.batch).
import { describe, expect, test } from 'vitest';
import { parsePatchesForCli, PATCHES_CLI_FORMATS } from '../../../main/engine/collectors/patches/patches-cli';
import { PATCH_COMMAND_IDS as ids } from '../../../main/engine/collectors/patches/patch-commands';
import { patchFacts } from '../../../main/engine/collectors/patches/patch-facts';
import { parsePiadmList } from '../../../main/engine/collectors/patches/piadm-list';
import { fixture } from '../../support/fixtures';
import { output } from './support/fixture-sections';

const ROWS = ['20241114T001215Z       zones/boot                     available  no   no  ', '20241128T004404Z       zones/boot                     next       yes  no  '];

describe('piadm list layouts', () => {
  test('the first releases\' "BOOT BITS?" header is read like "BOOT IMAGE"', () => {
    const older = parsePiadmList(`PI STAMP               BOOTABLE FILESYSTEM            BOOT BITS?  NOW   NEXT \n${ROWS.join('\n')}\n`, '', 0);
    const current = parsePiadmList(`PI STAMP               BOOTABLE FILESYSTEM            BOOT IMAGE NOW  NEXT \n${ROWS.join('\n')}\n`, '', 0);
    expect(older.status).toBe('ok');
    expect(older.value!.images.map((image) => image.stamp)).toEqual(current.value!.images.map((image) => image.stamp));
    expect(older.value!.running).toBe('20241128T004404Z');
  });

  test('a header OpsDeck does not know is refused naming the columns it needs, and the line it found (not the one it wants)', () => {
    const parsed = parsePiadmList('STAMP  FS  IMAGE\n20241114T001215Z zones/boot available\n', '', 0);
    expect(parsed.status).toBe('unparsed');
    expect(parsed.message).toBe('not piadm list output: no header naming the PI STAMP, BOOTABLE FILESYSTEM, BOOT IMAGE (or BOOT BITS?), NOW and NEXT columns; first line: "STAMP  FS  IMAGE"');
  });

  test('a row that is not STAMP FILESYSTEM IMAGE NOW NEXT is listed as skipped: partial, never ok', () => {
    const parsed = parsePiadmList(`PI STAMP  BOOTABLE FILESYSTEM  BOOT IMAGE  NOW  NEXT\n${ROWS[0]}\n20241212T000541Z zones/boot none maybe yes\n`, '', 0);
    expect(parsed.status).toBe('partial');
    expect(parsed.skipped).toEqual([{ at: 'line 3', text: '20241212T000541Z zones/boot none maybe yes', reason: expect.stringContaining('NOW and NEXT are yes or no') }]);
  });
});

describe('needrestart KSTA 0 stays unknown', () => {
  const ksta0 = 'NEEDRESTART-VER: 3.6\nNEEDRESTART-KCUR: 6.1.0-56-amd64\nNEEDRESTART-KSTA: 0\n';

  test('the parse summary says the reboot need is unknown (null), not false', () => {
    const result = parsePatchesForCli('needrestart', ksta0);
    expect(result.status).toBe('ok');
    expect(result.summary).toMatchObject({ kernelStatus: 'unknown', rebootNeeded: null });
    expect(result.warnings.join(' ')).toContain('could not tell');
    expect(parsePatchesForCli('needrestart', fixture('debian/needrestart-b-baremetal-clean.txt')).summary.rebootNeeded).toBe(false);
  });

  test('no reboot-required flag and unattended-upgrades installed do not turn KSTA 0 into "no reboot needed"', () => {
    const noFlag = { stderr: 'cat: /var/run/reboot-required: No such file or directory\n', exitCode: 1 };
    const base = [
      output(ids.rebootRequired, '', noFlag),
      output(ids.rebootRequiredPkgs, '', { ...noFlag, stderr: 'cat: /var/run/reboot-required.pkgs: No such file or directory\n' }),
      output(ids.unattendedUpgradesLog, fixture('debian/unattended-upgrades-log.txt')),
    ];
    const unknown = patchFacts('debian', [...base, output(ids.needrestart, ksta0)], new Date('2026-12-01T00:00:00Z'));
    expect(unknown.reboot.needed).toBe('unknown');
    const current = patchFacts('debian', [...base, output(ids.needrestart, fixture('debian/needrestart-b-baremetal-clean.txt'))], new Date('2026-12-01T00:00:00Z'));
    expect(current.reboot.needed).toBe(false);
  });
});

describe('every patch format refuses what is not its output', () => {
  test('random bytes and another command\'s output: unparsed, "not … output", for each format', () => {
    const bytes = Buffer.from(Array.from({ length: 8192 }, (_, index) => (index * 7919 + 13) % 256)).toString('latin1');
    const others: Record<(typeof PATCHES_CLI_FORMATS)[number], string> = {
      'apt-sim': fixture('debian/needrestart-b.txt'),
      needrestart: fixture('debian/debsecan-detail.txt'),
      piadm: fixture('debian/apt-get-s-dist-upgrade.txt'),
      'pkg-audit': fixture('debian/crypttab.txt'),
    };
    for (const format of PATCHES_CLI_FORMATS) {
      for (const text of [bytes, others[format]]) {
        const result = parsePatchesForCli(format, text);
        expect(result.status, format).not.toBe('ok');
        expect(result.status, format).not.toBe('partial');
      }
      expect(parsePatchesForCli(format, bytes).message, format).toMatch(/^not .* output: it holds/);
    }
  });
});
