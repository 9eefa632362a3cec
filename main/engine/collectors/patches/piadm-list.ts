// `piadm list` (smartos-live src/piadm.sh): a header
//   PI STAMP  BOOTABLE FILESYSTEM  BOOT IMAGE  NOW  NEXT
// (printf-padded, trailing spaces) and one row per installed platform image:
// stamp, `<pool>/boot`, boot image (next | available | none), NOW yes/no
// (running), NEXT yes/no (boots next). Parse by whitespace, not columns: the
// man page's examples are narrower than the code's output. A host booted
// from a USB key or PXE has no bootable pool: only the header, exit 0.
// Triton compute nodes show an `ipxe` pseudo-stamp. The first piadm
// releases titled the third column `BOOT BITS?`: read the same way.
import { commonFailure, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import { failureText } from './command-failure';
import { outputLines } from '../output-lines';
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
  const refused = refuseInput(stdout, 'piadm list');
  if (refused) return refused;
  const { lines, warnings, skipped } = outputLines(stdout, 'piadm list');
  const headerAt = lines.findIndex((line) => HEADER.test(line));
  if (headerAt < 0) {
    return parsedFailure(
      'unparsed',
      `not piadm list output: no header naming the PI STAMP, BOOTABLE FILESYSTEM, BOOT IMAGE (or BOOT BITS?), NOW and NEXT columns; first line: ${JSON.stringify((lines.find((line) => line.trim()) ?? '').slice(0, 80))}`,
    );
  }
  lines.slice(0, headerAt).forEach((line, index) => {
    if (line.trim()) skipped.push(skippedInput(`line ${index + 1}`, line, 'before the piadm list header'));
  });
  const images: PlatformImageEntry[] = [];
  lines.forEach((line, index) => {
    if (index <= headerAt || !line.trim()) return;
    const fields = line.trim().split(/\s+/);
    const [stamp, filesystem, bootImage, now, next] = fields;
    if (fields.length !== 5 || !isYesNo(now) || !isYesNo(next)) {
      skipped.push(skippedInput(`line ${index + 1}`, line, 'not a STAMP FILESYSTEM IMAGE NOW NEXT row (NOW and NEXT are yes or no)'));
      return;
    }
    images.push({ stamp: stamp!, builtAt: platformStamp(stamp!)?.builtAt ?? null, filesystem: filesystem!, bootImage: bootImage!, running: now === 'yes', next: next === 'yes', line: line.trimEnd() });
  });
  const value: PiadmList = {
    images,
    running: images.find((image) => image.running)?.stamp ?? null,
    next: images.find((image) => image.next)?.stamp ?? null,
  };
  if (images.length === 0 && skipped.length === 0) {
    const result = parsedFailure<PiadmList>(
      'unsupported',
      'piadm list shows no bootable pool: this host boots from a USB key or PXE, so platform images staged there are not visible to OpsDeck',
      value,
    );
    return { ...result, warnings };
  }
  return parsedOk(value, warnings, skipped, 'piadm list');
}

// smartos-live piadm.sh: `BOOT IMAGE` since 2020; the first releases (2020Q1) printed `BOOT BITS?` in its place.
const HEADER = /^PI STAMP\s+BOOTABLE FILESYSTEM\s+(?:BOOT IMAGE|BOOT BITS\?)\s+NOW\s+NEXT\s*$/;

function isYesNo(text: string | undefined): boolean {
  return text === 'yes' || text === 'no';
}
