// The team store could not be used as asked (unreachable, refused, another
// application's database, a schema of another version): the operator's
// input or setup, said in words; a CLI exits 2, not "internal error".
export class TeamStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TeamStoreError';
  }
}
