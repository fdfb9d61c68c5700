// Saves one value as it is typed: debounced, one request at a time, the newest text never dropped,
// retried with backoff on failure (and on demand), flushed when the field leaves the page or the page
// is hidden or closed. A version conflict keeps both texts for the person to resolve. Used by every
// editor: answers, plan-row cells, assessments of last period's items.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error' | 'conflict';

export interface Conflict {
  value: unknown;
  version: number;
  updatedBy: string | null;
}

export interface SaverOptions<T> {
  /** The value and version the server last gave. A newer version replaces a draft with no unsaved changes. */
  value: T;
  version: number;
  /** Writes the value over baseVersion; resolves with the new version. keepalive: the page is going away. */
  write: (value: T, baseVersion: number, opts: { keepalive: boolean }) => Promise<number>;
  onSaved?: () => void;
}

// Every saver with unsaved work, so a page being hidden or closed can flush them all.
const unsaved = new Set<() => void>();
let listening = false;
function flushAllOnLeave() {
  if (listening) return;
  listening = true;
  const flush = () => {
    for (const f of [...unsaved]) f();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
}

/** Whether any editor on the page still has work the server has not confirmed. */
export const hasUnsavedWork = () => unsaved.size > 0;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function useSaver<T>(opts: SaverOptions<T>) {
  const [draft, setDraftState] = useState<T>(opts.value);
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const base = useRef(opts.version);
  const latest = useRef<T>(opts.value);
  const savedValue = useRef<T>(opts.value);
  const inFlight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const blocked = useRef(false);
  /** Consecutive failures: the next retry waits 2, 4, 8 … s (at most 30 s); the text stays put. */
  const failures = useRef(0);
  const write = useRef(opts.write);
  write.current = opts.write;
  const onSaved = useRef(opts.onSaved);
  onSaved.current = opts.onSaved;
  const dirty = () => !same(latest.current, savedValue.current);

  const save = useCallback(async (keepalive = false) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current || blocked.current || !dirty()) return;
    inFlight.current = true;
    const value = latest.current;
    if (!keepalive) setState('saving');
    try {
      base.current = await write.current(value, base.current, { keepalive });
      savedValue.current = value;
      failures.current = 0;
      if (!dirty()) unsaved.delete(leave.current);
      if (!keepalive) {
        setState('saved');
        setError(null);
        onSaved.current?.();
      }
    } catch (e) {
      if (keepalive) return;
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        const current = (e.details?.current ?? { value: null, version: 0, updatedBy: null }) as Conflict;
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
    if (!keepalive && !blocked.current && failures.current === 0 && dirty()) void save();
  }, []);

  // What runs when the page goes away or the editor is removed: send what is left, without waiting.
  const leave = useRef(() => void save(true));

  const setDraft = useCallback(
    (value: T, delayMs = 700) => {
      latest.current = value;
      setDraftState(value);
      if (dirty()) {
        flushAllOnLeave();
        unsaved.add(leave.current);
      }
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), delayMs);
    },
    [save],
  );

  // The server moved on (the other party saved, a reload): take its value unless I have unsaved work.
  useEffect(() => {
    if (opts.version > base.current && !dirty() && !inFlight.current && !blocked.current) {
      base.current = opts.version;
      latest.current = opts.value;
      savedValue.current = opts.value;
      setDraftState(opts.value);
    }
  }, [opts.version, opts.value]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      const flush = leave.current;
      if (unsaved.has(flush)) {
        flush();
        unsaved.delete(flush);
      }
    },
    [],
  );

  const resolve = useCallback(
    (choice: 'mine' | 'theirs' | 'merge') => {
      if (!conflict) return;
      base.current = conflict.version;
      savedValue.current = conflict.value as T;
      blocked.current = false;
      setConflict(null);
      if (choice === 'theirs') {
        latest.current = conflict.value as T;
        setDraftState(conflict.value as T);
        unsaved.delete(leave.current);
        setState('saved');
        onSaved.current?.();
        return;
      }
      const value =
        choice === 'merge'
          ? ([conflict.value, latest.current]
              .filter((v) => typeof v === 'string' && v !== '')
              .join('\n\n') as T)
          : latest.current;
      latest.current = value;
      setDraftState(value);
      void save();
    },
    [conflict, save],
  );

  const retry = useCallback(() => {
    failures.current = 0;
    void save();
  }, [save]);

  return { draft, setDraft, flush: () => save(), state, error, conflict, resolve, retry };
}
