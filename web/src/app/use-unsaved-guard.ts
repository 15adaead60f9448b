import { App as AntdApp } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';

/**
 * Asks before leaving the page while edits are unsaved: in the app (a link, the menu, Back) with a
 * dialog, Vietnamese first; by closing or reloading the tab with the browser's own question. `text`
 * says what would be lost when the page knows better than "the unsaved changes".
 */
export function useUnsavedGuard(dirty: boolean, text?: string) {
  const { t } = useTranslation();
  const { modal } = AntdApp.useApp();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  const textRef = useRef(text);
  textRef.current = text;

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('editing.unsavedTitle'),
      content: textRef.current ?? t('editing.unsavedText'),
      okText: t('editing.leave'),
      cancelText: t('editing.stay'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [blocker.state]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
