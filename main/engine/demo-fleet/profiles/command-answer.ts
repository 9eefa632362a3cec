// One command's result as the host would send it: bytes on stdout and
// stderr and an exit status. Kept as Buffers so answering costs no encoding.
import type { DemoOs } from '../demo-fleet-spec';

export interface CommandAnswer {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number;
}

const EMPTY = Buffer.alloc(0);

export function answer(stdout: string, stderr = '', exitCode = 0): CommandAnswer {
  return {
    stdout: stdout ? Buffer.from(stdout) : EMPTY,
    stderr: stderr ? Buffer.from(stderr) : EMPTY,
    exitCode,
  };
}

export function failure(stderr: string, exitCode: number): CommandAnswer {
  return answer('', stderr, exitCode);
}

/** The login shell's message for a missing program (dash on Debian, sh on SmartOS). */
export function commandNotFound(os: DemoOs, tool: string): CommandAnswer {
  return failure(os === 'debian' ? `sh: 1: ${tool}: not found\n` : `sh: ${tool}: not found\n`, 127);
}

export function noSuchFile(tool: 'cat' | 'tail', path: string): CommandAnswer {
  return tool === 'cat' ? failure(`cat: ${path}: No such file or directory\n`, 1) : failure(`tail: cannot open '${path}' for reading: No such file or directory\n`, 1);
}

export const SUDO_PASSWORD_REQUIRED: CommandAnswer = failure('sudo: a password is required\n', 1);
