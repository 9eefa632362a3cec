import { expect, test } from 'vitest';
import { AreaViewCache, type AreaDocs } from '../../../main/engine/views/area-view-cache';

/** A store whose hosts' newest documents can be changed between calls, recording which documents were read. */
function storeOf(initial: Record<string, string>) {
  const newest = new Map(Object.entries(initial));
  const documents = new Map<string, unknown>([
    ['d1', { port: 22 }],
    ['d2', { port: 25 }],
    ['d3', { port: 993 }],
  ]);
  const reads: string[][] = [];
  const docs: AreaDocs = {
    latestAreaRefs: async () => [...newest].map(([host, ref]) => ({ host, dc: 'nj', finishedAt: '2026-12-06T00:00:00.000Z', ref })),
    resultDocs: async (refs) => {
      reads.push([...refs]);
      return new Map(refs.filter((ref) => documents.has(ref)).map((ref) => [ref, documents.get(ref)]));
    },
  };
  return { docs, newest, documents, reads };
}

test('each stored document is read and made into a view once; a host whose document changed is read again, alone', async () => {
  const { docs, newest, reads } = storeOf({ 'a.nj': 'd1', 'b.nj': 'd1', 'c.nj': 'd2' });
  const made: unknown[] = [];
  const cache = new AreaViewCache(docs, 'firewall', (facts) => {
    made.push(facts);
    return `port ${(facts as { port: number }).port}`;
  });
  const views = async () => (await cache.latest()).map(({ host, view }) => `${host}: ${view}`);
  expect(await views()).toEqual(['a.nj: port 22', 'b.nj: port 22', 'c.nj: port 25']);
  expect(reads).toEqual([['d1', 'd2']]);
  expect(made).toHaveLength(2);
  expect(await views()).toEqual(['a.nj: port 22', 'b.nj: port 22', 'c.nj: port 25']);
  expect(reads.at(-1)).toEqual([]);
  newest.set('b.nj', 'd3');
  expect(await views()).toEqual(['a.nj: port 22', 'b.nj: port 993', 'c.nj: port 25']);
  expect(reads.at(-1)).toEqual(['d3']);
  expect(made).toHaveLength(3);
});

test('only the views the newest scans refer to are kept: a document no host refers to any more is read again if it comes back', async () => {
  const { docs, newest, reads } = storeOf({ 'a.nj': 'd1' });
  const cache = new AreaViewCache(docs, 'firewall', (facts) => facts);
  await cache.latest();
  newest.set('a.nj', 'd2');
  await cache.latest();
  newest.set('a.nj', 'd1');
  expect((await cache.latest()).map((row) => row.view)).toEqual([{ port: 22 }]);
  expect(reads).toEqual([['d1'], ['d2'], ['d1']]);
});

test('a document swept between the two reads leaves only its host out, and a view of null (facts of another shape) is kept, not read again', async () => {
  const { docs, documents, reads } = storeOf({ 'a.nj': 'd1', 'b.nj': 'd2' });
  documents.delete('d2');
  const cache = new AreaViewCache(docs, 'encryption', (facts) => ((facts as { port: number }).port === 22 ? null : facts));
  expect(await cache.latest()).toEqual([{ host: 'a.nj', dc: 'nj', finishedAt: '2026-12-06T00:00:00.000Z', view: null }]);
  await cache.latest();
  expect(reads).toEqual([['d1', 'd2'], ['d2']]);
});

test('the fields asked for are passed to the store with every read', async () => {
  const { docs } = storeOf({ 'a.nj': 'd1' });
  const asked: (readonly string[] | undefined)[] = [];
  const cache = new AreaViewCache({ ...docs, resultDocs: async (refs, fields) => (asked.push(fields), docs.resultDocs(refs, fields)) }, 'firewall', (facts) => facts, ['os', 'exposure']);
  await cache.latest();
  expect(asked).toEqual([['os', 'exposure']]);
});

test('calls made while one is reading wait for it and read nothing again; a failed read fails only its own call', async () => {
  const { docs, reads } = storeOf({ 'a.nj': 'd1', 'b.nj': 'd2' });
  let failNext = true;
  const flaky: AreaDocs = {
    ...docs,
    resultDocs: async (refs, fields) => {
      if (failNext) {
        failNext = false;
        throw new Error('the store went away');
      }
      return docs.resultDocs(refs, fields);
    },
  };
  const cache = new AreaViewCache(flaky, 'firewall', (facts) => facts);
  const [failed, first, second] = await Promise.allSettled([cache.latest(), cache.latest(), cache.latest()]);
  expect(failed).toMatchObject({ status: 'rejected', reason: new Error('the store went away') });
  expect(first).toMatchObject({ status: 'fulfilled', value: [{ host: 'a.nj' }, { host: 'b.nj' }] });
  expect(second).toEqual(first);
  expect(reads).toEqual([['d1', 'd2'], []]);
});
