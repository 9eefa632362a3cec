// stdout/stderr for the CLI that survive the reader going away: with
// `opsdeck audit verify | head -1`, head exits after one line and the next
// write fails with EPIPE, which Node raises as an unhandled 'error' event
// (a stack trace, exit 1). Here a broken pipe only stops further output; the
// command itself runs to its end (a scan still stores every result).
export interface PipeSafeOutput {
  write(text: string): boolean;
  readonly broken: boolean;
}

interface WritableLike {
  write(text: string): boolean;
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

export function pipeSafeOutput(stream: WritableLike): PipeSafeOutput {
  let broken = false;
  // Any error on the stream (EPIPE, EIO on a closed terminal) means nobody reads it any more.
  stream.on('error', () => {
    broken = true;
  });
  return {
    write(text: string): boolean {
      if (broken) return false;
      try {
        return stream.write(text);
      } catch {
        broken = true;
        return false;
      }
    },
    get broken() {
      return broken;
    },
  };
}
