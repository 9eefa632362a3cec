// One item of the origin list apt prints for a version, e.g. in
// `(1.10.1-3+deb12u1 Debian:12.15/oldstable, Debian-Security:12/oldstable-security [amd64])`.
// apt (pkgCache::VerIterator::RelStr) prints `<Label>:` when the Release
// file has a Label, then `<Version>/<Archive>` or `<Archive>`, or the site
// name (or "localhost") when there is no Release file at all.
export interface AptOrigin {
  /** As printed: `Debian-Security:12/oldstable-security`. */
  text: string;
  label: string | null;
  version: string | null;
  /** The archive (Suite) name: `oldstable-security`, `stable`, `bookworm-backports`… */
  suite: string;
  security: boolean;
}

const ORIGIN = /^(?:([^:/]+):)?(?:([^/]+)\/)?(.+)$/;

export function parseAptOrigin(text: string): AptOrigin {
  const trimmed = text.trim();
  const match = ORIGIN.exec(trimmed);
  const label = match?.[1]?.trim() || null;
  const version = match?.[2]?.trim() || null;
  const suite = match?.[3]?.trim() ?? trimmed;
  return { text: trimmed, label, version, suite, security: isSecurityOrigin(label, suite) };
}

/**
 * A security update is one offered by a `*-security` archive, whatever the
 * release is called now: `stable-security` while bookworm was stable,
 * `oldstable-security` since trixie replaced it, `bookworm-security` when
 * sources name the codename. Label `Debian-Security` also catches security
 * archives whose suite name does not end in -security (Debian 10 and older
 * served them from dists/<codename>/updates).
 */
export function isSecurityOrigin(label: string | null, suite: string): boolean {
  return /-security$/.test(suite) || label === 'Debian-Security';
}

/** The `, `-separated origin list followed by an optional ` [arch]`. */
export function parseAptOriginList(text: string): { origins: AptOrigin[]; arch: string | null } {
  const trimmed = text.trimEnd();
  const archMatch = /\[([^\][\s]+)\]$/.exec(trimmed);
  const arch = archMatch ? archMatch[1]! : null;
  const list = archMatch ? trimmed.slice(0, archMatch.index) : trimmed;
  const origins = list
    .split(', ')
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
    .map(parseAptOrigin);
  return { origins, arch };
}
