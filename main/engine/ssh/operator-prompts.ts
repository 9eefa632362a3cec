// What the transport may ask an operator. The transport never opens UI: it
// asks through this interface, and the engine routes the question to the
// front end that is attached (the window, the CLI, a test).
export interface HostKeyQuestion {
  label: string;
  address: string;
  port: number;
  keyType: string;
  fingerprint: string;
}

export interface KeyboardInteractiveQuestion {
  label: string;
  name: string;
  instructions: string;
  prompts: { prompt: string; echo: boolean }[];
}

export interface PassphraseQuestion {
  label: string;
  identityFile: string;
}

export interface OperatorPrompter {
  confirmUnknownHostKey(question: HostKeyQuestion): Promise<boolean>;
  keyboardInteractive(question: KeyboardInteractiveQuestion): Promise<string[] | null>;
  keyPassphrase(question: PassphraseQuestion): Promise<{ passphrase: string; remember: boolean } | null>;
}
