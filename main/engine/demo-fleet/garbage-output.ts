// What a host with the garbage-output fault prints instead of the real
// output: random bytes, the real text with invalid UTF-8 spliced in, or JSON
// cut off mid-document — deterministic per host and command.
import type { CommandAnswer } from './profiles/command-answer';
import { hashBytes, hashUint } from './seeded-hash';

const INVALID_UTF8 = [Buffer.from([0xff, 0xfe]), Buffer.from([0xc3, 0x28]), Buffer.from([0xe2, 0x82]), Buffer.from([0xf0, 0x28, 0x8c, 0xbc])];

function randomBytes(length: number, ...seed: string[]): Buffer {
  const blocks: Buffer[] = [];
  for (let block = 0; blocks.length * 32 < length; block++) blocks.push(hashBytes(...seed, block));
  return Buffer.concat(blocks).subarray(0, length);
}

export function garbageAnswer(hostName: string, invocation: string, real: CommandAnswer): CommandAnswer {
  const stdout = real.stdout;
  const first = stdout.subarray(0, 1).toString();
  const mode = hashUint(hostName, invocation, 'garbage-mode') % 3;
  let garbage: Buffer;
  if ((first === '{' || first === '[') && mode !== 0) {
    // Truncated JSON: stops between 30 % and 70 % of the document.
    const cut = Math.max(1, Math.floor(stdout.length * (0.3 + (hashUint(hostName, invocation, 'cut') % 40) / 100)));
    garbage = stdout.subarray(0, cut);
  } else if (mode === 1 && stdout.length > 0) {
    const parts: Buffer[] = [];
    const step = Math.max(8, Math.floor(stdout.length / 6));
    for (let at = 0, index = 0; at < stdout.length; at += step, index++) {
      parts.push(stdout.subarray(at, at + step), INVALID_UTF8[index % INVALID_UTF8.length]!);
    }
    garbage = Buffer.concat(parts);
  } else {
    garbage = randomBytes(256 + (hashUint(hostName, invocation, 'length') % 1792), hostName, invocation);
  }
  return { stdout: garbage, stderr: real.stderr, exitCode: 0 };
}
