// Text a PostgreSQL text or jsonb value can hold. Postgres refuses NUL in
// text ("invalid byte sequence") and jsonb ("unsupported Unicode escape
// sequence"), and an unpaired UTF-16 surrogate is not UTF-8 at all: one
// hostile byte in a host's output would otherwise make its whole result
// unstorable. Such characters are written as the visible escape `\u0000`
// (`\ud800`…) in facts, findings and reasons; the exact bytes the host sent
// are kept unchanged in command_outputs (bytea).
import { errorMessage } from '../errors/error-message';

// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function storableText(text: string): string {
  return text.replace(UNSTORABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function storableNullableText(text: string | null): string | null {
  return text === null ? null : storableText(text);
}

// In JSON text, NUL and unpaired surrogates appear only as \u escapes
// (JSON.stringify writes them so); an escaped backslash is skipped as a whole.
const UNSTORABLE_ESCAPE = /\\\\|\\u(?:0000|d[89ab][0-9a-f]{2}(?!\\ud[c-f])|d[c-f][0-9a-f]{2})/gi;

/**
 * JSON for a jsonb column: NUL and unpaired surrogates become the text
 * `\u0000` inside their string. A value too large to serialise throws a
 * RangeError naming what it was.
 */
export function storableJson(value: unknown, what: string): string {
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new RangeError(`${what} cannot be serialised for the store: ${errorMessage(error)}`);
  }
  return json.replace(UNSTORABLE_ESCAPE, (escape) => (escape === '\\\\' ? escape : `\\${escape}`));
}
