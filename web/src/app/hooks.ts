import { useEffect, useState } from 'react';

/** The value, once it has stopped changing for `ms` (for search boxes that query the server). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** Names the browser tab after the page (WCAG 2.4.2), e.g. "Cán bộ — Thi đua". */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} — Thi đua`;
  }, [title]);
}
