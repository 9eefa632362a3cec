// The format of OpsDeck's listing scripts (authorized_keys, syslog and
// logrotate/logadm configuration, SmartOS zones): a marker line before each
// file, naming the account it belongs to and its path, then every line of the
// file behind CONTENT_PREFIX. The prefix is why a file can never pass for
// the listing's structure: a user who writes a marker line into their own
// authorized_keys file gets a content line that starts with `|`, not a new
// file attributed to another account.
//
// `sed` rather than a shell loop: it keeps a last line without a newline
// (GNU and illumos sed both print it), and a file it cannot read says so on
// stderr. The `echo` ends such a last line before the next marker.

/** The marker line before each file: `==> opsdeck-file <account> <path> <==`. */
export const FILE_MARKER = '==> opsdeck-file ';
export const MARKER_END = ' <==';
/** Every line of a listed file is printed behind this. */
export const CONTENT_PREFIX = '|';

/** The shell words that print `"$file"` behind its marker, with `account` (a shell word such as `"$user"` or `-`) as its owner. */
export function printListedFileShell(account: string): string {
  return `printf '${FILE_MARKER}%s %s${MARKER_END}\\n' ${account} "$file"; sed 's/^/${CONTENT_PREFIX}/' < "$file"; echo`;
}

/** What a listing script prints for one file whose text is `text` (the demo fleet and tests print listings with it). */
export function listedFileText(account: string, path: string, text: string): string {
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  const body = text === '' ? '' : `${lines.map((line) => `${CONTENT_PREFIX}${line}`).join('\n')}\n`;
  return `${FILE_MARKER}${account} ${path}${MARKER_END}\n${body}\n`;
}

/** Every account's ~/.ssh/authorized_keys and authorized_keys2 (OpenSSH's default AuthorizedKeysFile), each behind a marker naming the account; run on a host and inside each SmartOS zone. */
export const AUTHORIZED_KEYS_SCRIPT =
  'getent passwd | while IFS=: read -r user _ _ _ _ home _; do ' +
  'for file in "$home/.ssh/authorized_keys" "$home/.ssh/authorized_keys2"; do ' +
  `if [ -f "$file" ]; then ${printListedFileShell('"$user"')}; fi; ` +
  'done; done';
