// An error about one file the engine keeps or reads (the audit log, a
// known_hosts file): the file's path, a stable code the contract boundary
// passes on, and a message saying what the operator can do about it.
export abstract class FileError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    readonly path: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
