// A port's baseline conformance as a symbol and words, never colour alone.
import type { BaselineConformance } from '../../../preload/contract';
import { CONFORMANCE_MARK } from './exposure-marks';

export function ConformanceMark({ conformance }: { conformance: BaselineConformance }) {
  const mark = CONFORMANCE_MARK[conformance];
  return (
    <span className={`conformance conformance-${conformance}`} data-conformance={conformance}>
      <span aria-hidden="true">{mark.symbol}</span> {mark.label}
    </span>
  );
}
