// Runs one contract call: finds the handler, validates the input with the
// contract's schema, and turns every outcome into a CallResult. Never throws,
// never leaks a stack trace across the boundary.
import { methods, type CallResult, type MethodName, type MethodParsedInput, type MethodResult } from '../../../preload/contract';
import { EngineError } from './engine-error';
import { errorMessage } from '../errors/error-message';

export type HandlerTable = {
  [M in MethodName]: (input: MethodParsedInput<M>) => Promise<MethodResult<M>> | MethodResult<M>;
};

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}

export async function dispatchCall(handlers: HandlerTable, name: unknown, rawInput: unknown): Promise<CallResult<unknown>> {
  if (!isMethodName(name)) {
    return { ok: false, error: { code: 'unknown-method', message: `unknown method ${JSON.stringify(String(name)).slice(0, 80)}` } };
  }
  const parsed = methods[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(input)',
      message: issue.message,
    }));
    const first = issues[0];
    return {
      ok: false,
      error: {
        code: 'invalid-input',
        message: `${name}: invalid input${first ? ` at ${first.path}: ${first.message}` : ''}`,
        issues,
      },
    };
  }
  try {
    const handler = handlers[name] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value: value ?? null };
  } catch (error) {
    return { ok: false, error: toContractError(name, error) };
  }
}

function toContractError(name: MethodName, error: unknown): { code: EngineError['code']; message: string } {
  if (error instanceof EngineError) return { code: error.code, message: error.message };
  const message = errorMessage(error);
  return { code: 'failed', message: `${name} failed: ${message}` };
}
