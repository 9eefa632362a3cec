// The authentication sequence for one endpoint, as an ssh2 authHandler:
// ssh-agent, then the identity file (its passphrase from the OS keychain or
// asked once), then keyboard-interactive relayed to the operator. Answers
// are never stored, except a passphrase the operator asked to remember.
import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import { passphraseAccount, type SecretStore } from '../secrets/secret-store';
import type { OperatorPrompter } from './operator-prompts';
import type { SshEndpoint } from './ssh-route';

type AuthAttempt = Record<string, unknown> & { type: string; username: string };
type NextAuth = (attempt: AuthAttempt | false) => void;

export interface AuthDependencies {
  prompter: OperatorPrompter;
  secrets: SecretStore;
  agentSocket?: string;
  defaultIdentityFiles: string[];
}

export interface AuthTrail {
  /** What was offered, for the failure message: "agent", a key path, "keyboard-interactive". */
  offered: string[];
}

export function authHandlerFor(endpoint: SshEndpoint, deps: AuthDependencies, trail: AuthTrail) {
  const steps: (() => Promise<AuthAttempt | null>)[] = [];
  if (deps.agentSocket) steps.push(async () => ({ type: 'agent', username: endpoint.user, agent: deps.agentSocket }));
  const identities = endpoint.identityFile ? [endpoint.identityFile] : deps.defaultIdentityFiles;
  for (const file of identities) steps.push(() => keyAttempt(endpoint, file, deps));
  steps.push(async () => ({
    type: 'keyboard-interactive',
    username: endpoint.user,
    prompt: (name: string, instructions: string, _lang: string, prompts: { prompt: string; echo?: boolean }[], finish: (answers: string[]) => void) => {
      void deps.prompter.keyboardInteractive({ label: endpoint.label, name, instructions, prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo === true })) }).then(
        (answers) => finish(answers ?? prompts.map(() => '')),
        () => finish(prompts.map(() => '')),
      );
    },
  }));

  let index = 0;
  return (methodsLeft: string[] | null, _partial: boolean | null, next: NextAuth): void => {
    const tryNext = async (): Promise<void> => {
      while (index < steps.length) {
        const step = steps[index++]!;
        const attempt = await step().catch(() => null);
        if (!attempt) continue;
        const method = attempt.type === 'agent' ? 'publickey' : attempt.type;
        if (methodsLeft && !methodsLeft.includes(method)) continue;
        trail.offered.push(attempt.type === 'publickey' ? String(attempt.source) : attempt.type);
        next(attempt);
        return;
      }
      next(false);
    };
    void tryNext();
  };
}

async function keyAttempt(endpoint: SshEndpoint, file: string, deps: AuthDependencies): Promise<AuthAttempt | null> {
  let key: Buffer;
  try {
    key = await readFile(file);
  } catch {
    return null;
  }
  const plain = ssh2.utils.parseKey(key);
  if (!(plain instanceof Error)) return { type: 'publickey', username: endpoint.user, key, source: file };
  if (!/passphrase/i.test(plain.message)) return null;
  const account = passphraseAccount(file);
  const stored = await deps.secrets.get(account).catch(() => null);
  if (stored !== null) {
    if (!(ssh2.utils.parseKey(key, stored) instanceof Error)) return { type: 'publickey', username: endpoint.user, key, passphrase: stored, source: file };
    await deps.secrets.delete(account).catch(() => false);
  }
  const answer = await deps.prompter.keyPassphrase({ label: endpoint.label, identityFile: file });
  if (!answer) return null;
  if (ssh2.utils.parseKey(key, answer.passphrase) instanceof Error) return null;
  if (answer.remember) await deps.secrets.set(account, answer.passphrase).catch(() => undefined);
  return { type: 'publickey', username: endpoint.user, key, passphrase: answer.passphrase, source: file };
}
