// `opsdeck parse <area> --format F [FILE|-]`: parses an output collected
// from a host OpsDeck cannot reach and prints the normalized model as JSON,
// for offline evidence. Exit 0 when it parsed, 1 when the parser reported a
// problem (the status and message are in the JSON), 2 on bad usage.
import { readFile } from 'node:fs/promises';
import { optionValue, positionals, rejectUnknownOptions } from './cli-args';
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
    async run(args, io) {
      rejectUnknownOptions(args, ['--format'], []);
      const format = optionValue(args, '--format');
      if (!format || !area.formats.includes(format)) throw new UsageError(`--format must be one of ${area.formats.join(', ')}`);
      const [file = '-', ...extra] = positionals(args, ['--format']);
      if (extra.length > 0) throw new UsageError('give at most one file');
      const text = await readInput(file, io);
      if (text === null) return 2;
      const parsed = area.parse(format, text);
      io.stdout.write(`${JSON.stringify(parsed, null, 2)}\n`);
      const status = (parsed as { status?: unknown } | null)?.status;
      return status === undefined || status === 'ok' ? 0 : 1;
    },
  };
}

async function readInput(file: string, io: CliIo): Promise<string | null> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    io.stderr.write(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return null;
  }
}
