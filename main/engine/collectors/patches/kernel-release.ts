// `uname -r` on Debian. The ABI string is the linux-image package suffix:
//   bookworm   6.1.0-56-amd64            (6.1.0-<abi>-<flavour>; abi ≠ upstream patch level)
//   trixie     6.12.118+deb13-amd64      (upstream version + release tag)
//   backports  6.1.0-0.deb11.13-amd64    (bookworm's kernel rebuilt for bullseye-backports)
//              4.19.0-0.bpo.6-amd64      (older backports naming)
//              6.12.12+bpo-amd64         (newer backports naming)
// A regex written for one release misreads the others: the backport's "0"
// is not an ABI number and its "deb11" is the release it was BUILT FOR,
// not the release the host runs. Anything else (a custom kernel) is kept
// verbatim with scheme 'other'.
import { commonFailure, parsedFailure, parsedOk, type Parsed } from '../parse-result';
import { failureText } from './command-failure';

export interface KernelRelease {
  release: string;
  scheme: 'debian-abi' | 'debian-upstream' | 'debian-backport' | 'other';
  /** Major.minor series: "6.1". */
  series: string | null;
  /** Full upstream version when the string carries it ("6.12.118"); bookworm's does not. */
  upstreamVersion: string | null;
  /** ABI part: "56", "0.deb11.13"; null for trixie-style strings. */
  abi: string | null;
  flavour: string | null;
  /** Debian release the image was built for (13 for +deb13, 11 for 0.deb11.N). */
  builtFor: number | null;
  backport: boolean;
}

const FLAVOUR = '([a-z0-9][a-z0-9-]*)';
const ABI = new RegExp(`^(\\d+\\.\\d+)\\.0-(\\d+)-${FLAVOUR}$`);
const BACKPORT_ABI = new RegExp(`^(\\d+\\.\\d+)\\.0-(0\\.(?:deb(\\d+)\\.\\d+|bpo\\.\\d+))-${FLAVOUR}$`);
const UPSTREAM = new RegExp(`^((\\d+\\.\\d+)\\.\\d+)\\+(deb(\\d+)|bpo)(?:\\+\\d+)?-${FLAVOUR}$`);
// uname -r always prints major.minor.patch (a bare "12.8" is /etc/debian_version, not a kernel).
const OTHER = /^(\d+\.\d+)\.\d+[\w.+~-]*$/;

export function parseKernelRelease(stdout: string, stderr: string, exitCode: number | null): Parsed<KernelRelease> {
  const common = commonFailure('uname', exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0) return parsedFailure('unparsed', `uname -r failed: ${failureText(exitCode, stderr)}`);
  const release = stdout.trim();
  const kernel = kernelRelease(release);
  return kernel ? parsedOk(kernel) : parsedFailure('unparsed', `uname -r did not print a kernel release: ${JSON.stringify(release.slice(0, 60))}`);
}

export function kernelRelease(text: string): KernelRelease | null {
  const release = text.trim();
  if (!release || release.length > 128 || /\s/.test(release)) return null;
  let match = BACKPORT_ABI.exec(release);
  if (match) {
    return { release, scheme: 'debian-backport', series: match[1]!, upstreamVersion: null, abi: match[2]!, flavour: match[4]!, builtFor: match[3] ? Number(match[3]) : null, backport: true };
  }
  match = ABI.exec(release);
  if (match) {
    return { release, scheme: 'debian-abi', series: match[1]!, upstreamVersion: null, abi: match[2]!, flavour: match[3]!, builtFor: null, backport: false };
  }
  match = UPSTREAM.exec(release);
  if (match) {
    const backport = match[3] === 'bpo';
    return {
      release,
      scheme: backport ? 'debian-backport' : 'debian-upstream',
      series: match[2]!,
      upstreamVersion: match[1]!,
      abi: null,
      flavour: match[5]!,
      builtFor: match[4] ? Number(match[4]) : null,
      backport,
    };
  }
  match = OTHER.exec(release);
  return match ? { release, scheme: 'other', series: match[1]!, upstreamVersion: null, abi: null, flavour: null, builtFor: null, backport: false } : null;
}
