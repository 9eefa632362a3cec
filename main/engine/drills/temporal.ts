// The one place OpsDeck takes Temporal from: temporal-polyfill (Node 20 and
// Electron 41's Node have no Temporal of their own). rrule-temporal is given
// the same implementation, so its occurrences and ours compare and convert
// without mixing two Temporal classes.
import { Temporal } from 'temporal-polyfill';

export { Temporal };
export type ZonedDateTime = Temporal.ZonedDateTime;

/** True when `zone` is an IANA time zone this runtime knows. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    Temporal.Now.zonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}
