// One occurrence shown three ways, as the schedule preview needs it: in the
// viewer's zone, in the site's zone and in UTC, each with its offset so two
// readings of "02:30" are never confused.
import { Temporal } from './temporal';

export interface OccurrenceTimes {
  /** ISO 8601 instant, for sorting and JSON. */
  instant: string;
  utc: string;
  site: string;
  viewer: string;
}

/** `2027-03-14 03:30 -04:00 America/New_York` */
export function wallClock(instant: Temporal.Instant, zone: string): string {
  const local = instant.toZonedDateTimeISO(zone);
  return `${local.toPlainDate().toString()} ${local.toPlainTime().toString({ smallestUnit: 'minute' })} ${local.offset} ${zone}`;
}

export function occurrenceTimes(instantIso: string, siteZone: string, viewerZone: string): OccurrenceTimes {
  const instant = Temporal.Instant.from(instantIso);
  return { instant: instant.toString(), utc: wallClock(instant, 'UTC'), site: wallClock(instant, siteZone), viewer: wallClock(instant, viewerZone) };
}
