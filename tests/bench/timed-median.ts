// The timing every synchronous benchmark uses: the median of `runs` timed
// calls, after one warm-up call (so JIT compilation is not measured).
export function timedMedian(runs: number, run: () => unknown): number {
  run();
  const times: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
