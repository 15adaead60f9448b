import { useCallback, useEffect, useRef, useState } from 'react';
import { isConnectionError } from './api';

// Saving a draft as the person types (sheets, reports): a pause after the last keystroke, leaving a
// field, hiding or closing the tab each send what is waiting, one save at a time (each answers the
// revision the next one builds on). A dropped connection is retried until it comes back; a refusal
// waits for the next change.

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'offline' }
  | { kind: 'failed'; error: unknown };

export interface AutosaveOptions {
  /** Something valid is waiting to be saved. */
  hasChanges: boolean;
  /** Changes with every edit (a counter): each restarts the pause. */
  edits: number;
  /** Sends what is waiting; resolves once the server holds it. `keepalive` when the page is going away. */
  save: (opts: { keepalive: boolean }) => Promise<void>;
  /** Off while a conflict waits for the person's choice. */
  enabled?: boolean;
  /** The pause after the last keystroke, in milliseconds. */
  delay?: number;
}

const RETRY_MS = [2_000, 5_000, 10_000, 20_000, 30_000];

export function useAutosave({ hasChanges, edits, save, enabled = true, delay = 1500 }: AutosaveOptions) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const latest = useRef({ hasChanges, save, enabled });
  latest.current = { hasChanges, save, enabled };
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const retries = useRef(0);

  const clear = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };

  const run = useCallback(async (keepalive = false): Promise<void> => {
    clear();
    if (inFlight.current) {
      again.current = true;
      return inFlight.current;
    }
    if (!latest.current.hasChanges || !latest.current.enabled) return;
    setState({ kind: 'saving' });
    const attempt = (async () => {
      try {
        await latest.current.save({ keepalive });
        retries.current = 0;
        setState({ kind: 'saved', at: new Date().toISOString() });
      } catch (e) {
        if (isConnectionError(e)) {
          setState({ kind: 'offline' });
          const wait = RETRY_MS[Math.min(retries.current, RETRY_MS.length - 1)]!;
          retries.current += 1;
          timer.current = setTimeout(() => void run(), wait);
        } else {
          setState({ kind: 'failed', error: e });
        }
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = attempt;
    await attempt;
    if (again.current) {
      again.current = false;
      // After the page has taken in the answer (the drafts it cleared, the new revision).
      timer.current = setTimeout(() => void run(), 0);
    }
  }, []);

  // A pause after the last edit.
  useEffect(() => {
    if (!hasChanges || !enabled) return;
    clear();
    timer.current = setTimeout(() => void run(), delay);
    return clear;
  }, [edits, hasChanges, enabled, delay, run]);

  // Hiding or closing the tab, and the connection coming back.
  useEffect(() => {
    const hidden = () => {
      if (document.visibilityState === 'hidden') void run(true);
    };
    const leaving = () => void run(true);
    const online = () => void run();
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('pagehide', leaving);
    window.addEventListener('online', online);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('pagehide', leaving);
      window.removeEventListener('online', online);
    };
  }, [run]);

  useEffect(() => clear, []);

  return {
    state,
    /** Saves what is waiting now (leaving a field, before a step such as sending). */
    flush: useCallback(() => run(), [run]),
    /** Back to idle after the page resolved a refusal or a conflict. */
    reset: useCallback(() => setState({ kind: 'idle' }), []),
  };
}
