import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/** The value, once it has stopped changing for `ms` (for search boxes that query the server). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/**
 * A ref that gives its element the focus once the page is on screen. `autoFocus` focuses during
 * React's commit, which makes the browser work out the whole new page's styles and layout there and
 * then, inside the long task that draws it (the sign-in page's biggest stall on a slow phone); after
 * the next frame they are already done.
 */
export function useFocusAfterPaint<T extends { focus: () => void }>() {
  return useCallback((el: T | null) => {
    if (!el) return;
    // Unless the reader has already gone to a field (typing fast, or a password manager): never
    // pull the focus away from where they are.
    const focusIfIdle = () => {
      if (!document.activeElement || document.activeElement === document.body) el.focus();
    };
    requestAnimationFrame(() => setTimeout(focusIfIdle, 0));
  }, []);
}

/** Names the browser tab after the page (WCAG 2.4.2), e.g. "Cán bộ — Thi đua". */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} — Thi đua`;
  }, [title]);
}

/**
 * A list page's filters kept in the address (so a link or a reload shows the same list): the
 * current page and size, the search box debounced into `q`, and `update` to change some filters
 * (going back to page 1 unless told otherwise).
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebounced(search.trim(), 350);

  const update = (changes: Record<string, string | undefined>, resetPage = true) => {
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === '') n.delete(k);
          else n.set(k, v);
        }
        if (resetPage) n.delete('page');
        return n;
      },
      { replace: true },
    );
  };

  useEffect(() => {
    if ((params.get('q') ?? '') !== q) update({ q: q || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  return { params, page, pageSize, search, setSearch, q, update };
}

/** A change of address parameters: undefined leaves one as it is, null or '' removes it. */
export type AddressChanges = Record<string, string | number | null | undefined>;

/**
 * The page's selection kept in the address (a link or a reload shows the same thing): the current
 * parameters, and `set` to change some of them in place, without a new history entry.
 */
export function useAddressParams(): [URLSearchParams, (changes: AddressChanges) => void] {
  const [params, setParams] = useSearchParams();
  const set = (changes: AddressChanges) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined) continue;
          if (v === null || v === '') n.delete(k);
          else n.set(k, String(v));
        }
        return n;
      },
      { replace: true },
    );
  return [params, set];
}
