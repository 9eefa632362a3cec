// The one way the engine turns a caught value into text for a person: an
// Error's message (never its stack), anything else as a string.
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
