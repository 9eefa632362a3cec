// Answers the transport's questions on the command line. Unknown host keys
// are refused unless --accept-new was given (then accepted); either way each
// key is printed once, with the hosts it stands in front of;
// keyboard-interactive prompts and passphrases are asked on the terminal
// when there is one, never echoed for secret prompts, never stored.
import { createInterface } from 'node:readline';
import type { HostKeyBatchKey, OperatorPrompter } from '../engine/ssh/operator-prompts';
import { printable } from './text-table';

export interface CliPrompterOptions {
  acceptNewHostKeys: boolean;
  stderr: { write(text: string): unknown };
  input?: NodeJS.ReadStream;
}

/** The prompter, and the hosts it already named under a refused key (the progress lines need not repeat why). */
export function cliPrompter(options: CliPrompterOptions): OperatorPrompter & { namedAsBlocked: Set<string> } {
  const input = options.input ?? process.stdin;
  const interactive = Boolean(input.isTTY);
  const namedAsBlocked = new Set<string>();
  return {
    namedAsBlocked,
    confirmUnknownHostKey: async (question) => {
      const where = `${printable(question.label)} (${question.address}:${question.port})`;
      if (options.acceptNewHostKeys) {
        options.stderr.write(`accepting new host key for ${where}: ${question.keyType} ${question.fingerprint}\n`);
        return true;
      }
      options.stderr.write(`unknown host key for ${where}: ${question.keyType} ${question.fingerprint}; refused (verify it, then run again with --accept-new)\n`);
      return false;
    },
    confirmUnknownHostKeys: async (batch) => {
      for (const key of batch.keys) {
        options.stderr.write(hostKeyLines(key, options.acceptNewHostKeys));
        if (!options.acceptNewHostKeys) for (const host of key.hosts) namedAsBlocked.add(host);
      }
      return options.acceptNewHostKeys ? batch.keys.map((key) => key.id) : [];
    },
    keyboardInteractive: async (question) => {
      if (!interactive) {
        options.stderr.write(`${printable(question.label)} asks for keyboard-interactive input, but there is no terminal to ask on\n`);
        return null;
      }
      if (question.instructions) options.stderr.write(`${printable(question.instructions)}\n`);
      const answers: string[] = [];
      for (const prompt of question.prompts) answers.push(await ask(input, options.stderr, `${printable(question.label)}: ${printable(prompt.prompt)}`, !prompt.echo));
      return answers;
    },
    keyPassphrase: async (question) => {
      if (!interactive) {
        options.stderr.write(`the key ${question.identityFile} needs a passphrase, but there is no terminal to ask on\n`);
        return null;
      }
      const passphrase = await ask(input, options.stderr, `passphrase for ${question.identityFile}: `, true);
      return { passphrase, remember: false };
    },
  };
}

const HOSTS_NAMED = 10;

function hostKeyLines(key: HostKeyBatchKey, accept: boolean): string {
  const where = `${printable(key.label)} (${key.address}:${key.port})`;
  const first = accept
    ? `accepting new host key for ${where}: ${key.keyType} ${key.fingerprint}`
    : `unknown host key for ${where}: ${key.keyType} ${key.fingerprint}; refused (verify it, then run again with --accept-new)`;
  const others = key.hosts.filter((host) => host !== key.label);
  if (others.length === 0) return `${first}\n`;
  const named = others.slice(0, HOSTS_NAMED).map(printable).join(', ');
  const more = others.length > HOSTS_NAMED ? ` and ${others.length - HOSTS_NAMED} more` : '';
  return `${first}\n  ${accept ? 'in front of' : 'it blocks'} ${others.length} ${others.length === 1 ? 'host' : 'hosts'}: ${named}${more}\n`;
}

function ask(input: NodeJS.ReadStream, output: { write(text: string): unknown }, prompt: string, secret: boolean): Promise<string> {
  return new Promise((resolve) => {
    output.write(prompt);
    const readline = createInterface({ input, terminal: true, output: secret ? undefined : process.stderr });
    readline.question('', (answer) => {
      readline.close();
      if (secret) output.write('\n');
      resolve(answer);
    });
  });
}
