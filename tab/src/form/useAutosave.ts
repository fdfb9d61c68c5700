// Saves one answer slot: debounced while typing, flushed on blur, one request at a time, and the
// newest text is never dropped. A version conflict keeps both texts for the user to resolve.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnswerView } from '../../../src/contract/views.ts';
import { ApiError, type Api } from '../api.ts';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error' | 'conflict';

export interface Conflict {
  value: unknown;
  version: number;
  updatedBy: string;
}

export function useAutosave(
  api: Api,
  conversationId: string,
  fieldId: string,
  initial: AnswerView | undefined,
  empty: unknown,
  onSaved: () => void,
) {
  const [draft, setDraftState] = useState<unknown>(initial?.value ?? empty);
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const base = useRef(initial?.version ?? 0);
  const latest = useRef<unknown>(initial?.value ?? empty);
  const savedValue = useRef<unknown>(initial?.value ?? empty);
  const inFlight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const blocked = useRef(false);
  /** Consecutive failures: the next retry waits 2, 4, 8 … s (at most 30 s); the text stays put. */
  const failures = useRef(0);

  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (
      inFlight.current ||
      blocked.current ||
      JSON.stringify(latest.current) === JSON.stringify(savedValue.current)
    )
      return;
    inFlight.current = true;
    const value = latest.current;
    setState('saving');
    try {
      const res = await api.call('saveAnswer', {
        params: { id: conversationId, fieldId },
        body: { value, baseVersion: base.current },
      });
      base.current = res.answer.version;
      savedValue.current = value;
      failures.current = 0;
      setState('saved');
      setError(null);
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        const current = (e.details?.current ?? { value: null, version: 0, updatedBy: '' }) as Conflict;
        blocked.current = true;
        setConflict(current);
        setState('conflict');
      } else {
        setError(e instanceof Error ? e.message : String(e));
        setState('error');
        failures.current += 1;
        const wait = Math.min(30_000, 1000 * 2 ** failures.current);
        timer.current = setTimeout(() => void save(), wait);
      }
    } finally {
      inFlight.current = false;
    }
    // Typing went on while the request ran: save the newer text too (a failure retries on its timer).
    if (
      !blocked.current &&
      failures.current === 0 &&
      JSON.stringify(latest.current) !== JSON.stringify(savedValue.current)
    )
      void save();
  }, [api, conversationId, fieldId, onSaved]);

  const setDraft = useCallback(
    (value: unknown, delayMs = 800) => {
      latest.current = value;
      setDraftState(value);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), delayMs);
    },
    [save],
  );

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const resolve = useCallback(
    (choice: 'mine' | 'theirs' | 'merge') => {
      if (!conflict) return;
      base.current = conflict.version;
      savedValue.current = conflict.value;
      blocked.current = false;
      setConflict(null);
      if (choice === 'theirs') {
        latest.current = conflict.value;
        setDraftState(conflict.value);
        setState('saved');
        onSaved();
        return;
      }
      const value =
        choice === 'merge'
          ? [conflict.value, latest.current].filter((v) => typeof v === 'string' && v !== '').join('\n\n')
          : latest.current;
      latest.current = value;
      setDraftState(value);
      void save();
    },
    [conflict, onSaved, save],
  );

  return { draft, setDraft, flush: save, state, error, conflict, resolve };
}
