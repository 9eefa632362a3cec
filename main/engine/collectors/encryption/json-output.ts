// What the encryption tools that print JSON (lsblk -J, findmnt -J, sysinfo)
// share once their exit status is judged: output no tool prints is refused,
// output that is not JSON is unparsed, anything else is the document.
import { errorMessage } from '../../errors/error-message';
import { parsedFailure, refuseInput, type Parsed } from '../parse-result';

export type JsonOutput = { document: unknown } | { failure: Parsed<never> };

/** `tool` names it in the "not JSON" message, `command` in a refusal. */
export function readJsonOutput(stdout: string, tool: string, command: string): JsonOutput {
  const refused = refuseInput(stdout, command);
  if (refused) return { failure: refused };
  try {
    return { document: JSON.parse(stdout) as unknown };
  } catch (error) {
    return { failure: parsedFailure('unparsed', `${tool} output is not JSON: ${errorMessage(error).slice(0, 200)}`) };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
