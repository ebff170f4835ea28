import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallInput, CallName, CallOutput } from '../../../shared/common/api/contract';
import type { StudioErrorData } from '../../../shared/common/api/define';
import { callStudio, CallError } from '../bridge';

export interface CallState<T> {
  data: T | null;
  error: StudioErrorData | null;
  loading: boolean;
}

export function toErrorData(err: unknown): StudioErrorData {
  if (err instanceof CallError) return err.data;
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/**
 * A read-only call bound to a component (lists, history, status). `input` null = do not call.
 * Results of superseded requests are dropped. `reload()` calls again.
 */
export function useCall<N extends CallName>(name: N, input: CallInput<N> | null): CallState<CallOutput<N>> & { reload(): void } {
  const [state, setState] = useState<CallState<CallOutput<N>>>({ data: null, error: null, loading: input !== null });
  const [tick, setTick] = useState(0);
  const key = input === null ? null : JSON.stringify(input);
  const seq = useRef(0);
  useEffect(() => {
    if (key === null) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    callStudio(name, JSON.parse(key) as CallInput<N>).then(
      (data) => {
        if (mine === seq.current) setState({ data, error: null, loading: false });
      },
      (err: unknown) => {
        if (mine === seq.current) setState({ data: null, error: toErrorData(err), loading: false });
      },
    );
  }, [name, key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
