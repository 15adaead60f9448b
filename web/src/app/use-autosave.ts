import { useCallback, useEffect, useRef, useState } from 'react';
import { isConnectionError } from './api';
import { appNow } from './clock';

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
  /** Changes with every edit (a counter): each restarts the pause. */
  edits: number;
  /** Whether something valid waits to be saved, read from the page's latest drafts. */
  pending: () => boolean;
  /** Sends what waits now; resolves once the server holds it. `keepalive` when the page is going away. */
  save: (opts: { keepalive: boolean }) => Promise<void>;
  /** Off while a conflict waits for the person's choice. */
  enabled?: boolean;
  /** The pause after the last keystroke, in milliseconds. */
  delay?: number;
}

const RETRY_MS = [2_000, 5_000, 10_000, 20_000, 30_000];

export function useAutosave({ edits, pending, save, enabled = true, delay = 1500 }: AutosaveOptions) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const latest = useRef({ pending, save, enabled });
  latest.current = { pending, save, enabled };
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const retries = useRef(0);

  const clear = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };

  /** Saves until nothing valid waits (what is typed meanwhile goes in the next round); false when a save failed. */
  const run = useCallback((keepalive = false): Promise<boolean> => {
    clear();
    if (inFlight.current) return inFlight.current;
    if (!latest.current.enabled || !latest.current.pending()) return Promise.resolve(true);
    setState({ kind: 'saving' });
    const attempt = (async () => {
      try {
        for (let round = 0; round < 5 && latest.current.enabled && latest.current.pending(); round++) await latest.current.save({ keepalive });
        retries.current = 0;
        setState({ kind: 'saved', at: appNow().toISOString() });
        return true;
      } catch (e) {
        if (isConnectionError(e)) {
          setState({ kind: 'offline' });
          const wait = RETRY_MS[Math.min(retries.current, RETRY_MS.length - 1)]!;
          retries.current += 1;
          timer.current = setTimeout(() => void run(), wait);
        } else {
          setState({ kind: 'failed', error: e });
        }
        return false;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = attempt;
    return attempt;
  }, []);

  // A pause after the last edit.
  useEffect(() => {
    if (!enabled || !latest.current.pending()) return;
    clear();
    timer.current = setTimeout(() => void run(), delay);
    return clear;
  }, [edits, enabled, delay, run]);

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
    /** Saves what waits now (leaving a field, the Save button, before sending): true once all of it is saved. */
    flush: useCallback(async () => {
      while (inFlight.current) await inFlight.current;
      return run();
    }, [run]),
    /** Back to idle after the page resolved a refusal or a conflict. */
    reset: useCallback(() => setState({ kind: 'idle' }), []),
  };
}
