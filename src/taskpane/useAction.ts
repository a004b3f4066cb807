/** Runs one async command for a view: tracks busy, the result and a user-readable error. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Language } from '../domain/types';
import { errorText } from './errorText';

export interface ActionState<R> {
  busy: boolean;
  error: string | null;
  result: R | null;
}

export function useAction<A extends unknown[], R>(lang: Language, fn: (...args: A) => Promise<R>) {
  const [state, setState] = useState<ActionState<R>>({ busy: false, error: null, result: null });
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setState((s) => ({ ...s, busy: true, error: null }));
      try {
        const result = await fnRef.current(...args);
        if (mounted.current) setState({ busy: false, error: null, result });
        return result;
      } catch (error) {
        console.error(error); // for developers; the pane shows one sentence
        if (mounted.current) setState({ busy: false, error: errorText(lang, error), result: null });
        return undefined;
      }
    },
    [lang],
  );
  const reset = useCallback(() => setState({ busy: false, error: null, result: null }), []);
  return { ...state, run, reset };
}
