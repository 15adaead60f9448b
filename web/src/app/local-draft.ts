// A copy of what is typed but not yet saved, kept in this browser: if the connection is down when
// the tab closes, reopening the page puts it back (the server's draft holds everything saved).

const PREFIX = 'thidua.draft.';

export interface LocalDraft<T> {
  /** The revision the draft was typed on: restored only onto the same one. */
  revision: number;
  value: T;
}

export function readLocalDraft<T>(key: string): LocalDraft<T> | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as LocalDraft<T>) : null;
  } catch {
    return null;
  }
}

/** Keeps the draft, or forgets it (null) once everything is saved. */
export function writeLocalDraft<T>(key: string, draft: LocalDraft<T> | null): void {
  try {
    if (draft === null) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, JSON.stringify(draft));
  } catch {
    // private mode or full storage: the server's draft still holds what was saved
  }
}
