// Reads a file the operator named (an inventory, an Ansible inventory, a
// group mapping, settings) with a bound on its size, checked while reading:
// /dev/zero, a FIFO that never ends or a multi-gigabyte file given by
// mistake is refused with its name instead of filling memory.
import { open } from 'node:fs/promises';

/** Inventories are text; one this large is almost certainly the wrong file. */
export const MAX_OPERATOR_FILE_BYTES = 16 * 1024 * 1024;

export class FileTooLargeError extends Error {
  readonly code = 'EFBIG';
  constructor(
    readonly path: string,
    readonly maxBytes: number,
  ) {
    super(`${path} is larger than ${maxBytes} bytes (or endless, like /dev/zero); it cannot be the right file`);
    this.name = 'FileTooLargeError';
  }
}

/** The file's bytes; throws FileTooLargeError past maxBytes, or the fs error (ENOENT, EISDIR, …). */
export async function readBoundedFile(path: string, maxBytes = MAX_OPERATOR_FILE_BYTES): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - total));
      const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw new FileTooLargeError(path, maxBytes);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await file.close();
  }
}

export async function readBoundedText(path: string, maxBytes = MAX_OPERATOR_FILE_BYTES): Promise<string> {
  return (await readBoundedFile(path, maxBytes)).toString('utf8');
}
