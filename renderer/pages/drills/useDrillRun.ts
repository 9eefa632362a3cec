// The live drill runs from the engine and the calls that move one on. Every
// call answers with the run folded from its event log after the append, so
// what this shows as done is already in the store; a reload asks for the
// live runs again and resumes where they were.
import { useCallback, useEffect, useState } from 'react';
import type { CallResult, DrillRunView } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';

export type StepAction = 'start' | 'done' | 'failed' | 'skipped' | 'run' | 'change';

export interface DrillRunControls {
  liveRuns: DrillRunView[];
  run: DrillRunView | null;
  error: string | null;
  busy: boolean;
  open(runId: string | null): void;
  start(plan: string, occurrence: string | null, by: string): Promise<void>;
  step(step: number, action: StepAction, note: string, typedTarget: string | null): Promise<void>;
  handOver(to: string, note: string): Promise<void>;
  abort(reason: string): Promise<void>;
  finish(rpoMinutes: number | null, actions: string[]): Promise<void>;
}

export function useDrillRun(): DrillRunControls {
  const [liveRuns, setLiveRuns] = useState<DrillRunView[]>([]);
  const [run, setRun] = useState<DrillRunView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refreshLive = useCallback(() => {
    void getOpsDeck()
      ?.drills.liveRuns({})
      .then((result) => (result.ok ? setLiveRuns(result.value) : setError(result.error.message)));
  }, []);
  useEffect(refreshLive, [refreshLive]);

  const apply = useCallback(
    async (call: () => Promise<CallResult<DrillRunView>> | undefined) => {
      setBusy(true);
      try {
        const result = await call();
        if (!result) return;
        if (result.ok) {
          setRun(result.value);
          setError(null);
        } else setError(result.error.message);
      } finally {
        setBusy(false);
        refreshLive();
      }
    },
    [refreshLive],
  );

  const open = useCallback(
    (runId: string | null) => {
      setError(null);
      if (runId === null) {
        setRun(null);
        refreshLive();
        return;
      }
      void apply(() => getOpsDeck()?.drills.run({ runId }));
    },
    [apply, refreshLive],
  );

  const by = run?.lead ?? '';
  const runId = run?.runId ?? '';
  return {
    liveRuns,
    run,
    error,
    busy,
    open,
    start: (plan, occurrence, starter) => apply(() => getOpsDeck()?.drills.startRun({ plan, occurrence, by: starter })),
    step: (step, action, note, typedTarget) => apply(() => getOpsDeck()?.drills.runStep({ runId, step, action, note, typedTarget, by })),
    handOver: (to, note) => apply(() => getOpsDeck()?.drills.handOver({ runId, to, note, by })),
    abort: (reason) => apply(() => getOpsDeck()?.drills.abortRun({ runId, reason, by })),
    finish: (rpoMinutes, actions) => apply(() => getOpsDeck()?.drills.finishRun({ runId, rpoMinutes, actions, by })),
  };
}
