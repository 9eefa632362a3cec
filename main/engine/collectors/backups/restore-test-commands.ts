// The commands of a restore test, run on the host itself so that restored and
// live bytes never cross the network: a listing of the snapshot to sample
// from (restic: of `latest`; when that is not a backup snapshot, the
// snapshots and then the chosen one's listing), then one fixed script that
// restores the sample into a fresh scratch directory, hashes the restored and
// the live copy of each file, and always removes the scratch directory.
//
// Like the scan's backup commands, each is a constant script followed by
// single-quoted arguments (the environment file from the validated policy,
// a snapshot id checked to be 64 hex digits, paths from the snapshot's own
// listing or the policy's canaries). The script only uses them as "$n".
import { NO_ENVIRONMENT_EXIT } from './backup-source-state';
import { BORG_LIST, shellQuote, withHostEnvironment } from './backup-commands';

/** Where scratch directories go (disk-backed, unlike a tmpfs /tmp): `<dir>/opsdeck-restore.<pid>.<random>`. */
export const SCRATCH_PARENT = '/var/tmp';
export const SCRATCH_PREFIX = 'opsdeck-restore.';

export function resticSnapshotsCommand(envFile: string): string {
  return withHostEnvironment(envFile, 'restic snapshots --json --no-lock --no-cache');
}

/**
 * The newest snapshot's listing in one restic start (each start that opens
 * the repository derives its key, ~0.5 s): `latest` is the newest snapshot
 * by time, whatever its tags, printed first. The argv is constant.
 */
export const RESTIC_LS_LATEST = 'restic ls --json --no-lock --no-cache latest';

export function resticLsLatestCommand(envFile: string): string {
  return withHostEnvironment(envFile, RESTIC_LS_LATEST);
}

export function resticLsCommand(envFile: string, snapshotId: string): string {
  if (!/^[0-9a-f]{64}$/.test(snapshotId)) throw new Error(`not a restic snapshot id: ${JSON.stringify(snapshotId)}`);
  return withHostEnvironment(envFile, `restic ls --json --no-lock --no-cache ${shellQuote(snapshotId)}`);
}

/**
 * $1 environment file, $2 snapshot id, then the files (absolute paths).
 * Output, tab-separated: `scratch <dir>`, `restore <exit>`, then per file
 * `file <restored sha256|-> <live sha256|-> <restored bytes|-> <live mtime|-> <live ctime|-> <path>`.
 * restic's cache goes into the scratch directory too, so nothing is written
 * outside it (restic takes its usual shared lock in the repository).
 * The live copies are hashed while the restore runs (a second process, so
 * the host's other core does it), the restored copies once it has ended.
 * fd 3 keeps the channel's stdin: when OpsDeck cancels or its time budget
 * ends, the channel closes, `cat` sees end of file, and the script is
 * terminated — its EXIT trap removes the scratch directory. If the script
 * itself is killed, the next scan finds the directory by its dead pid.
 */
function restoreScript(restore: string[], fileLoop: string[]): string {
  return [
    'f="$1"; snap="$2"; shift 2',
    `[ -r "$f" ] || { echo "opsdeck: cannot read the backup environment file $f" >&2; exit ${NO_ENVIRONMENT_EXIT}; }`,
    'set -a; . "$f"; set +a',
    `d=$(mktemp -d "${SCRATCH_PARENT}/${SCRATCH_PREFIX}$$.XXXXXXXX") || { echo "opsdeck: cannot create a scratch directory in ${SCRATCH_PARENT}" >&2; exit 124; }`,
    // The restore and the live hashing run in the background so a signal reaches the script at once;
    // cleanup stops them before removing the directory they write into. dash does
    // not run the EXIT trap when a signal trap exits, so both traps clean up.
    'cleanup() { [ -n "${r:-}" ] && kill "$r" 2>/dev/null && wait "$r" 2>/dev/null; [ -n "${l:-}" ] && kill "$l" 2>/dev/null && wait "$l" 2>/dev/null; rm -rf "$d"; }',
    `trap cleanup EXIT`,
    `trap 'cleanup; trap - EXIT; exit 143' INT TERM HUP PIPE`,
    `printf 'scratch\\t%s\\n' "$d"`,
    'exec 3<&0',
    '( cat <&3 >/dev/null; kill -TERM $$ 2>/dev/null ) & w=$!',
    ...restore,
    // Each live copy: its sha256, then its mtime and ctime — the stat after the hash, so a write during the
    // hashing shows in the mtime that decides "changed since the backup". A line per file in argument order,
    // in the scratch directory; ':' between the fields keeps an empty one (a failed hash or stat) in its place.
    // sha256sum runs as a job the subshell waits for, so that cleanup's TERM stops it too (a command
    // substitution would leave it reading a large file, holding the channel's stderr open). Its output
    // file is truncated before its input is opened: a file it cannot read leaves it empty, never the last hash.
    `( trap '[ -n "\${h:-}" ] && kill "$h" 2>/dev/null && wait "$h"; exit 143' TERM`,
    ...fileLoop,
    '  lh=-; m=-; c=-',
    '  if [ -f "$p" ]; then',
    '    sha256sum >"$d/.opsdeck-hash" <"$p" & h=$!; wait $h; h=',
    `    read -r lh x <"$d/.opsdeck-hash"; s=$(stat -c '%.9Y %.9Z' -- "$p"); m=\${s%% *}; c=\${s#* }`,
    '  fi',
    `  printf '%s:%s:%s\\n' "$lh" "$m" "$c"`,
    'done ) </dev/null >"$d/.opsdeck-live" & l=$!',
    'wait $r; rc=$?; r=',
    'wait $l; l=',
    `printf 'restore\\t%s\\n' "$rc"`,
    'exec 4<"$d/.opsdeck-live"',
    ...fileLoop,
    '  rh=-; rb=-',
    // A missing line (the live hashing did not finish) leaves the fields empty: the output is then unreadable, never "missing live".
    '  IFS=: read -r lh m c <&4 || { lh=; m=; c=; }',
    '  if [ -f "$d$p" ]; then rh=$(sha256sum < "$d$p"); rh=${rh%% *}; rb=$(stat -c %s -- "$d$p"); fi',
    `  printf 'file\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n' "$rh" "$lh" "$rb" "$m" "$c" "$p"`,
    'done',
    'kill $w 2>/dev/null',
    'exit 0',
  ].join('\n');
}

