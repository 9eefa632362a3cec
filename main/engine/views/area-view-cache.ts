// Per-host views made from one area's stored document, kept by the
// document's sha256. A hash always names the same facts, so a view made once
// stays right for every later scan that stored the same facts: a page over
// 1,000 hosts reads only the documents it has not seen (after an unchanged
// scan, none) instead of decompressing every host's facts on every visit.
// Only the views the hosts' newest scans refer to are kept, so the cache
// never holds more than one view per host.
import type { PostureArea } from '../../../preload/contract';
import type { ScanStore } from '../store/scan-store';

export type AreaDocs = Pick<ScanStore, 'latestAreaRefs' | 'resultDocs'>;

export interface AreaViewRow<T> {
  host: string;
  dc: string;
  finishedAt: string;
  view: T;
}

export class AreaViewCache<T> {
  private views = new Map<string, T>();
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * `fields`: the document's top-level fields the view needs (read from the store, never the rest);
   * `view`: made once per document.
   */
  constructor(
    private readonly docs: AreaDocs,
    private readonly area: PostureArea,
    private readonly view: (facts: unknown) => T,
    private readonly fields?: readonly string[],
  ) {}

  /** Each host's view from its newest answered scan, in host order. */
  latest(): Promise<AreaViewRow<T>[]> {
    // One call at a time: a page asking while the views are made after a scan waits for them instead of reading the same documents again.
    const answer = this.queue.then(() => this.read());
    this.queue = answer.catch(() => undefined);
    return answer;
  }

  private async read(): Promise<AreaViewRow<T>[]> {
    const refs = await this.docs.latestAreaRefs(this.area);
    const known = this.views;
    const unread = [...new Set(refs.map((row) => row.ref).filter((ref) => !known.has(ref)))];
    const read = await this.docs.resultDocs(unread, this.fields);
    const kept = new Map<string, T>();
    const rows: AreaViewRow<T>[] = [];
    for (const { host, dc, finishedAt, ref } of refs) {
      if (!kept.has(ref)) {
        if (known.has(ref)) kept.set(ref, known.get(ref) as T);
        else if (read.has(ref)) kept.set(ref, this.view(read.get(ref)));
        // A document swept by retention between the two reads: that host is left out of this answer only.
        else continue;
      }
      rows.push({ host, dc, finishedAt, view: kept.get(ref) as T });
    }
    this.views = kept;
    return rows;
  }
}
