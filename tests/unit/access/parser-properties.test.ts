// Properties of the access parsers beyond those every parser is held to in
// tests/unit/parsers/parser-fuzz.test.ts (arbitrary, binary and mangled
// input): what a line-per-record parser did not read is listed, whatever a
// key comment or option holds comes back unchanged, and facts and findings
// from any outputs never throw.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ACCESS_COMMANDS } from '../../../main/engine/collectors/access/access-commands';
import { accessFacts } from '../../../main/engine/collectors/access/access-facts';
import { parseAuthorizedKeyLine, parseAuthorizedKeysFile } from '../../../main/engine/collectors/access/authorized-keys';
import { parseGetentPasswd } from '../../../main/engine/collectors/access/passwd-entries';
import { accessFindings } from '../../../main/engine/posture/access-findings';

// A real Ed25519 public key blob (ssh-keygen output), so generated lines around it are keys.
const BLOB = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

describe('properties of the line-per-record parsers', () => {
  test('getent passwd: every non-empty line is an account or listed as skipped', () => {
    const line = fc.oneof(
      fc.constantFrom('alice:x:1000:1000:Alice:/home/alice:/bin/bash', 'svc:x:998:998::/nonexistent:/usr/sbin/nologin'),
      fc.string({ maxLength: 30 }).filter((text) => !text.includes('\n')),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), (lines) => {
        const result = parseGetentPasswd(lines.join('\n'));
        const nonEmpty = lines.filter((each) => each.trim() !== '').length;
        if (result.status === 'ok' || result.status === 'partial') expect(result.value!.length + (result.skippedCount ?? 0)).toBe(nonEmpty);
      }),
    );
  });

  test('a key comment and options come back exactly as written, whatever they hold', () => {
    const comment = fc.string({ maxLength: 60 }).filter((text) => !/[\n\r]/.test(text) && text.trim() === text && !/[ \t]{2,}|\t/.test(text));
    const optionValue = fc.string({ maxLength: 30 }).filter((text) => !/["\\\n\r]/.test(text));
    fc.assert(
      fc.property(comment, optionValue, (text, value) => {
        const options = `command="${value}",no-pty`;
        const parsed = parseAuthorizedKeyLine(`${options} ssh-ed25519 ${BLOB}${text ? ` ${text}` : ''}`, { account: 'a', file: 'f', line: 1 });
        expect(typeof parsed).toBe('object');
        expect(parsed).toMatchObject({ options, comment: text, optionNames: ['command', 'no-pty'] });
      }),
    );
  });

  test('an authorized_keys file: every non-comment line is a key or listed as skipped', () => {
    const line = fc.oneof(
      fc.constant(`ssh-ed25519 ${BLOB} k`),
      fc.constant('# note'),
      fc.string({ maxLength: 40 }).filter((text) => !text.includes('\n')),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 15 }), (lines) => {
        const result = parseAuthorizedKeysFile(lines.join('\n'));
        const records = lines.filter((each) => each.trim() !== '' && !each.trim().startsWith('#')).length;
        if (result.status === 'ok' || result.status === 'partial') expect(result.value!.length + (result.skippedCount ?? 0)).toBe(records);
        else expect(result.status).toBe('unparsed');
      }),
    );
  });

  test('facts and findings from arbitrary outputs of every access command never throw', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 120 }), { minLength: 8, maxLength: 8 }), fc.constantFrom('debian' as const, 'smartos' as const), (texts, os) => {
        const outputs = ACCESS_COMMANDS[os].map((command, index) => ({ id: command.id, command: command.command, stdout: texts[index]!, stderr: '', exitCode: 0, durationMs: 1, error: null }));
        const facts = accessFacts(os, outputs);
        const policy = {
          roles: [],
          allowedPorts: [],
          patchSlaHours: 24,
          backupRpoHours: 24,
          restoreTestMaxAgeDays: 30,
          platformImageMaxAgeDays: 180,
          access: { staff: [{ name: 'A', accounts: ['a'], keys: [], left: null }], allowed: ['A'], require2fa: true, logHosts: ['log1'] },
        };
        const findings = accessFindings(facts, { host: 'h', dc: 'nj', siteRole: 'primary', os, policy, now: new Date() });
        for (const finding of findings) expect(finding.id.startsWith('access.')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
