import { useEffect, useState } from 'react';

/**
 * Whether one section of the plan page has unsaved edits. It starts clean again whenever the saved
 * values (their `signature`) change, and tells the page, which guards navigation and publishing.
 */
export function useSectionDirty(signature: string, onDirtyChange: (dirty: boolean) => void) {
  const [dirty, setDirty] = useState(false);
  useEffect(() => setDirty(false), [signature]);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  return [dirty, setDirty] as const;
}
