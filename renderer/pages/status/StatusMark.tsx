// A control status: mark, word and colour together.
import type { ControlStatus } from '../../../preload/contract';
import { STATUS_WORDS } from '../../components/report/status-words';

export function StatusMark({ status }: { status: ControlStatus }) {
  const words = STATUS_WORDS[status];
  return (
    <span className={`control-status status-${status}`} data-status={status}>
      <span aria-hidden="true">{words.mark}</span> {words.text}
    </span>
  );
}
