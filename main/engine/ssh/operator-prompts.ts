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

/** One unknown key of a batch: which server offered it, and every host of the scan it stands in front of. */
export interface HostKeyBatchKey {
  /** unknownHostKeyId of the key: what an answer names. */
  id: string;
  label: string;
  address: string;
  port: number;
  keyType: string;
  fingerprint: string;
  /** The scanned hosts that cannot be reached until this key is accepted (the server itself included when scanned). */
  hosts: string[];
}

/** All the unknown keys a scan met at one site, asked about together before it connects. */
export interface HostKeyBatch {
  site: string;
  siteName: string;
  keys: HostKeyBatchKey[];
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
  /** The ids of the keys accepted; absent: each key is asked with confirmUnknownHostKey. */
  confirmUnknownHostKeys?(batch: HostKeyBatch): Promise<string[]>;
  keyboardInteractive(question: KeyboardInteractiveQuestion): Promise<string[] | null>;
  keyPassphrase(question: PassphraseQuestion): Promise<{ passphrase: string; remember: boolean } | null>;
}
