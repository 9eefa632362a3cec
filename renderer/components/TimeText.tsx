// A timestamp as a <time> element: ISO-order text, the precise instant with its UTC offset in the title.
import { dateTimeText, dateTimeWithZone } from './date-text';

/** A timestamp like the one above, as a <time> element with its precise title. */
export function TimeText({ iso }: { iso: string | null | undefined }) {
  return iso ? (
    <time dateTime={iso} title={dateTimeWithZone(iso)}>
      {dateTimeText(iso)}
    </time>
  ) : (
    <>—</>
  );
}
