// A time zone's UTC offsets as a sorted table of transitions, read once from
// Temporal's tz data (getTimeZoneTransition) and kept per zone, so turning a
// wall-clock time into an instant is a binary search instead of a Temporal
// object. The table grows in ten-year steps as later or earlier times are
// asked for.
import { Temporal } from './temporal';

const HOUR_MS = 3_600_000;
const DECADE_MS = 10 * 365.25 * 24 * HOUR_MS;

export interface ZoneOffsets {
  /** The offset (ms east of UTC) in force at `epochMs`. */
  offsetAt(epochMs: number): number;
  /**
   * The instant a local wall-clock time (ms since 1970-01-01T00:00 local) names,
   * or null when it falls in a spring-forward gap; in a fall-back overlap, the
   * earlier of the two (RFC 5545 3.3.5).
   */
  instantOf(localMs: number): number | null;
}

const tables = new Map<string, ZoneTable>();

export function zoneOffsets(zone: string): ZoneOffsets {
  let table = tables.get(zone);
  if (!table) {
    table = new ZoneTable(zone);
    tables.set(zone, table);
  }
  return table;
}

class ZoneTable implements ZoneOffsets {
  private from = Number.POSITIVE_INFINITY;
  private to = Number.NEGATIVE_INFINITY;
  /** transitions[i] is an instant; offsets[i] is in force before it, offsets[i + 1] from it on. */
  private transitions: number[] = [];
  private offsets: number[] = [];

  constructor(private readonly zone: string) {}

  offsetAt(epochMs: number): number {
    if (epochMs < this.from || epochMs >= this.to) this.cover(epochMs);
    const transitions = this.transitions;
    let low = 0;
    let high = transitions.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (transitions[middle]! <= epochMs) low = middle + 1;
      else high = middle;
    }
    return this.offsets[low]!;
  }

  instantOf(localMs: number): number | null {
    // Real zones change offset at most once within a day either side.
    const before = this.offsetAt(localMs - 24 * HOUR_MS);
    const after = this.offsetAt(localMs + 24 * HOUR_MS);
    let found: number | null = null;
    for (const offset of before === after ? [before] : [before, after]) {
      const instant = localMs - offset;
      if (this.offsetAt(instant) === offset && (found === null || instant < found)) found = instant;
    }
    return found;
  }

  private cover(epochMs: number): void {
    const from = Math.min(this.from, epochMs - DECADE_MS);
    const to = Math.max(this.to, epochMs + DECADE_MS);
    const transitions: number[] = [];
    const offsets: number[] = [];
    let cursor = Temporal.Instant.fromEpochMilliseconds(Math.round(from)).toZonedDateTimeISO(this.zone);
    offsets.push(cursor.offsetNanoseconds / 1e6);
    for (;;) {
      const next = cursor.getTimeZoneTransition('next');
      if (!next || next.epochMilliseconds >= to) break;
      transitions.push(next.epochMilliseconds);
      offsets.push(next.offsetNanoseconds / 1e6);
      cursor = next;
    }
    this.from = from;
    this.to = to;
    this.transitions = transitions;
    this.offsets = offsets;
  }
}
