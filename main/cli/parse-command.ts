// `opsdeck parse <area> --format F [FILE|-]`: parses an output collected
// from a host OpsDeck cannot reach and prints the normalized model as JSON,
// for offline evidence. Exit 0 when it parsed, 1 when the parser reported a
// problem (the status and message are in the JSON: partial, unparsed…) or
// the input is too large to read, 2 on bad usage.
import { open } from 'node:fs/promises';
import { UsageError, type CliCommand, type CliIo } from './cli-io';

export interface ParseArea {
  area: string;
  formats: readonly string[];
  parse(format: string, text: string): unknown;
}

export function parseCommand(area: ParseArea): CliCommand {
  return {
    name: `parse ${area.area}`,
    summary: `parse saved ${area.area} output (${area.formats.join(', ')}) and print it as JSON`,
    usage: `opsdeck parse ${area.area} --format ${area.formats.join('|')} [FILE|-]`,
    accepts: { values: ['--format'] },
    async run(args, io) {
      const format = args.value('--format');
      if (!format || !area.formats.includes(format)) throw new UsageError(`--format must be one of ${area.formats.join(', ')}`);
      const [file = '-', ...extra] = args.positionals();
      if (extra.length > 0) throw new UsageError('give at most one file');
      const input = await readInput(file, io);
      if (input.kind === 'unreadable') return 2;
      if (input.kind === 'too-large') {
        io.stderr.write(
          `opsdeck parse ${area.area}: ${file === '-' ? 'the input' : file} is more than ${MAX_INPUT_BYTES / 1024 / 1024} MB, more than any command's output OpsDeck reads; refused as too large\n`,
        );
        return 1;
      }
      const parsed = area.parse(format, input.text);
      let json: string;
      try {
        json = JSON.stringify(parsed, null, 2);
      } catch (error) {
        // V8 caps a string near 512 MB: a model that large cannot be printed, which is not a usage error.
        if (!(error instanceof RangeError)) throw error;
        io.stderr.write(`opsdeck parse ${area.area}: the parsed result is too large to print as JSON (${error.message}); refused as too large\n`);
        return 1;
      }
      io.stdout.write(`${json}\n`);
      const status = (parsed as { status?: unknown } | null)?.status;
      return status === undefined || status === 'ok' ? 0 : 1;
    },
  };
}

/**
 * The largest bound any parser has (nft -j, nft-json.ts): a bigger input is
 * refused before it is read, so no file can exhaust memory here.
 */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

type Input = { kind: 'text'; text: string } | { kind: 'too-large' } | { kind: 'unreadable' };

async function readInput(file: string, io: CliIo): Promise<Input> {
  if (file === '-') return readBounded(process.stdin);
  try {
    const handle = await open(file, 'r');
    try {
      return await readBounded(handle.createReadStream());
    } finally {
      await handle.close();
    }
  } catch (error) {
    io.stderr.write(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return { kind: 'unreadable' };
  }
}

async function readBounded(stream: AsyncIterable<unknown>): Promise<Input> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += (chunk as Buffer).length;
    if (bytes > MAX_INPUT_BYTES) return { kind: 'too-large' };
    chunks.push(chunk as Buffer);
  }
  return { kind: 'text', text: Buffer.concat(chunks).toString('utf8') };
}
