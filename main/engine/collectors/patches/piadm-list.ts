// `piadm list` (smartos-live src/piadm.sh): a header
//   PI STAMP  BOOTABLE FILESYSTEM  BOOT IMAGE  NOW  NEXT
// (printf-padded, trailing spaces) and one row per installed platform image:
// stamp, `<pool>/boot`, boot image (next | available | none), NOW yes/no
// (running), NEXT yes/no (boots next). Parse by whitespace, not columns: the
// man page's examples are narrower than the code's output. A host booted
// from a USB key or PXE has no bootable pool: only the header, exit 0.
// Triton compute nodes show an `ipxe` pseudo-stamp.
import { commonFailure, parsedFailure, parsedOk, type Parsed } from '../parse-result';
import { failureText } from './command-failure';
import { outputLines } from './output-lines';
import { platformStamp } from './platform-image';

export interface PlatformImageEntry {
  stamp: string;
  /** Build time of the stamp; null for pseudo-stamps such as `ipxe`. */
  builtAt: string | null;
  filesystem: string;
  bootImage: string;
  running: boolean;
  next: boolean;
  /** The row as printed (trailing padding removed), for evidence. */
  line: string;
}

export interface PiadmList {
  images: PlatformImageEntry[];
  /** Stamp marked NOW, if any. */
  running: string | null;
  /** Stamp marked NEXT, if any. */
  next: string | null;
}

export function parsePiadmList(stdout: string, stderr: string, exitCode: number | null): Parsed<PiadmList> {
  const common = commonFailure('piadm', exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0) return parsedFailure('unparsed', `piadm list failed: ${failureText(exitCode, stderr)}`);
  const { lines, warnings } = outputLines(stdout, 'piadm list');
  const headerAt = lines.findIndex((line) => /^PI STAMP\s+BOOTABLE FILESYSTEM\s+BOOT IMAGE\s+NOW\s+NEXT\s*$/.test(line));
  if (headerAt < 0) return parsedFailure('unparsed', `piadm list printed no "PI STAMP … NEXT" header: ${JSON.stringify((lines[0] ?? '').slice(0, 80))}`);
  const images: PlatformImageEntry[] = [];
  let odd = 0;
  for (const line of lines.slice(headerAt + 1)) {
    if (!line.trim()) continue;
    const fields = line.trim().split(/\s+/);
    const [stamp, filesystem, bootImage, now, next] = fields;
    if (fields.length !== 5 || !isYesNo(now) || !isYesNo(next)) {
      odd++;
      continue;
    }
    images.push({ stamp: stamp!, builtAt: platformStamp(stamp!)?.builtAt ?? null, filesystem: filesystem!, bootImage: bootImage!, running: now === 'yes', next: next === 'yes', line: line.trimEnd() });
  }
  if (odd) warnings.push(`piadm list: ${odd} row(s) not in the STAMP FILESYSTEM IMAGE NOW NEXT form were skipped`);
  const value: PiadmList = {
    images,
    running: images.find((image) => image.running)?.stamp ?? null,
    next: images.find((image) => image.next)?.stamp ?? null,
  };
  if (images.length === 0) {
    const result = parsedFailure<PiadmList>(
      'unsupported',
      'piadm list shows no bootable pool: this host boots from a USB key or PXE, so platform images staged there are not visible to OpsDeck',
      value,
    );
    return { ...result, warnings };
  }
  return parsedOk(value, warnings);
}

function isYesNo(text: string | undefined): boolean {
  return text === 'yes' || text === 'no';
}