/**
 * restic: each file is an --include pattern, where \\ * ? [ are pattern
 * characters: escaped (by builtins only) so a name holding them restores
 * itself and nothing else. The patterns are built in the restore's own
 * subshell; the script's "$@" stays the list of files for the hashing.
 */
const RESTORE_SCRIPT = restoreScript(
  [
    `esc() { e=; s=$1; while [ -n "$s" ]; do c=\${s%"\${s#?}"}; s=\${s#?}; case $c in '\\'|'*'|'?'|'[') e="$e\\\\$c";; *) e="$e$c";; esac; done; }`,
    '( for p do shift; esc "$p"; set -- "$@" --include "$e"; done; exec restic restore "$snap" --target "$d" --cache-dir "$d/.opsdeck-cache" "$@" ) </dev/null >&2 & r=$!',
  ],
  ['for p do'],
);

/**
 * borg: $2 is the archive's name. borg stores paths without the leading
 * slash and extracts into the working directory, so the files are given
 * relative (a plain PATH argument matches that path exactly or as a
 * directory prefix; `--` keeps a name starting with a dash a path) and
 * extracted inside the scratch directory, where "$d$p" is the restored copy
 * again. borg's cache goes into the scratch directory too.
 */
const BORG_RESTORE_SCRIPT = restoreScript(
  [
    // Like the scan's wrapper: an unencrypted repository is read (its finding is the scan's), unless the host's file says otherwise.
    'export BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK="${BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK:-yes}" BORG_RELOCATED_REPO_ACCESS_IS_OK="${BORG_RELOCATED_REPO_ACCESS_IS_OK:-no}"',
    'for p do set -- "$@" "${p#/}"; shift; done',
    '( cd "$d" && export BORG_CACHE_DIR="$d/.opsdeck-cache" && exec borg extract "::$snap" -- "$@" ) </dev/null >&2 & r=$!',
  ],
  ['for q do', '  p="/$q"'],
);

export const RESTORE_WRAPPER = `sh -c ${shellQuote(RESTORE_SCRIPT)} opsdeck-restore-test`;

export function resticRestoreTestCommand(envFile: string, snapshotId: string, files: string[]): string {
  if (!/^[0-9a-f]{64}$/.test(snapshotId)) throw new Error(`not a restic snapshot id: ${JSON.stringify(snapshotId)}`);
  return [RESTORE_WRAPPER, shellQuote(envFile), shellQuote(snapshotId), ...files.map(shellQuote)].join(' ');
}

export const BORG_RESTORE_WRAPPER = `sh -c ${shellQuote(BORG_RESTORE_SCRIPT)} opsdeck-restore-test`;

// eslint-disable-next-line no-control-regex
const BORG_ARCHIVE_NAME = /^[^\0-\x1f\x7f]{1,255}$/;

function checkedArchiveName(archiveName: string): string {
  if (!BORG_ARCHIVE_NAME.test(archiveName) || archiveName.includes('::')) throw new Error(`not a borg archive name OpsDeck can restore from: ${JSON.stringify(archiveName)}`);
  return archiveName;
}

export function borgRestoreTestCommand(envFile: string, archiveName: string, files: string[]): string {
  checkedArchiveName(archiveName);
  return [BORG_RESTORE_WRAPPER, shellQuote(envFile), shellQuote(archiveName), ...files.map(shellQuote)].join(' ');
}

export function borgArchiveSnapshotsCommand(envFile: string): string {
  return withHostEnvironment(envFile, BORG_LIST);
}

export function borgFileListCommand(envFile: string, archiveName: string): string {
  checkedArchiveName(archiveName);
  return withHostEnvironment(envFile, `borg list --json-lines --bypass-lock ${shellQuote(`::${archiveName}`)}`);
}

/**
 * Finds OpsDeck scratch directories whose script is gone (killed before its
 * trap could run), prints and removes them. Run by every scan of a host
 * with a backup policy; the pid in the name tells a live test from a leftover.
 */
export const LEFTOVER_SCRATCH_COMMAND = `sh -c ${shellQuote(
  [
    `for d in ${SCRATCH_PARENT}/${SCRATCH_PREFIX}*; do`,
    '  [ -d "$d" ] || continue',
    `  p=\${d#${SCRATCH_PARENT}/${SCRATCH_PREFIX}}; p=\${p%%.*}`,
    '  kill -0 "$p" 2>/dev/null && continue',
    `  rm -rf "$d" && printf 'removed\\t%s\\n' "$d"`,
    'done',
    'exit 0',
  ].join('\n'),
)} opsdeck-scratch-cleanup`;
