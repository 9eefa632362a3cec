// The contract's operator.* handler: the operator's answer to a question
// (host key, one-time password, passphrase) the broker is waiting on.
import type { HandlerTable } from '../dispatch/dispatch-call';
import type { UiPromptBroker } from './ui-prompt-broker';

export function operatorHandlers(broker: UiPromptBroker): Pick<HandlerTable, 'operator.answer'> {
  return {
    'operator.answer': ({ promptId, answer }) => ({ accepted: broker.answer(promptId, answer) }),
  };
}
