// What a host page gets of each raw output: its first bytes and its size,
// never a whole 16 MiB answer (the bridge and the page would carry it all);
// the rest is paged from the store (host.rawOutputPage).
import type { HostScanDetail, RawOutputView } from '../../../preload/contract';
import { OUTPUT_PREVIEW_BYTES } from '../store/scan-store';

export function withOutputPreviews(detail: HostScanDetail, maxBytes = OUTPUT_PREVIEW_BYTES): HostScanDetail {
  return { ...detail, outputs: detail.outputs.map((output) => outputPreview(output, maxBytes)) };
}

function outputPreview(output: RawOutputView, maxBytes: number): RawOutputView {
  const stdoutBytes = output.stdoutBytes ?? Buffer.byteLength(output.stdout);
  const stderrBytes = output.stderrBytes ?? Buffer.byteLength(output.stderr);
  const sized = { ...output, stdoutBytes, stderrBytes };
  // A string of n UTF-16 units never encodes to fewer than n bytes: short ones need no measuring.
  if (output.stdout.length <= maxBytes / 3 || stdoutBytes <= maxBytes) return { ...sized, stderr: firstBytes(output.stderr, maxBytes) };
  return { ...sized, stdout: firstBytes(output.stdout, maxBytes), stderr: firstBytes(output.stderr, maxBytes), stdoutShownBytes: maxBytes };
}

function firstBytes(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes) return text;
  const bytes = Buffer.from(text, 'utf8');
  return bytes.length <= maxBytes ? text : bytes.subarray(0, maxBytes).toString('utf8');
}
