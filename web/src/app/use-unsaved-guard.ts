import { App as AntdApp } from 'antd';
import { useEffect, useId, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';

// Leaving a page with unsaved changes asks first. Any part of a page (a sheet, a report, a plan's
// section, a form) says it holds unsaved changes with useUnsavedGuard; the one guard in the shell
// asks before an in-app navigation (a link, the menu, Back) with a dialog, Vietnamese first, and the
// browser asks before the tab closes or reloads. A router holds one blocker at a time, hence one guard.

const holders = new Map<string, string | undefined>();
const listeners = new Set<() => void>();
let version = 0;

function publish() {
  version += 1;
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** What would be lost, when a part of the page said it better than "the unsaved changes". */
function unsavedText(): string | undefined {
  return [...holders.values()].find((t) => t !== undefined);
}

/**
 * Marks this part of the page as holding unsaved changes while `dirty`; `text` says what would be
 * lost when the page knows better than "the unsaved changes".
 */
export function useUnsavedGuard(dirty: boolean, text?: string) {
  const id = useId();
  useEffect(() => {
    if (!dirty) return;
    holders.set(id, text);
    publish();
    return () => {
      holders.delete(id);
      publish();
    };
  }, [id, dirty, text]);
}

/** The one guard, in the shell: asks before leaving while any part of the page holds unsaved changes. */
export function UnsavedChangesGuard() {
  const { t } = useTranslation();
  const { modal } = AntdApp.useApp();
  useSyncExternalStore(subscribe, () => version);
  const dirty = holders.size > 0;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => holders.size > 0 && currentLocation.pathname !== nextLocation.pathname);
  const asked = useRef(false);

  useEffect(() => {
    if (blocker.state !== 'blocked') {
      asked.current = false;
      return;
    }
    if (asked.current) return;
    asked.current = true;
    modal.confirm({
      title: t('editing.unsavedTitle'),
      content: unsavedText() ?? t('editing.unsavedText'),
      okText: t('editing.leave'),
      cancelText: t('editing.stay'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return null;
}
