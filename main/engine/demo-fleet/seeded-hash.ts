// Deterministic "randomness" for the demo fleet: every varying value (pids,
// UUIDs, ages, which host gets a fault) is a hash of stable inputs, so two
// runs with the same spec and `now` print byte-identical outputs.
import { createHash } from 'node:crypto';

type Part = string | number;

export function hashBytes(...parts: Part[]): Buffer {
  return createHash('sha256').update(parts.join('\u0000')).digest();
}

/** Uniform 32-bit unsigned integer. */
export function hashUint(...parts: Part[]): number {
  return hashBytes(...parts).readUInt32BE(0);
}

/** Uniform in [0, 1). */
export function hashFraction(...parts: Part[]): number {
  return hashUint(...parts) / 2 ** 32;
}

/** Integer in [min, max] (inclusive). */
export function hashInt(min: number, max: number, ...parts: Part[]): number {
  return min + (hashUint(...parts) % (max - min + 1));
}

export function hashHex(length: number, ...parts: Part[]): string {
  let text = '';
  for (let block = 0; text.length < length; block++) text += hashBytes(...parts, block).toString('hex');
  return text.slice(0, length);
}

/** A version-4-shaped UUID (random-looking, stable). */
export function hashUuid(...parts: Part[]): string {
  const hex = hashHex(32, ...parts);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function hashPick<T>(items: readonly T[], ...parts: Part[]): T {
  return items[hashUint(...parts) % items.length]!;
}
