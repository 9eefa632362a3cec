// Performance marks for "from this moment until the result is on screen".
// requestAnimationFrame runs just before the frame that shows the commit is
// painted; a message posted from it is delivered after that paint, so the
// end mark includes style, layout and paint, not only React's work.
export function measureUntilPainted(startMark: string, endMark: string, measureName: string): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      performance.mark(endMark);
      try {
        performance.measure(measureName, startMark, endMark);
      } catch {
        // The start mark was cleared (a benchmark reset between runs): nothing to measure.
      }
    };
    channel.port2.postMessage(null);
  });
}
