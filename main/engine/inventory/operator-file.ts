// An operator's YAML file (the inventory, the drill plans) read from disk:
// bounded while reading, so an endless or huge file is refused by name, and
// every read error said in words as a problem at its line 1, column 1. Plus
// LastGood, which a running app keeps so that a broken edit of the file
// shows its problems without replacing the version in use.
import { errorMessage } from '../errors/error-message';
import type { InventoryProblem } from './inventory-problem';
import { FileTooLargeError, MAX_OPERATOR_FILE_BYTES, readBoundedFile } from './read-bounded-file';

export type OperatorFileText = { ok: true; text: string } | { ok: false; problems: InventoryProblem[] };

/** `what` names the file in messages ("inventory", "drill plans"); `missingHint` follows "no such file". */
export async function readOperatorFile(path: string, what: string, options: { maxBytes?: number; missingHint?: string } = {}): Promise<OperatorFileText> {
  const maxBytes = options.maxBytes ?? MAX_OPERATOR_FILE_BYTES;
  try {
    return { ok: true, text: (await readBoundedFile(path, maxBytes)).toString('utf8') };
  } catch (error) {
    const reason = readErrorReason(error, what, maxBytes, options.missingHint);
    return { ok: false, problems: [{ file: path, line: 1, column: 1, message: `cannot read the ${what} file ${path}: ${reason}` }] };
  }
}

function readErrorReason(error: unknown, what: string, maxBytes: number, missingHint: string | undefined): string {
  if (error instanceof FileTooLargeError) {
    return `it is larger than ${maxBytes} bytes (or endless, like /dev/zero); a ${what} file is expected to be far smaller (is this the right file?)`;
  }
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return missingHint ? `no such file (${missingHint})` : 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (check the file mode and owner)';
    case 'EISDIR':
      return 'it is a folder, not a file';
    default:
      return errorMessage(error);
  }
}

type ParseOutcome = { ok: true; warnings: InventoryProblem[] } | { ok: false; problems: InventoryProblem[] };

/**
 * The last version that parsed, and the problems of the latest attempt.
 * `update` replaces the version in use only when the new result is ok.
 */
export class LastGood<T, R extends ParseOutcome> {
  #current: T | null = null;
  #warnings: InventoryProblem[] = [];
  #lastProblems: InventoryProblem[] = [];

  constructor(private readonly valueOf: (result: Extract<R, { ok: true }>) => T) {}

  /** The version in use: the last one that parsed, or null before any did. */
  get current(): T | null {
    return this.#current;
  }

  /** Warnings of the version in use. */
  get warnings(): InventoryProblem[] {
    return this.#warnings;
  }

  /** Problems of the latest update; empty when it parsed. */
  get lastProblems(): InventoryProblem[] {
    return this.#lastProblems;
  }

  /** True when the file on disk is broken and `current` is an older, good version. */
  get stale(): boolean {
    return this.#current !== null && this.#lastProblems.length > 0;
  }

  /** Returns true when the version in use was replaced. */
  update(result: R): boolean {
    if (!result.ok) {
      this.#lastProblems = result.problems;
      return false;
    }
    this.#current = this.valueOf(result as Extract<R, { ok: true }>);
    this.#warnings = result.warnings;
    this.#lastProblems = [];
    return true;
  }
}
