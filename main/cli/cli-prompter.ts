// Answers the transport's questions on the command line. Unknown host keys
// are refused unless --accept-new was given (then accepted and printed);
// keyboard-interactive prompts and passphrases are asked on the terminal
// when there is one, never echoed for secret prompts, never stored.
import { createInterface } from 'node:readline';
import type { OperatorPrompter } from '../engine/ssh/operator-prompts';
import { printable } from './text-table';

export interface CliPrompterOptions {
  acceptNewHostKeys: boolean;
  stderr: { write(text: string): unknown };
  input?: NodeJS.ReadStream;
}

export function cliPrompter(options: CliPrompterOptions): OperatorPrompter {
  const input = options.input ?? process.stdin;
  const interactive = Boolean(input.isTTY);
  return {
    confirmUnknownHostKey: async (question) => {
      const where = `${printable(question.label)} (${question.address}:${question.port})`;
      if (options.acceptNewHostKeys) {
        options.stderr.write(`accepting new host key for ${where}: ${question.keyType} ${question.fingerprint}\n`);
        return true;
      }
      options.stderr.write(
        `unknown host key for ${where}: ${question.keyType} ${question.fingerprint}; refused (verify it, then run again with --accept-new)\n`,
      );
      return false;
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
