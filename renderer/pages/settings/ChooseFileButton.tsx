// "Choose…": the app's native file dialog, through the engine. A path typed by
// hand is accepted only under the data folder (or a folder the browser
// session was started with); one chosen here is always accepted.
import { getOpsDeck } from '../../api/opsdeck';
import type { MethodInput } from '../../../preload/contract';

type Purpose = MethodInput<'fleet.chooseFile'>['purpose'];

export function ChooseFileButton(props: { purpose: Purpose; label: string; onChosen: (path: string) => void; onError: (message: string) => void }) {
  const choose = async () => {
    const result = await getOpsDeck()?.fleet.chooseFile({ purpose: props.purpose });
    if (!result) return;
    if (!result.ok) props.onError(result.error.message);
    else if (result.value.path !== null) props.onChosen(result.value.path);
  };
  return (
    <button type="button" aria-label={props.label} onClick={() => void choose()}>
      Choose…
    </button>
  );
}
