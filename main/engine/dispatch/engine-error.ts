// A typed error thrown inside the engine; the dispatcher turns it into a
// ContractError the UI can show. The message is for an operator: it says
// what failed, where, and what to do.
import type { ContractErrorCode } from '../../../preload/contract';

export class EngineError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
