// `opsdeck parse access --format sshd-T|authorized-keys|passwd [FILE|-]`:
// one saved output in, the parser's result out as plain JSON with a short
// summary. authorized-keys takes one authorized_keys file, or the listing
// OpsDeck's own scan prints (marker lines naming account and file).
import { cliResult, type ParseCliResult } from '../parse-cli-result';
import type { Parsed } from '../parse-result';
import { FILE_MARKER } from './listing-format';
import { parseAuthorizedKeysFile, parseAuthorizedKeysListing } from './authorized-keys';
import { parseGetentPasswd } from './passwd-entries';
import { allowsPasswordLogin, logsKeyFingerprints, parseSshdT } from './sshd-config';

export const ACCESS_CLI_FORMATS = ['sshd-T', 'authorized-keys', 'passwd'] as const;
export type AccessCliFormat = (typeof ACCESS_CLI_FORMATS)[number];

export type AccessCliResult = ParseCliResult<AccessCliFormat>;

export function parseAccessForCli(format: AccessCliFormat, text: string): AccessCliResult {
  switch (format) {
    case 'sshd-T': {
      const parsed = parseSshdT(text, '', 0);
      const settings = parsed.value;
      return accessResult(format, parsed, {
        passwordLogins: settings ? allowsPasswordLogin(settings) : null,
        permitRootLogin: settings?.permitRootLogin ?? null,
        logLevel: settings?.logLevel ?? null,
        logsKeyFingerprints: settings ? logsKeyFingerprints(settings.logLevel) : null,
        authenticationMethods: settings?.authenticationMethods ?? null,
      });
    }
    case 'authorized-keys': {
      const parsed = text.split('\n', 1)[0]!.startsWith(FILE_MARKER) ? parseAuthorizedKeysListing(text, '', 0) : parseAuthorizedKeysFile(text);
      const keys = parsed.value ?? [];
      return accessResult(format, parsed, {
        keys: keys.length,
        accounts: new Set(keys.map((key) => key.account)).size,
        withOptions: keys.filter((key) => key.options !== '').length,
        forcedCommands: keys.filter((key) => key.optionNames.includes('command')).length,
      });
    }
    case 'passwd': {
      const parsed = parseGetentPasswd(text, '', 0);
      const accounts = parsed.value ?? [];
      return accessResult(format, parsed, {
        accounts: accounts.length,
        loginShells: accounts.filter((account) => account.loginShell).length,
        uid0: accounts.filter((account) => account.uid === 0).length,
      });
    }
  }
}

function accessResult(format: AccessCliFormat, parsed: Parsed<unknown>, summary: AccessCliResult['summary']): AccessCliResult {
  return cliResult(format, parsed, summary, parsed.value);
}
