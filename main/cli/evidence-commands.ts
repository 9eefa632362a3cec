// `opsdeck evidence pack` and `opsdeck evidence verify`: the signed evidence
// pack for auditors. pack exits 0 when written; with no keychain it refuses
// (exit 2) unless --one-time-key. verify exits 0 when every file matches the
// signed manifest and the signature holds, 1 naming each file changed, added
// or removed, or a broken signature, 2 on bad usage or a file that is no zip.
import { readFile, writeFile } from 'node:fs/promises';
import { evidenceSigningKey } from '../engine/reports/evidence-key';
import { buildEvidencePack, verifyEvidenceZip } from '../engine/reports/evidence-pack';
import { buildStatusReport } from '../engine/reports/status-report';
import { SecretStoreUnavailableError } from '../engine/secrets/secret-store';
import { UsageError, type CliCommand } from './cli-io';
import { engineForCli } from './engine-for-cli';
import { parseSince } from './report-command';

const PACK_OPTIONS = ['--since', '--out', '--inventory', '--data-dir'];

export const evidencePackCommand: CliCommand = {
  name: 'evidence pack',
  summary: 'signed evidence pack (report, findings, raw outputs, audit excerpt and anchor, restore tests, sha256 manifest)',
  usage: 'opsdeck evidence pack [--since DATE] --out FILE.zip [--inventory FILE | --demo] [--data-dir DIR] [--one-time-key]',
  accepts: { values: PACK_OPTIONS, flags: ['--demo', '--one-time-key'] },
  async run(args, io) {
    const out = args.value('--out');
    if (!out) throw new UsageError('--out FILE.zip is required');
    const since = parseSince(args.value('--since'));
    const inventoryPath = args.value('--inventory');
    const dataDir = args.value('--data-dir');
    const engine = await engineForCli(io, { ...(dataDir ? { dataDir } : {}), inventoryPath: inventoryPath ?? undefined, demoFleet: args.flag('--demo') ? 'always' : 'never' });
    try {
      if (!engine.fleet.current) {
        io.stderr.write('opsdeck evidence pack: no usable inventory: give one with --inventory FILE (or --demo)\n');
        return 2;
      }
      if (!engine.keychain.available && !args.flag('--one-time-key')) {
        io.stderr.write(
          `opsdeck evidence pack: not signed: ${engine.keychain.reason ?? 'the OS keychain is not available'}; the signing key lives only there. Run where a keychain is available, or pass --one-time-key to sign with a key that is forgotten after this pack (compare the public key printed here by hand)\n`,
        );
        return 2;
      }
      let key;
      try {
        key = await evidenceSigningKey(engine.secrets, { oneTime: args.flag('--one-time-key') });
      } catch (error) {
        if (!(error instanceof SecretStoreUnavailableError)) throw error;
        io.stderr.write(`opsdeck evidence pack: not signed: ${error.message}; pass --one-time-key to sign with a key that is not kept\n`);
        return 2;
      }
      const data = await buildStatusReport(engine.reportSources, { since });
      const pack = await buildEvidencePack({ data, reports: engine.reportSources.reports, restoreTests: engine.reportSources.restoreTests, auditPath: engine.auditPath, since, key });
      await writeFile(out, pack.zip, { mode: 0o600 });
      io.stdout.write(
        `wrote ${out}: ${pack.files} files and a signed manifest\nsigning key (${key.origin === 'created' ? 'created now, kept in the keychain' : key.origin === 'keychain' ? 'from the keychain' : 'one-time, not kept'}), Ed25519 public key:\n${key.publicKey}\n`,
      );
      return 0;
    } finally {
      await engine.dispose();
    }
  },
};

export const evidenceVerifyCommand: CliCommand = {
  name: 'evidence verify',
  summary: 'check an evidence pack: OK, or every file changed, added or removed, and whether the signature holds',
  usage: 'opsdeck evidence verify FILE.zip [--key PUBLIC-KEY-FILE]',
  accepts: { values: ['--key'] },
  async run(args, io) {
    const file = args.onlyPositional('FILE.zip');
    const keyPath = args.value('--key');
    const key = keyPath ? await readFile(keyPath, 'utf8') : null;
    let verdict;
    try {
      verdict = verifyEvidenceZip(await readFile(file), key);
    } catch (error) {
      io.stderr.write(`opsdeck evidence verify: cannot read ${file} as a zip: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    for (const name of verdict.changed) io.stdout.write(`CHANGED ${name}\n`);
    for (const name of verdict.added) io.stdout.write(`ADDED ${name}\n`);
    for (const name of verdict.removed) io.stdout.write(`REMOVED ${name}\n`);
    for (const problem of verdict.problems) io.stdout.write(`PROBLEM ${problem}\n`);
    const whose = verdict.keySource === 'given' ? 'the key given' : "the pack's own key (proves integrity, not origin: pass --key with the public key from the report)";
    io.stdout.write(`signature ${verdict.signature === 'holds' ? 'holds' : verdict.signature === 'missing' ? 'is missing' : 'does NOT hold'} with ${whose}\n`);
    io.stdout.write(verdict.ok ? `OK ${file}\n` : `BROKEN ${file}\n`);
    return verdict.ok ? 0 : 1;
  },
};
